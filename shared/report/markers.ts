/**
 * The bot's part of a report page lies between two comments; people may write above and below
 * them. Pure: the caller reads and saves the page.
 */
export const REPORT_START = '<!-- partnership-tracker:report:start -->';
export const REPORT_END = '<!-- partnership-tracker:report:end -->';

/** The class of the "last updated" line: the only line that may differ without being a change. */
export const UPDATED_CLASS = 'partnership-report-updated';

const UPDATED_LINE = new RegExp(`^<div class="${UPDATED_CLASS}".*$`, 'gm');

/**
 * The block as compared: the "last updated" line blanked, line ends and NFC as MediaWiki stores
 * them, trailing spaces of lines dropped.
 */
export function normaliseBlock(block: string): string {
  return block
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(UPDATED_LINE, `<div class="${UPDATED_CLASS}">`)
    .replace(/[ \t]+$/gm, '')
    .trim();
}

function occurrences(text: string, marker: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) found.push(at);
  return found;
}

export type SpliceResult =
  | {readonly action: 'create' | 'update' | 'append'; readonly text: string}
  | {readonly action: 'unchanged'}
  /** The markers are damaged (one missing, repeated, or out of order): writing could lose people's text. */
  | {readonly action: 'refuse'; readonly reason: string};

/**
 * Puts `block` (markers included) on a page whose current text is `existing` (null: no page).
 * Text outside the markers is kept byte for byte. A page without markers gets the block
 * appended; damaged markers are never guessed at.
 */
export function spliceReport(existing: string | null, block: string): SpliceResult {
  if (existing === null) return {action: 'create', text: block};
  const starts = occurrences(existing, REPORT_START);
  const ends = occurrences(existing, REPORT_END);
  if (starts.length === 0 && ends.length === 0) {
    const before = existing.trimEnd();
    return {action: 'append', text: before === '' ? block : `${before}\n\n${block}`};
  }
  const [start] = starts;
  const [end] = ends;
  if (starts.length !== 1 || ends.length !== 1 || start === undefined || end === undefined || end < start) {
    return {action: 'refuse', reason: `the report markers are damaged (${starts.length} start, ${ends.length} end${end !== undefined && start !== undefined && end < start ? ', end before start' : ''}): repair them by hand`};
  }
  const current = existing.slice(start, end + REPORT_END.length);
  if (normaliseBlock(current) === normaliseBlock(block)) return {action: 'unchanged'};
  return {action: 'update', text: `${existing.slice(0, start)}${block}${existing.slice(end + REPORT_END.length)}`};
}
