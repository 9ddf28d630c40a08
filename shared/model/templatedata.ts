/**
 * The TemplateData of {{Partnership}} (https://www.mediawiki.org/wiki/Extension:TemplateData),
 * built from the model so that VisualEditor, the documentation and the bot never disagree about
 * the parameters. Pure: no I/O. `scripts/generate-templatedata.ts` writes the block into the
 * documentation page, and a test fails when the committed block drifts from this function.
 */
import {PARAMS, PARAM_GROUPS, PARTNER_TYPES, PRIORITIES, type ParamGroup, type ParamName, type ParamSpec} from './params';
import {STAGES} from './stages';

/** The parameter types TemplateData knows (the subset this template uses, plus the rest for completeness). */
export type TemplateDataType =
  | 'unknown' | 'number' | 'string' | 'line' | 'boolean' | 'date' | 'url'
  | 'wiki-page-name' | 'wiki-file-name' | 'wiki-template-name' | 'wiki-user-name'
  | 'content' | 'unbalanced-wikitext';

export interface TemplateDataParam {
  label: string;
  description: string;
  type: TemplateDataType;
  required?: boolean;
  suggested?: boolean;
  suggestedvalues?: string[];
  example?: string;
  autovalue?: string;
}

export interface TemplateDataSet {
  label: string;
  params: ParamName[];
}

export interface TemplateDataObject {
  description: string;
  params: Record<ParamName, TemplateDataParam>;
  paramOrder: ParamName[];
  sets: TemplateDataSet[];
  format: 'block';
}

export const TEMPLATE_DESCRIPTION =
  'One partnership between a Wikimedia organisation or group and a partner organisation (a museum, a library, ' +
  'a university…): where it stands in its lifecycle, who is involved on both sides, and what comes next. ' +
  'Put one template per partnership; a page may hold several. A bot reads these templates and reminds the ' +
  'coordinators of stages that stall, overdue next actions, missing backup contacts and due evaluations.';

/** Labels of the parameter sets, one per ParamSpec.group, in PARAM_GROUPS order. */
export const GROUP_LABELS: Readonly<Record<ParamGroup, string>> = {
  partner: 'The partner',
  stage: 'Stage in the lifecycle',
  people: 'People on both sides',
  agreement: 'Goals and agreement',
  events: 'Events and evaluation',
  'next-action': 'Next action and outcome',
};

/**
 * Parameters VisualEditor offers straight away when the template is inserted: what every
 * partnership needs to be followed up (besides the required partner and stage).
 */
export const SUGGESTED_PARAMS: readonly ParamName[] = [
  'partner_type', 'affiliate', 'stage_since', 'priority', 'coordinator',
  'contact', 'backup_contact', 'next_action', 'next_action_due',
];

/**
 * TemplateData types for the text parameters: `line` for short one-line values, `content` for
 * free wikitext that may run over several lines. Other types follow from ParamSpec.type.
 */
const TEXT_TYPES: Partial<Record<ParamName, TemplateDataType>> = {
  partner: 'line',
  affiliate: 'line',
  contact: 'line',
  backup_contact: 'line',
  volunteers: 'content',
  goals: 'content',
  measures: 'content',
  next_action: 'content',
  outcome: 'content',
  notes: 'content',
};

/** Values VisualEditor proposes in a drop-down (free text stays possible). */
const SUGGESTED_VALUES: Partial<Record<ParamName, readonly string[]>> = {
  stage: STAGES,
  partner_type: PARTNER_TYPES,
  priority: PRIORITIES,
  agreement: ['informal'],
};

/**
 * Filled in when the parameter is added in VisualEditor: the stage starts today. `subst:` is
 * resolved when the page is saved, so the page holds a plain date.
 */
const AUTOVALUES: Partial<Record<ParamName, string>> = {
  stage_since: '{{subst:#time:Y-m-d}}',
};

function typeOf(spec: ParamSpec): TemplateDataType {
  switch (spec.type) {
    case 'date': return 'date';
    case 'user': return 'wiki-user-name';
    case 'stage':
    case 'partner-type':
    case 'priority':
    case 'agreement':
      return 'line';
    case 'text': return TEXT_TYPES[spec.name as ParamName] ?? 'string';
  }
}

function paramData(spec: ParamSpec): TemplateDataParam {
  const name = spec.name as ParamName;
  const data: TemplateDataParam = {label: spec.label, description: spec.description, type: typeOf(spec)};
  if (spec.required) data.required = true;
  else if (SUGGESTED_PARAMS.includes(name)) data.suggested = true;
  const values = SUGGESTED_VALUES[name];
  if (values) data.suggestedvalues = [...values];
  if (spec.example !== undefined) data.example = spec.example;
  const autovalue = AUTOVALUES[name];
  if (autovalue !== undefined) data.autovalue = autovalue;
  return data;
}

export function templateData(): TemplateDataObject {
  const specs: readonly ParamSpec[] = PARAMS;
  const params = {} as Record<ParamName, TemplateDataParam>;
  for (const spec of specs) params[spec.name as ParamName] = paramData(spec);
  return {
    description: TEMPLATE_DESCRIPTION,
    params,
    paramOrder: specs.map((p) => p.name as ParamName),
    sets: PARAM_GROUPS.map((group) => ({
      label: GROUP_LABELS[group],
      params: specs.filter((p) => p.group === group).map((p) => p.name as ParamName),
    })),
    format: 'block',
  };
}

export const TEMPLATEDATA_OPEN = '<templatedata>';
export const TEMPLATEDATA_CLOSE = '</templatedata>';

/**
 * The `<templatedata>` block for the documentation page: tab-indented JSON, as the TemplateData
 * editor writes it, with keys in a fixed order so that the output is stable.
 */
export function templateDataBlock(): string {
  return `${TEMPLATEDATA_OPEN}\n${JSON.stringify(templateData(), null, '\t')}\n${TEMPLATEDATA_CLOSE}`;
}

const BLOCK = /<templatedata>[\s\S]*?<\/templatedata>/g;

/** The `<templatedata>` blocks of a page (a documentation page should have exactly one). */
export function templateDataBlocks(wikitext: string): string[] {
  return wikitext.match(BLOCK) ?? [];
}

/**
 * The documentation page with its one `<templatedata>…</templatedata>` block replaced by
 * `templateDataBlock()`; everything else stays byte for byte. Throws unless there is exactly one.
 */
export function withTemplateDataBlock(wikitext: string): string {
  const count = templateDataBlocks(wikitext).length;
  if (count !== 1) throw new Error(`expected exactly one <templatedata> block, found ${count}`);
  return wikitext.replace(BLOCK, () => templateDataBlock());
}
