import {z} from 'zod/mini';
import {parseIsoDate, type Day} from './dates';
import {PARAMS, PARTNER_TYPES, PRIORITIES, type ParamName, type ParamSpec, type PartnerType, type Priority} from './params';
import {normaliseStage, type Stage} from './stages';
import {normaliseUser, type UserPage} from './users';

/**
 * Problem codes double as message keys (`pt-problem-<code>`), so the bot, the report and the
 * gadget explain a bad value in the reader's language.
 */
export type ProblemCode = 'required' | 'invalid-date' | 'invalid-user' | 'unknown-stage' | 'invalid-partner-type' | 'invalid-priority';

const problem = (code: ProblemCode) => ({error: code});

const text = z.string();
const date = z.pipe(
  z.string().check(z.refine((s) => parseIsoDate(s) !== null, problem('invalid-date'))),
  z.transform((s) => parseIsoDate(s) as Day),
);
const user = z.pipe(
  z.string().check(z.refine((s) => normaliseUser(s) !== null, problem('invalid-user'))),
  z.transform((s) => normaliseUser(s) as UserPage),
);
const stage = z.pipe(
  z.string().check(z.refine((s) => normaliseStage(s) !== null, problem('unknown-stage'))),
  z.transform((s) => normaliseStage(s) as Stage),
);
const keyword = <T extends string>(values: readonly T[], code: ProblemCode) => z.pipe(
  z.string().check(z.refine((s) => (values as readonly string[]).includes(s.trim().toLowerCase()), problem(code))),
  z.transform((s) => s.trim().toLowerCase() as T),
);

const BY_TYPE = {
  text,
  agreement: text,
  date,
  user,
  stage,
  'partner-type': keyword<PartnerType>(PARTNER_TYPES, 'invalid-partner-type'),
  priority: keyword<Priority>(PRIORITIES, 'invalid-priority'),
} as const;

type SchemaOf<S extends ParamSpec> = (typeof BY_TYPE)[S['type']];
type Spec<N extends ParamName> = Extract<(typeof PARAMS)[number], {name: N}>;

/** One schema per parameter: a non-empty value in, a typed value out. */
export const FIELD_SCHEMAS = Object.fromEntries(PARAMS.map((p) => [p.name, BY_TYPE[p.type]])) as {
  readonly [N in ParamName]: SchemaOf<Spec<N>>;
};

export type Fields = {-readonly [N in ParamName]?: z.output<SchemaOf<Spec<N>>>};

/** The whole template as one object schema: what TemplateData and the gadget's form describe. */
export const partnershipSchema = z.object(
  Object.fromEntries(PARAMS.map((p) => [p.name, 'required' in p ? FIELD_SCHEMAS[p.name] : z.optional(FIELD_SCHEMAS[p.name])])),
);

export interface FieldProblem {
  readonly field: ParamName;
  readonly code: ProblemCode;
  readonly value: string;
}

/**
 * Validates each parameter on its own, so one bad date does not hide the rest: a value that
 * fails is left out of `fields`, and the rules treat it as empty.
 */
export function validateFields(values: Readonly<Record<string, string>>): {fields: Fields; problems: FieldProblem[]} {
  const fields: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const spec of PARAMS) {
    const value = values[spec.name]?.trim() ?? '';
    if (value === '') {
      if ('required' in spec) problems.push({field: spec.name, code: 'required', value});
      continue;
    }
    const result = FIELD_SCHEMAS[spec.name].safeParse(value);
    if (result.success) fields[spec.name] = result.data;
    else problems.push({field: spec.name, code: (result.error.issues[0]?.message ?? 'required') as ProblemCode, value});
  }
  return {fields: fields as Fields, problems};
}
