/**
 * Which section of its page each partnership sits in, so the report can link to
 * `[[Page#Section]]`. Pure: the caller brings the page text.
 */
import {EXTENSION_TAGS} from '../wikitext/extension-tags';
import {readTemplates} from '../wikitext/reader';
import type {WikitextTools} from '../wikitext/edit';

export interface Heading {
  /** Offset of the start of the heading's line. */
  readonly offset: number;
  /** The heading's text as written, trimmed. */
  readonly text: string;
  /** The anchor MediaWiki gives it: repeated headings get `_2`, `_3`… */
  readonly anchor: string;
}

const OPAQUE = new RegExp(`<!--[\\s\\S]*?(?:-->|$)|<(${EXTENSION_TAGS.join('|')})\\b[^>]*?(?:/>|>[\\s\\S]*?(?:</\\1\\s*>|$))`, 'gi');

/** Comments and extension tags (`<nowiki>`, `<pre>`…) replaced by spaces, line breaks kept, so offsets stay. */
function blankOpaque(text: string): string {
  return text.replace(OPAQUE, (part) => part.replace(/[^\n]/g, ' '));
}

const HEADING = /^(={1,6})(.+?)(={1,6})[ \t]*$/gm;

/** The section headings of a page, in order, outside comments and extension tags. */
export function headingsOf(wikitext: string): Heading[] {
  const headings: Heading[] = [];
  const seen = new Map<string, number>();
  for (const match of blankOpaque(wikitext).matchAll(HEADING)) {
    const [, open = '', inner = '', close = ''] = match;
    // `=== A ==` is a level-2 heading whose text is `= A`: the extra signs belong to the text.
    const level = Math.min(open.length, close.length);
    const text = `${'='.repeat(open.length - level)}${inner}${'='.repeat(close.length - level)}`.trim();
    if (text === '') continue;
    const count = (seen.get(text) ?? 0) + 1;
    seen.set(text, count);
    headings.push({offset: match.index ?? 0, text, anchor: count === 1 ? text : `${text}_${count}`});
  }
  return headings;
}

/** For each template index on the page: the anchor of the section it sits in, or null above the first heading. */
export function templateSections(wikitext: string, tools: WikitextTools): (string | null)[] {
  const headings = headingsOf(wikitext);
  return readTemplates(wikitext, tools.parse, tools.matches).map((template) => {
    const above = headings.filter((h) => h.offset < template.syntax.start);
    return above.length > 0 ? (above[above.length - 1] as Heading).anchor : null;
  });
}
