/**
 * escapeWikitext: any text in, wikitext out that MediaWiki shows as that text and nothing more.
 * Here the output is checked offline (its characters, what a browser decodes, and what
 * wikiparser-node's full parse makes of it); test/integration/bot/report.test.ts renders it
 * through the real wiki's parser.
 */
import fc from 'fast-check';
import Parser from 'wikiparser-node';
import {carriedText, decodeCharReferences, displayText, escapeWikitext} from '../../../shared/report/escape';

const HOSTILE = 'Evil <script>alert(1)</script> [[Category:Hacked]] {{Delete}}';

/** What a browser shows for text with numeric references (the only references escapeWikitext writes). */
function browserText(html: string): string {
  return html.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

function nodeTypes(wikitext: string): Set<string> {
  const types = new Set<string>();
  const walk = (node: {type: string; childNodes?: readonly unknown[]}) => {
    types.add(node.type);
    for (const child of node.childNodes ?? []) walk(child as typeof node);
  };
  walk(Parser.parse(wikitext) as unknown as {type: string; childNodes: readonly unknown[]});
  return types;
}

// Text full of what wikitext reacts to, mixed with any Unicode, including what HTML cannot carry.
const MARKUP = ['[[', ']]', '{{', '}}', '{{{', '|', '||', '!!', "''", "'''", '~~~~', '__TOC__', '<', '>', '</nowiki>', '<!--', '-->', '&amp;', '&#91;',
  '=', '==', '*', '#', ':', ';', '----', ' ', '\n', '\t', '\r\n', 'http://example.org', 'ISBN 978', 'RFC 1234', ' ?', ' !', ' :', '« ', '-{', '}-', '\u007f', '\u0000', '\ud800', 'e\u0301', '\u2028', '\u00a0'];
const markupText = fc.array(fc.oneof(fc.constantFrom(...MARKUP), fc.string({unit: 'grapheme'}), fc.string({unit: 'binary'})), {maxLength: 12})
  .map((parts) => parts.join(''));

describe('escapeWikitext', () => {
  it('writes a hostile partner name as character references only', () => {
    const escaped = escapeWikitext(HOSTILE);
    expect(escaped).toBe('Evil &#60;script&#62;alert(1)&#60;/script&#62; &#91;&#91;Category&#58;Hacked&#93;&#93; &#123;&#123;Delete&#125;&#125;');
    expect(escapeWikitext("''bold'' ~~~~ __TOC__ http://x.org/ Yes!! =")).toBe('&#39;&#39;bold&#39;&#39; &#126;&#126;&#126;&#126; &#95;&#95;TOC&#95;&#95; http&#58;//x.org/ Yes&#33;&#33; &#61;');
    expect(browserText(escaped)).toBe(HOSTILE);
  });

  it('leaves plain names in any script readable', () => {
    for (const name of ['Musée du Louvre', 'Государственный Эрмитаж', 'المكتبة الوطنية اللبنانية', '國立故宮博物院', 'Goethe-Universität (Frankfurt), 2.0',
      "L'Oréal: a *big* #1; a=b, \"quoted\", stage_since"]) {
      expect(escapeWikitext(name)).toBe(name);
    }
  });

  it('guards what only matters at the start or end of a line, and the spaces MediaWiki would change', () => {
    expect(escapeWikitext('----')).toBe('&#45;---');
    expect(escapeWikitext(' pre ')).toBe('&#32;pre&#32;');
    expect(escapeWikitext('Quoi ?')).toBe('Quoi&#32;?');
    expect(escapeWikitext('« Louvre »')).toBe('«&#32;Louvre&#32;»');
    expect(escapeWikitext('ISBN 978-2-07-036822-8')).toBe('ISB&#78; 978-2-07-036822-8');
    expect(escapeWikitext('a\nb')).toBe('a&#10;b');
  });

  it('replaces what HTML cannot carry with U+FFFD and normalises to NFC, as MediaWiki does', () => {
    expect(carriedText('a\u0000b\u007fc\ud800')).toBe('a\uFFFDb\uFFFDc\uFFFD');
    expect(escapeWikitext('e\u0301')).toBe('é');
  });

  it('property: a browser shows exactly the carried text, whatever the input', () => {
    fc.assert(fc.property(markupText, (text) => {
      expect(browserText(escapeWikitext(text))).toBe(carriedText(text));
    }), {numRuns: 2000});
  });

  it('property: no markup survives: no link, template, tag or cell character, no doubled sign, no URL, nothing at the ends', () => {
    fc.assert(fc.property(markupText, (text) => {
      const escaped = escapeWikitext(text);
      // Outside the references themselves (`&#NN;`)…
      const bare = escaped.replace(/&#\d+;/g, '\u0000');
      expect(bare).not.toMatch(/[&<>[\]{}|\n\r\t\u007f\u2028\u2029]/);
      expect(bare).not.toMatch(/''|~~|__|!!|:[^\s]|:$/);
      expect(bare).not.toMatch(/^[-*#:;=! ]|[=' ~_!]$/);
      expect(bare).not.toMatch(/ (?=[?:;!%»›])|[«‹] /);
      expect(bare).not.toMatch(/ISBN|RFC|PMID/);
    }), {numRuns: 2000});
  });

  it('property: a full wikitext parse finds nothing but text, in running text, a table cell, a link label, a list item and a heading', () => {
    const structure = ['root', 'text', 'table', 'table-syntax', 'table-attrs', 'tr', 'td', 'td-inner', 'link', 'link-target', 'link-text',
      'list', 'list-range', 'heading', 'heading-title', 'heading-trail'];
    fc.assert(fc.property(markupText, (text) => {
      const escaped = escapeWikitext(text);
      expect([...nodeTypes(escaped)].filter((t) => t !== 'root' && t !== 'text')).toEqual([]);
      const contexts = nodeTypes(`{|\n|-\n| ${escaped}\n| [[:Page|${escaped}]]\n|}\n* ${escaped}\n== ${escaped} ==\n${escaped}`);
      expect([...contexts].filter((t) => !structure.includes(t))).toEqual([]);
    }), {numRuns: 300});
  });
});

describe('displayText', () => {
  it('shows references as the characters a reader sees, on one line', () => {
    expect(displayText('Evil &#123;&#123;Delete&#125;&#125; &amp; co\n  second line ')).toBe('Evil {{Delete}} & co second line');
    expect(displayText('   ')).toBeNull();
    expect(displayText(undefined)).toBeNull();
  });

  it('leaves unknown or invalid references as written', () => {
    expect(decodeCharReferences('&bogus; &#0; &#x110000;')).toBe('&bogus; &#0; &#x110000;');
  });
});
