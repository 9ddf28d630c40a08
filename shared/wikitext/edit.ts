import {readTemplates, type TemplateOccurrence} from './reader';
import {spliceParams} from './splice';
import {findTemplates, stripComments, type WikitextParser} from './syntax-tree';
import type {TemplateMatcher} from './template-name';

export type EditRefusalCode = 'no-such-template' | 'bad-parameter-name' | 'breaks-template';

/** An edit that cannot be written without changing what the page means. Nothing is written. */
export class EditRefused extends Error {
  constructor(
    readonly code: EditRefusalCode,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'EditRefused';
  }
}

export interface EditResult {
  readonly text: string;
  /** The parameters whose value changed, in the order asked. */
  readonly changed: readonly string[];
  /** What was written for each changed parameter: the value asked for, with bare pipes as `{{!}}`. */
  readonly written: Readonly<Record<string, string>>;
}

export interface WikitextTools {
  readonly parse: WikitextParser;
  readonly matches: TemplateMatcher;
}

const NAME_FORBIDDEN = /[|={}\n\r]|<!--|^\s*$/;

/**
 * The one way the project changes a partnership: only the asked values change, and the result is
 * read back to prove that the page still holds the same templates and every other value.
 */
export function editPartnership(
  wikitext: string,
  index: number,
  changes: Readonly<Record<string, string>>,
  tools: WikitextTools,
): EditResult {
  const before = readTemplates(wikitext, tools.parse, tools.matches);
  const target = before[index];
  if (!target) {
    throw new EditRefused('no-such-template', undefined, `no {{Partnership}} at index ${index} (the page has ${before.length})`);
  }
  const wanted = new Map<string, string>();
  for (const [rawName, rawValue] of Object.entries(changes)) {
    const name = rawName.trim();
    if (NAME_FORBIDDEN.test(name)) throw new EditRefused('bad-parameter-name', rawName, `"${rawName}" cannot be a parameter name`);
    const value = escapeValue(rawValue.trim(), name, tools.parse);
    if (!holds(target, name, value)) wanted.set(name, value);
  }
  if (wanted.size === 0) return {text: wikitext, changed: [], written: {}};
  const text = spliceParams(wikitext, target.syntax, wanted);
  verify(wikitext, text, before, index, wanted, tools);
  return {text, changed: [...wanted.keys()], written: Object.fromEntries(wanted)};
}

/** Already the value: as written, or as the template receives it when only comments differ. */
function holds(occurrence: TemplateOccurrence, name: string, value: string): boolean {
  const written = occurrence.params[name] ?? '';
  return written === value || (!value.includes('<!--') && (occurrence.values[name] ?? '') === value);
}

/**
 * A pipe that MediaWiki would read as a parameter separator becomes `{{!}}`, which renders as a
 * pipe. The parser decides which pipes those are, so pipes in links, nested templates, comments
 * and `<nowiki>` stay as written. Anything else that would escape the value (`}}`, an unclosed
 * `{{` or comment) is refused.
 */
export function escapeValue(value: string, name: string, parse: WikitextParser): string {
  let escaped = value;
  for (let guard = 0; guard <= value.length; guard++) {
    const probe = `{{X|${name}=${escaped}}}`;
    const templates = findTemplates(parse(probe));
    const outer = templates.find((t) => t.start === 0 && t.end === probe.length);
    if (!outer) break;
    const split = outer.params[1];
    if (outer.params.length === 1 && outer.params[0]?.rawValue === escaped) return escaped;
    if (!split) break;
    const pipe = split.start - 1 - (`{{X|${name}=`.length);
    if (escaped[pipe] !== '|') break;
    escaped = `${escaped.slice(0, pipe)}{{!}}${escaped.slice(pipe + 1)}`;
  }
  throw new EditRefused('breaks-template', name,
    `the value of "${name}" would break the template (unbalanced "{{", "}}", or an unclosed comment or tag): ${abbreviate(value)}`);
}

function verify(
  original: string,
  edited: string,
  before: readonly TemplateOccurrence[],
  index: number,
  wanted: ReadonlyMap<string, string>,
  tools: WikitextTools,
): void {
  const target = before[index] as TemplateOccurrence;
  const after = readTemplates(edited, tools.parse, tools.matches);
  const firstField = [...wanted.keys()][0];
  const fail = (why: string, field = firstField): never => {
    throw new EditRefused('breaks-template', field, `the value of "${field}" was not written because ${why}`);
  };
  if (after.length !== before.length) fail(`the page would hold ${after.length} partnerships instead of ${before.length}`);
  const growth = edited.length - original.length;
  if (edited.slice(0, target.syntax.start) !== original.slice(0, target.syntax.start)
    || edited.slice(target.syntax.end + growth) !== original.slice(target.syntax.end)) {
    fail('text outside the template would change');
  }
  const edited_ = after[index] as TemplateOccurrence;
  for (const [name, value] of wanted) {
    // Trailing comments of the old value are kept, so the written text may continue after the value.
    const writtenBack = edited_.params[name] ?? '';
    if (!writtenBack.startsWith(value) || edited_.values[name] !== stripComments(value).trim()) {
      fail(`it would read back as ${abbreviate(writtenBack)}`, name);
    }
  }
  for (const [name, value] of Object.entries(target.params)) {
    if (!wanted.has(name) && edited_.params[name] !== value) fail(`"${name}" would change too`);
  }
  before.forEach((occurrence, i) => {
    if (i === index) return;
    const other = after[i] as TemplateOccurrence;
    const shift = i > index ? growth : 0;
    if (other.syntax.start !== occurrence.syntax.start + shift
      || edited.slice(other.syntax.start, other.syntax.end) !== original.slice(occurrence.syntax.start, occurrence.syntax.end)) {
      fail(`partnership ${i} on the same page would change`);
    }
  });
}

function abbreviate(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}
