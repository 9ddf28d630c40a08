import {nodeWikitextTools} from '../../../bot/wikitext';
import {editPartnership} from '../../../shared/wikitext/edit';
import {readTemplates} from '../../../shared/wikitext/reader';
import {corpusCases} from '../../helpers/corpus';

const tools = nodeWikitextTools(['Partnership']);
const read = (text: string) => readTemplates(text, tools.parse, tools.matches);
const EMBEDDED = '{{Partnership\n| partner = Corpus partner\n| stage = contact\n| notes = kept as written\n}}';

/** Where the template goes: before the case, after it, or at the line boundary nearest its middle. */
function embed(text: string, where: 'before' | 'after' | 'inside'): {page: string; at: number} {
  if (where === 'before') return {page: `${EMBEDDED}\n${text}`, at: 0};
  if (where === 'after') return {page: `${text}\n${EMBEDDED}`, at: text.length + 1};
  const newline = text.indexOf('\n', Math.floor(text.length / 2));
  const at = newline < 0 ? text.length : newline + 1;
  return {page: `${text.slice(0, at)}${EMBEDDED}${text.slice(at)}`, at};
}

describe('lossless editing on MediaWiki\'s parser test corpus', () => {
  const cases = corpusCases();

  it('has the whole corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1077);
  });

  it.each(['before', 'after', 'inside'] as const)('edits a partnership embedded %s each case, changing nothing else', (where) => {
    let edited = 0;
    for (const [n, text] of cases.entries()) {
      const {page, at} = embed(text, where);
      const index = read(page).findIndex((t) => t.syntax.start === at);
      if (index < 0) {
        // Inside a comment, <nowiki>, <pre>… of the case: MediaWiki would not expand it either.
        expect(where).not.toBe('before');
        continue;
      }
      const result = editPartnership(page, index, {stage: 'negotiation', backup_contact: 'Marc | archives'}, tools);
      const growth = result.text.length - page.length;
      const end = at + EMBEDDED.length;
      try {
        expect(result.text.slice(0, at)).toBe(page.slice(0, at));
        expect(result.text.slice(end + growth)).toBe(page.slice(end));
        expect(result.text.slice(at, end + growth)).toBe(
          '{{Partnership\n| partner = Corpus partner\n| stage = negotiation\n| backup_contact = Marc {{!}} archives\n| notes = kept as written\n}}');
        const back = read(result.text)[index]!;
        expect(back.params.stage).toBe('negotiation');
        expect(back.params.backup_contact).toBe('Marc {{!}} archives');
      } catch (error) {
        throw new Error(`case ${n} (${where}): ${(error as Error).message}`);
      }
      edited++;
    }
    expect(edited).toBeGreaterThan(cases.length * (where === 'before' ? 0.999 : 0.9));
  });
});
