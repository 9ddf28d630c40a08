import {PARAMS, PARTNER_TYPES, PRIORITIES, type ParamName, type ParamSpec} from '../../shared/model/params';
import {validateFields, type FieldProblem} from '../../shared/model/schema';
import {normaliseStage, STAGES} from '../../shared/model/stages';
import {parseIsoDate} from '../../shared/model/dates';
import {stripComments} from '../../shared/wikitext/syntax-tree';

/** How a parameter is edited in the form. */
export type FieldKind = 'text' | 'multiline' | 'date' | 'choice';

export interface FieldSetup {
  readonly spec: ParamSpec;
  readonly kind: FieldKind;
  /** What the widget shows when the form opens; a field is changed when its value differs from it. */
  readonly initial: string;
  /** For choices: the values offered, `''` for "not set"; a value outside the list is offered as written. */
  readonly options?: readonly string[];
}

// Free text that is often longer than a line, or written as a list.
const MULTILINE = new Set<string>(['goals', 'volunteers', 'measures', 'next_action', 'outcome', 'notes']);

const CHOICES: Partial<Record<ParamSpec['type'], readonly string[]>> = {
  stage: STAGES,
  'partner-type': PARTNER_TYPES,
  priority: PRIORITIES,
};

// As shared/wikitext/splice.ts: trailing whitespace and comments stay with a parameter when its
// value is replaced (`| stage = active <!-- since March -->`).
const TRAILING_COMMENTS = /(?:\s|<!--(?:(?!<!--)[\s\S])*?-->)*$/;

/**
 * The value as the form shows it: without the comments after it, which the shared editor keeps
 * in place when the value changes (showing them would write them twice).
 */
export function shownValue(written: string | undefined): string {
  return (written ?? '').replace(TRAILING_COMMENTS, '');
}

/**
 * Chooses the widget for a parameter from what is written, so that opening and saving the form
 * never changes a value nobody touched: a date picker only for a valid date, a list only for a
 * known keyword, a text box (multi-line when needed) for everything else, with any comment that
 * is inside the value (a trailing one stays in the page, out of the form).
 */
export function fieldSetup(spec: ParamSpec, written: string | undefined): FieldSetup {
  const value = shownValue(written);
  const plain = !value.includes('<!--');
  if (spec.type === 'date' && plain && (value === '' || parseIsoDate(value) !== null)) {
    return {spec, kind: 'date', initial: value};
  }
  const choices = CHOICES[spec.type];
  if (choices && plain) {
    const keyword = spec.type === 'stage' ? normaliseStage(value) : choices.find((c) => c === value.trim().toLowerCase()) ?? null;
    if (value === '' || keyword !== null) {
      // A required choice that is set cannot be unset from the list; the empty option only while empty.
      const optional = !('required' in spec) || value === '';
      return {spec, kind: 'choice', initial: keyword ?? '', options: [...(optional ? [''] : []), ...choices]};
    }
    return {spec, kind: 'choice', initial: value, options: [value, ...choices]};
  }
  return {spec, kind: MULTILINE.has(spec.name) || value.includes('\n') ? 'multiline' : 'text', initial: value};
}

export function fieldSetups(params: Readonly<Record<string, string>>): FieldSetup[] {
  return PARAMS.map((spec) => fieldSetup(spec, params[spec.name]));
}

const normalise = (value: string): string => value.replace(/\r\n?/g, '\n').trim();

/** The values that differ from what the form showed when it opened: exactly what will be written. */
export function changedValues(setups: readonly FieldSetup[], current: Readonly<Record<string, string>>): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const setup of setups) {
    const value = current[setup.spec.name];
    if (value !== undefined && normalise(value) !== normalise(setup.initial)) changes[setup.spec.name] = normalise(value);
  }
  return changes;
}

/** Validation with the shared schema, on what the template would receive (comments removed). */
export function fieldProblems(current: Readonly<Record<string, string>>): Map<ParamName, FieldProblem> {
  const values = Object.fromEntries(Object.entries(current).map(([name, value]) => [name, stripComments(value)]));
  const problems = new Map<ParamName, FieldProblem>();
  for (const problem of validateFields(values).problems) if (!problems.has(problem.field)) problems.set(problem.field, problem);
  return problems;
}

/**
 * The problems that stop a save: those in fields the user changed. A value that was already
 * wrong and that nobody touched is shown, but does not keep the user from saving something else.
 */
export function blockingProblems(problems: ReadonlyMap<ParamName, FieldProblem>, changes: Readonly<Record<string, string>>): FieldProblem[] {
  return [...problems.values()].filter((p) => p.field in changes);
}
