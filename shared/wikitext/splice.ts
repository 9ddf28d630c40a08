import {PARAM_NAMES} from '../model/params';
import {effectiveParam} from './reader';
import type {ParamSyntax, TemplateSyntax} from './syntax-tree';

interface Insertion {
  readonly at: number;
  readonly text: string;
  /** Ties at one offset keep canonical parameter order. */
  readonly order: number;
}

/**
 * Rewrites only the values asked for; every other byte of the page is kept. Values must already
 * be safe to write (see `edit.ts`). An existing value keeps the whitespace and trailing comments
 * around it; a new parameter takes the style of its neighbours and the template's parameter order.
 */
export function spliceParams(wikitext: string, syntax: TemplateSyntax, changes: ReadonlyMap<string, string>): string {
  const edits: Insertion[] = [];
  for (const [name, value] of changes) {
    const existing = effectiveParam(syntax, name);
    if (existing) edits.push(replaceValue(existing, value));
    else if (value !== '') edits.push(insertParam(syntax, name, value));
  }
  // Back to front, so earlier offsets stay valid.
  edits.sort((a, b) => b.at - a.at || b.order - a.order);
  let text = wikitext;
  for (const edit of edits) {
    const end = 'end' in edit ? (edit as Replacement).end : edit.at;
    text = text.slice(0, edit.at) + edit.text + text.slice(end);
  }
  return text;
}

interface Replacement extends Insertion {
  readonly end: number;
}

const LEADING_SPACE = /^\s*/;
// Trailing whitespace and comments stay with the parameter: `| stage = active <!-- since March -->`.
const TRAILING_SPACE_AND_COMMENTS = /(?:\s|<!--(?:(?!<!--)[\s\S])*?-->)*$/;

function replaceValue(param: ParamSyntax, value: string): Replacement {
  if (param.positional) return {at: param.valueStart, end: param.end, text: value, order: 0};
  const lead = LEADING_SPACE.exec(param.rawValue)?.[0].length ?? 0;
  const rest = param.rawValue.slice(lead);
  const trail = TRAILING_SPACE_AND_COMMENTS.exec(rest)?.[0].length ?? 0;
  return {at: param.valueStart + lead, end: param.end - trail, text: value, order: 0};
}

function canonicalOrder(name: string): number {
  const index = (PARAM_NAMES as readonly string[]).indexOf(name);
  return index < 0 ? PARAM_NAMES.length : index;
}

function trailingWhitespace(text: string): string {
  return /\s*$/.exec(text)?.[0] ?? '';
}

function afterLastNewline(text: string): string {
  const at = text.lastIndexOf('\n');
  return at < 0 ? text : text.slice(at + 1);
}

interface Style {
  readonly block: boolean;
  /** Whitespace before `|` on each line of a block template. */
  readonly indent: string;
  readonly beforeName: string;
  readonly afterName: string;
  readonly afterEquals: string;
  /** Width of `name + afterName` when the `=` signs are aligned in a column. */
  readonly alignTo: number | null;
}

function styleOf(syntax: TemplateSyntax): Style {
  const named = syntax.params.filter((p) => !p.positional);
  const params = syntax.params;
  const newlineAfter = params.filter((p) => trailingWhitespace(p.rawValue).includes('\n')).length;
  const block = params.length === 0 ? syntax.rawName.includes('\n') : newlineAfter * 2 >= params.length;
  const inner = params.slice(0, -1).map((p) => trailingWhitespace(p.rawValue)).filter((ws) => ws.includes('\n'));
  const indent = inner.length > 0 ? afterLastNewline(inner[0] ?? '') : block ? afterLastNewline(syntax.rawName) : '';
  const model = named[0];
  // Aligned `=` signs: the column most parameters share, when some names are padded to reach it.
  const widths = new Map<number, number>();
  for (const p of named) {
    const width = p.rawName.replace(/^\s*/, '').length;
    widths.set(width, (widths.get(width) ?? 0) + 1);
  }
  const [column, shared] = [...widths].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  const aligned = shared >= 2 && named.some((p) => /\S\s{2,}$/.test(p.rawName));
  return {
    block,
    indent,
    beforeName: model ? (/^[ \t]*/.exec(model.rawName)?.[0] ?? '') : block ? ' ' : '',
    afterName: model ? (/[ \t]*$/.exec(model.rawName)?.[0] ?? '') : block ? ' ' : '',
    afterEquals: model ? (/^[ \t]*/.exec(model.rawValue)?.[0] ?? '') : block ? ' ' : '',
    alignTo: aligned ? column : null,
  };
}

function paramText(style: Style, name: string, value: string): string {
  const padding = style.alignTo === null ? style.afterName
    : name.length < style.alignTo ? ' '.repeat(style.alignTo - name.length)
    : style.afterName === '' ? '' : ' ';
  return `|${style.beforeName}${name}${padding}=${style.afterEquals}${value}`;
}

function insertParam(syntax: TemplateSyntax, name: string, value: string): Insertion {
  const style = styleOf(syntax);
  const order = canonicalOrder(name);
  const body = paramText(style, name, value);
  const params = syntax.params;
  let previous: ParamSyntax | undefined;
  for (const param of params) {
    const o = canonicalOrder(param.name);
    if (o < order && (previous === undefined || o >= canonicalOrder(previous.name))) previous = param;
  }
  const last = params[params.length - 1];
  if (previous === undefined) {
    const first = params[0];
    if (first === undefined) {
      // `{{Partnership}}` or `{{Partnership\n}}`
      return style.block
        ? {at: syntax.nameEnd, text: `${syntax.rawName.endsWith('\n') ? '' : '\n'}${body}\n`, order}
        : {at: syntax.nameEnd, text: body, order};
    }
    const pipe = first.start - 1;
    if (!style.block) return {at: pipe, text: `${body}${trailingWhitespace(first.rawValue)}`, order};
    const indent = afterLastNewline(syntax.rawName);
    return syntax.rawName.includes('\n')
      ? {at: pipe - indent.length, text: `${indent}${body}\n`, order}
      : {at: pipe, text: `${body}\n${style.indent}`, order};
  }
  const trail = trailingWhitespace(previous.rawValue);
  if (!style.block) return {at: previous.end, text: `${body}${trail}`, order};
  if (previous !== last) return {at: previous.end, text: `${body}${trail}`, order};
  // The last parameter: its trailing whitespace is the closing `}}`'s indentation.
  return trail.includes('\n')
    ? {at: previous.end - afterLastNewline(trail).length, text: `${style.indent}${body}\n`, order}
    : {at: previous.end, text: `\n${style.indent}${body}`, order};
}
