import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import Parser from 'wikiparser-node';
import {STAGES, STAGE_INFO} from '../../shared/model/stages';

const PATH = join(__dirname, '..', '..', 'wiki', 'Template:Partnership.wikitext');
const TEXT = readFileSync(PATH, 'utf8');

// What a bare MediaWiki 1.39 with ParserFunctions has: the core magic words and parser functions
// used here, and ParserFunctions without its string functions ($wgPFEnableStringFunctions is off).
const ALLOWED_FUNCTIONS = new Set([
  'if', 'ifeq', 'iferror', 'ifexpr', 'switch', 'expr', 'time',
  'lc', 'urlencode', 'padleft', 'formatnum', 'plural', 'pagename', 'namespacenumber',
]);

interface Node {
  readonly type: string;
  readonly name?: string;
  readonly closing?: boolean;
  readonly selfClosing?: boolean;
  readonly childNodes: readonly Node[];
  readonly data?: string;
  toString(): string;
  querySelectorAll(selector: string): Node[];
  lint(): {severity: string; rule: string; message: string; startLine: number; startCol: number}[];
}

/** Parsed as a template page is transcluded: <includeonly> counts, <noinclude> does not. */
const root = Parser.parse(TEXT, true) as unknown as Node;

describe('wiki/Template:Partnership.wikitext', () => {
  it('has no lint errors', () => {
    const errors = root.lint().filter((e) => e.severity === 'error')
      .map((e) => `${e.startLine + 1}:${e.startCol + 1} ${e.rule}: ${e.message}`);
    expect(errors).toEqual([]);
  });

  it('has no lonely brackets or unmatched HTML tags', () => {
    const problems = root.lint().filter((e) => ['lonely-bracket', 'unmatched-tag', 'unclosed-comment'].includes(e.rule))
      .map((e) => `${e.startLine + 1}:${e.startCol + 1} ${e.rule}: ${e.message}`);
    expect(problems).toEqual([]);
  });

  it('has balanced braces', () => {
    expect(TEXT.split('{').length).toBe(TEXT.split('}').length);
    // Every `{{`/`}}` became a template, parser function or parameter: none is left in plain text.
    const texts = root.querySelectorAll('text').map((t) => t.data ?? '');
    expect(texts.filter((t) => t.includes('{{') || t.includes('}}'))).toEqual([]);
  });

  it('uses no Lua and only core magic words and ParserFunctions', () => {
    expect(TEXT).not.toMatch(/#invoke/i);
    expect(TEXT).not.toMatch(/<templatestyles/i);
    const functions = new Set(root.querySelectorAll('magic-word').map((t) => (t.name ?? '').toLowerCase()));
    expect([...functions].filter((f) => !ALLOWED_FUNCTIONS.has(f))).toEqual([]);
    expect(functions.has('if') && functions.has('switch') && functions.has('time')).toBe(true);
    // No template calls either: the box must not depend on other pages existing on the wiki.
    expect(root.querySelectorAll('template')).toEqual([]);
  });

  it('renders one outer element per template: the partnership box', () => {
    const include = /^<includeonly>([\s\S]*)<\/includeonly><noinclude>[\s\S]*<\/noinclude>\n?$/.exec(TEXT);
    expect(include).not.toBeNull();
    // An explanatory comment may come first; it renders nothing.
    const body = include![1]!.replace(/^<!--[\s\S]*?-->/, '');
    expect(body.startsWith('<div class="partnership-box ')).toBe(true);
    // Nesting of <div>s: depth returns to 0 only at the very last </div>.
    const divs = (Parser.parse(body, true) as unknown as Node).querySelectorAll('html')
      .filter((t) => t.name === 'div' && !t.selfClosing);
    let depth = 0;
    const zeros: number[] = [];
    divs.forEach((tag, i) => {
      depth += tag.closing ? -1 : 1;
      if (depth === 0) zeros.push(i);
      expect(depth).toBeGreaterThanOrEqual(0);
    });
    expect(zeros).toEqual([divs.length - 1]);
    // After the box only the tracking categories follow (they render nothing).
    const tail = body.slice(body.lastIndexOf('</div>') + '</div>'.length);
    expect(tail).toMatch(/^\{\{#switch:\{\{NAMESPACENUMBER\}\}\|0\|4=\[\[Category:Partnerships\]\]/);
    expect(tail.replace(/\[\[Category:[^\]]*\]\]/g, '')).not.toMatch(/<|'''|\[\[|\{\{\{(?!stage\|)/);
  });

  it('gives the gadget stable hooks on the outer element', () => {
    const start = TEXT.indexOf('--><div class="partnership-box ') + '-->'.length;
    const outer = TEXT.slice(start, TEXT.indexOf('>', TEXT.indexOf('style=', start)) + 1);
    expect(outer.startsWith('<div class="partnership-box ')).toBe(true);
    expect(outer).toContain('class="partnership-box ');
    expect(outer).toContain('data-partnership-partner="{{urlencode:{{{partner|}}}|PATH}}"');
    expect(outer).toMatch(/data-partnership-stage="\{\{#switch:/);
    expect(outer).toMatch(/data-partnership-priority="\{\{#switch:/);
  });

  it('matches the stage keywords as the model does: case, spaces, underscores and hyphens alike', () => {
    expect(TEXT).toContain('{{lc:{{{stage|}}}}}');
    expect(TEXT).toContain('on-hold|on hold|on_hold');
    for (const stage of STAGES) expect(TEXT).toContain(`|${stage}`);
  });

  it.each([...STAGES])('explains the stage %s with the model\'s description', (stage) => {
    expect(TEXT).toContain(STAGE_INFO[stage].description);
  });

  it('never puts a raw parameter value into an HTML attribute', () => {
    // A `"` or `>` in a value would end the attribute or the tag. Inside attributes, parameters
    // may only be tested (#if, #time, #ifeq), normalised to a keyword (lc + #switch), or
    // percent-encoded (urlencode).
    const allowedBefore = [
      '{{urlencode:', '{{#switch:{{lc:', '{{#ifeq:{{lc:', 'declined={{lc:', 'low={{lc:',
      '{{#if:', '{{#time:Y-m-d|', '{{#time:Ymd|', '{{#time:U|',
    ];
    const unsafe: string[] = [];
    for (const match of TEXT.matchAll(/\s[\w-]+="([^"]*)"/g)) {
      const value = match[1]!;
      for (const use of value.matchAll(/\{\{\{(\w+)\|\}\}\}/g)) {
        const before = value.slice(0, use.index);
        const after = value.slice(use.index! + use[0].length);
        const tested = allowedBefore.some((prefix) => before.endsWith(prefix));
        // The date check {{#ifeq:{{#time:Y-m-d|{{{p|}}}}}|{{{p|}}}|1}} compares and outputs "1".
        const compared = before.endsWith(`{{#ifeq:{{#time:Y-m-d|${use[0]}}}|`) && after.startsWith('|1}}');
        if (!tested && !compared) unsafe.push(`${use[0]} in ${value.slice(0, 60)}…`);
      }
    }
    expect(unsafe).toEqual([]);
  });
});
