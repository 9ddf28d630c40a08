import {nodeWikitextTools} from '../../bot/wikitext';
import {parseWikitext, REPARSED_TAGS} from '../../gadget/parser';
import {editPartnership, type WikitextTools} from '../../shared/wikitext/edit';
import {EXTENSION_TAGS} from '../../shared/wikitext/extension-tags';
import {readTemplates} from '../../shared/wikitext/reader';
import {templateMatcher} from '../../shared/wikitext/template-name';
import {corpusCases} from '../helpers/corpus';

// The bot reads and edits pages with wikiparser-node; the gadget with wikiparser-template. The
// gadget's "Edit" button finds its template by index, and both write through editPartnership:
// the two must see the same templates, at the same offsets, with the same parameters.
const bot = nodeWikitextTools(['Partnership']);
const browser: WikitextTools = {parse: parseWikitext, matches: templateMatcher(['Partnership'])};
const EMBEDDED = '{{Partnership\n| partner = Corpus partner\n| stage = contact\n| notes = kept as written\n}}';

function reading(text: string, tools: WikitextTools): string {
  try {
    return JSON.stringify(readTemplates(text, tools.parse, tools.matches).map((t) => ({
      index: t.index, start: t.syntax.start, end: t.syntax.end, params: t.params, values: t.values, duplicates: t.duplicates,
    })));
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
}

function placements(text: string): string[] {
  const middle = text.indexOf('\n', Math.floor(text.length / 2));
  const at = middle < 0 ? text.length : middle + 1;
  return [`${EMBEDDED}\n${text}`, `${text}\n${EMBEDDED}`, `${text.slice(0, at)}${EMBEDDED}${text.slice(at)}`];
}

describe('the browser parser adapter (gadget/parser.ts)', () => {
  const cases = corpusCases();

  it('reads every parser-test case with a {{Partnership}} embedded exactly as the bot does', () => {
    const disagreements: string[] = [];
    let templates = 0;
    for (const [n, text] of cases.entries()) {
      for (const page of placements(text)) {
        const expected = reading(page, bot);
        const actual = reading(page, browser);
        if (expected !== actual) disagreements.push(`case ${n}: bot ${expected.slice(0, 300)}\n  gadget ${actual.slice(0, 300)}`);
        else templates += (JSON.parse(expected.startsWith('[') ? expected : '[]') as unknown[]).length;
      }
    }
    expect(disagreements).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(1077);
    // Most placements are read (some land inside a case's <pre> or comment, and are not templates).
    expect(templates).toBeGreaterThan(cases.length * 2.7);
  });

  it('edits every case exactly as the bot does', () => {
    const disagreements: string[] = [];
    for (const [n, text] of cases.entries()) {
      const page = `${text}\n${EMBEDDED}`;
      const index = readTemplates(page, bot.parse, bot.matches).length - 1;
      if (index < 0) continue;
      const edit = (tools: WikitextTools) => {
        try {
          return editPartnership(page, index, {stage: 'negotiation', backup_contact: 'Marc | archives', notes: ''}, tools).text;
        } catch (error) {
          return `threw ${(error as Error).message}`;
        }
      };
      if (edit(bot) !== edit(browser)) disagreements.push(`case ${n}`);
    }
    expect(disagreements).toEqual([]);
  });

  it.each(EXTENSION_TAGS.map((tag) => [tag]))('counts a {{Partnership}} inside <%s> as the bot does', (tag) => {
    const page = `{{Partnership|partner=before}}<${tag}>\n{{Partnership|partner=inside}}\n</${tag}>{{Partnership|partner=after}}`;
    expect(reading(page, browser)).toBe(reading(page, bot));
  });

  it('re-parses only tags whose content the bot reads as wikitext', () => {
    // The per-tag test above shows the list is complete; this one that it holds nothing extra.
    for (const tag of REPARSED_TAGS) {
      expect(readTemplates(`<${tag}>{{Partnership}}</${tag}>`, bot.parse, bot.matches)).toHaveLength(1);
    }
  });

  it.each([
    ['a parser function around it', '{{#if:x|{{Partnership|partner=A}}}}{{Partnership|partner=B}}'],
    ['a footnote', 'Text<ref>{{Partnership|partner=R}}</ref> {{Partnership|partner=B}}\n<references/>'],
    ['nesting', '{{Partnership|partner=X|notes={{Partnership|partner=Y}}}}'],
    ['includeonly, noinclude, onlyinclude', '<includeonly>{{Partnership|partner=I}}</includeonly><noinclude>{{Partnership|partner=N}}</noinclude><onlyinclude>{{Partnership|partner=O}}</onlyinclude>'],
    ['modifiers', '{{subst:Partnership|partner=S}}{{safesubst:Partnership|partner=SS}}{{msgnw:Partnership}}{{msg:Partnership|partner=M}}'],
    ['name spellings', '{{Template:partnership|partner=T}}{{ Partnership \n|partner=U}}{{Partnership<!--c-->|partner=C}}{{:Partnership}}'],
    ['opaque tags', '<pre>{{Partnership}}</pre><nowiki>{{Partnership}}</nowiki><!-- {{Partnership}} --><gallery>{{Partnership}}</gallery><poem>{{Partnership|partner=P}}</poem>'],
    ['links and files', '{{Partnership|partner=[[a|b]]|stage=[[File:x.png|thumb|{{Partnership|partner=F}}]]}}'],
    ['pipes that are not separators', '{{Partnership|partner=<ref>a|b</ref>|stage=<nowiki>|</nowiki>|notes=a{{!}}b}}'],
    ['duplicates and positional parameters', '{{Partnership|partner=A|partner=B|x|2=y}}'],
    ['tables and headings', '== {{Partnership|partner=H}} ==\n{|\n| {{Partnership|partner=T}} || x\n|}'],
    ['nested opaque-to-the-browser tags', '<tabs><tab name=a><poll>{{Partnership|partner=deep}}</poll></tab></tabs>'],
  ])('agrees on %s', (_, page) => {
    expect(reading(page, browser)).toBe(reading(page, bot));
  });
});
