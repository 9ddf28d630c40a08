/**
 * User text inside bot-written wikitext. Everything a user wrote into a template must come out
 * of the wiki as the same text and nothing more: no link, category, template, tag, list, table
 * cell, signature, magic link or behaviour switch. Pure: no I/O.
 */

/**
 * Characters with a wikitext meaning anywhere: links, templates, tags, entities, table cells,
 * line breaks (U+2028 and U+2029 too, which JavaScript parsers such as the gadget's take for line
 * ends). Written as numeric character references, which MediaWiki keeps as they are until the
 * browser shows them as the character, so the parser never sees them.
 */
const ALWAYS = new Set(['&', '<', '>', '[', ']', '{', '}', '|', '\n', '\t', '\u2028', '\u2029']);

/** Markup only where a line starts (lists, indents, headings, tables, rules, preformatted text). */
const LINE_START = new Set(['*', '#', ':', ';', '=', '!', '-', ' ']);

/** Markup when doubled: `''` italics and bold, `~~~` signatures, `__TOC__` switches, `!!` header cells. */
const DOUBLED = new Set(["'", '~', '_', '!']);

/** Characters that could pair with what follows the text: a heading's `=`, a doubled sign, a URL's `:`. */
const AT_END = new Set(['=', ' ', ':', ...DOUBLED]);

/** Spaces before these become no-break spaces (French spacing), so such a space is written as a reference. */
const FRENCH_BEFORE = new Set(['?', ':', ';', '!', '%', '»', '›']);
const FRENCH_AFTER = new Set(['«', '‹']);

/** Magic links (ISBN, RFC, PMID) when a wiki enables them: the last letter is written as a reference. */
const MAGIC_WORDS = ['ISBN', 'RFC', 'PMID'];

/**
 * Code points HTML cannot carry: C0 controls other than tab and line feed, DEL
 * (MediaWiki uses it in strip markers and turns it into `?`), C1 controls (browsers remap their
 * references), lone surrogates, U+FFFE and U+FFFF. MediaWiki itself replaces most of them with
 * U+FFFD on input; so does this module, so that what is written is what is shown.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const UNCARRIABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text the wiki can show for `text`: line ends as line feeds (MediaWiki stores no carriage
 * return, and refuses `&#13;`), the uncarriable code points replaced with U+FFFD, in Unicode NFC
 * (MediaWiki normalises every edit and every parse request to NFC).
 */
export function carriedText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNCARRIABLE, '\uFFFD').normalize('NFC');
}

function reference(char: string): string {
  return `&#${char.codePointAt(0)};`;
}

function endsMagicWord(chars: readonly string[], i: number): boolean {
  return MAGIC_WORDS.some((word) => word.length <= i + 1 && chars.slice(i + 1 - word.length, i + 1).join('') === word);
}

/** Whether the character at `i` must be written as a reference. */
function needsReference(chars: readonly string[], i: number): boolean {
  const char = chars[i] as string;
  const next = chars[i + 1];
  if (ALWAYS.has(char)) return true;
  // Line breaks are references, so only the first character can start a line.
  if (i === 0 && LINE_START.has(char)) return true;
  if (next === undefined && AT_END.has(char)) return true;
  if (DOUBLED.has(char) && (next === char || chars[i - 1] === char)) return true;
  // A free link needs `protocol:` followed by an address; a colon followed by a space left as it
  // is never starts one (a reference is not a space to the parser: `mailto:&#9;x` would link).
  if (char === ':' && !(/\s/.test(next ?? '') && !needsReference(chars, i + 1))) return true;
  if (char === ' ' && (FRENCH_BEFORE.has(next ?? '') || FRENCH_AFTER.has(chars[i - 1] ?? ''))) return true;
  return endsMagicWord(chars, i);
}

/**
 * Wikitext that the wiki renders as exactly `carriedText(text)`, in running text, a table cell,
 * a list item, a heading or a link label (not in an HTML attribute, a link target or a template
 * argument). The result holds no line break, `|`, `[`, `]`, `{`, `}`, `<` or `&` of its own, so
 * it cannot end a cell, a link or a line either; its first and last characters cannot combine
 * with what stands around it.
 */
export function escapeWikitext(text: string): string {
  const chars = [...carriedText(text)];
  return chars.map((char, i) => (needsReference(chars, i) ? reference(char) : char)).join('');
}

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0', ndash: '–', mdash: '—', hellip: '…', laquo: '«', raquo: '»',
};

function fromCodePoint(code: number, whole: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10FFFF ? String.fromCodePoint(code) : whole;
}

/**
 * What a reader sees for a template value written with character references (`&#123;&#123;`,
 * `&amp;`): the characters themselves. Unknown names stay as written.
 */
export function decodeCharReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10), whole);
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16), whole);
    return NAMED[name ?? ''] ?? whole;
  });
}

/**
 * A template value as one line of table text: references decoded, runs of whitespace (line
 * breaks included) as one space, trimmed. Empty values are null.
 */
export function displayText(value: string | undefined): string | null {
  if (value === undefined) return null;
  const text = decodeCharReferences(value).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}
