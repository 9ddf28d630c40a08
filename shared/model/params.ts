/**
 * The parameters of {{Partnership}}, in the order editors see them (documentation, TemplateData,
 * the gadget's form, and where a new parameter is inserted into an existing template).
 */
export const PARTNER_TYPES = [
  'museum', 'library', 'archive', 'university', 'school', 'research',
  'government', 'ngo', 'company', 'media', 'community', 'other',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type ParamType = 'text' | 'date' | 'user' | 'stage' | 'partner-type' | 'priority' | 'agreement';

/** The form groups of the gadget, also used to order the documentation. */
export type ParamGroup = 'partner' | 'stage' | 'people' | 'agreement' | 'events' | 'next-action';

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly group: ParamGroup;
  readonly required?: true;
  /** Shown in TemplateData and the documentation; the gadget uses its translated messages. */
  readonly label: string;
  readonly description: string;
  readonly example?: string;
}

export const PARAMS = [
  {name: 'partner', type: 'text', group: 'partner', required: true, label: 'Partner',
    description: 'The partner organisation, as it names itself.', example: 'Musée du Louvre'},
  {name: 'partner_type', type: 'partner-type', group: 'partner', label: 'Type of partner',
    description: `What kind of organisation the partner is: one of ${PARTNER_TYPES.join(', ')}.`, example: 'museum'},
  {name: 'affiliate', type: 'text', group: 'partner', label: 'Affiliate',
    description: 'The Wikimedia organisation or group that leads the partnership.', example: 'Wikimédia France'},
  {name: 'stage', type: 'stage', group: 'stage', required: true, label: 'Stage',
    description: 'Where the partnership stands in its lifecycle: prospect, contact, assessment, outreach, negotiation, active, debrief, evaluation, on-hold, ended or declined.',
    example: 'negotiation'},
  {name: 'stage_since', type: 'date', group: 'stage', label: 'In this stage since',
    description: 'When the current stage began (YYYY-MM-DD). Update it whenever you change the stage.', example: '2026-03-01'},
  {name: 'priority', type: 'priority', group: 'stage', label: 'Priority',
    description: 'High, medium or low, from the prioritisation grid.', example: 'high'},
  {name: 'coordinator', type: 'user', group: 'people', label: 'Coordinator',
    description: 'The Wikimedia-side lead (a user name). Receives the bot\'s reminders.', example: 'User:Alice'},
  {name: 'coordinator2', type: 'user', group: 'people', label: 'Second coordinator',
    description: 'A second Wikimedia-side person (a user name), so that the partnership never depends on one volunteer. Also receives reminders.', example: 'User:Bob'},
  {name: 'volunteers', type: 'text', group: 'people', label: 'Volunteers',
    description: 'Volunteers involved. Involve them right from the beginning.'},
  {name: 'contact', type: 'text', group: 'people', label: 'Main contact at the partner',
    description: 'The main contact at the partner: name and role.', example: 'Jeanne Martin, head of digital collections'},
  {name: 'contact_left', type: 'date', group: 'people', label: 'Main contact left on',
    description: 'The date the main contact left the partner. The relationship must then be rebuilt with their successor.'},
  {name: 'backup_contact', type: 'text', group: 'people', label: 'Backup contact at the partner',
    description: 'A second contact at the partner, kept in the loop (copied on e-mails), so that one departure does not end the partnership.'},
  {name: 'backup_contact_left', type: 'date', group: 'people', label: 'Backup contact left on',
    description: 'The date the backup contact left the partner.'},
  {name: 'first_contact', type: 'date', group: 'people', label: 'First contact',
    description: 'The date of the first contact with the partner.'},
  {name: 'goals', type: 'text', group: 'agreement', label: 'Goals',
    description: 'The common agenda: what both sides want to achieve, the theory of change, or a link to the logic model.'},
  {name: 'agreement', type: 'agreement', group: 'agreement', label: 'Agreement',
    description: 'A link to the partnership agreement, or the word "informal" where none will be signed.'},
  {name: 'agreement_signed', type: 'date', group: 'agreement', label: 'Agreement signed on',
    description: 'The date the agreement was signed.'},
  {name: 'start', type: 'date', group: 'agreement', label: 'Start',
    description: 'When the joint activities start.'},
  {name: 'end', type: 'date', group: 'agreement', label: 'Planned end',
    description: 'When the joint activities are planned to end.'},
  {name: 'last_event', type: 'date', group: 'events', label: 'Last event',
    description: 'The date of the most recent event or action with the partner.'},
  {name: 'debrief', type: 'date', group: 'events', label: 'Last debrief',
    description: 'The date of the most recent debriefing after an event.'},
  {name: 'last_evaluation', type: 'date', group: 'events', label: 'Last evaluation',
    description: 'The date of the most recent overall (yearly) evaluation with the partner.'},
  {name: 'measures', type: 'text', group: 'events', label: 'Shared measures',
    description: 'Shared measures of success, connected to the outcomes both sides want.'},
  {name: 'next_action', type: 'text', group: 'next-action', label: 'Next action',
    description: 'The next step, and who takes it.'},
  {name: 'next_action_due', type: 'date', group: 'next-action', label: 'Next action due',
    description: 'When the next action is due (YYYY-MM-DD).'},
  {name: 'revisit', type: 'date', group: 'next-action', label: 'Revisit on',
    description: 'For a partnership on hold: when to look at it again.'},
  {name: 'outcome', type: 'text', group: 'next-action', label: 'Outcome',
    description: 'For ended and declined partnerships: why, and what was learned.'},
  {name: 'notes', type: 'text', group: 'next-action', label: 'Notes',
    description: 'Anything else worth knowing.'},
] as const satisfies readonly ParamSpec[];

export type ParamName = (typeof PARAMS)[number]['name'];

export const PARAM_NAMES: readonly ParamName[] = PARAMS.map((p) => p.name);

const BY_NAME: ReadonlyMap<string, ParamSpec> = new Map(PARAMS.map((p) => [p.name, p]));

export function paramSpec(name: string): ParamSpec | undefined {
  return BY_NAME.get(name);
}

export function isKnownParam(name: string): name is ParamName {
  return BY_NAME.has(name);
}

export type ParamsOfType<T extends ParamType> = Extract<(typeof PARAMS)[number], {type: T}>['name'];
export type DateParam = ParamsOfType<'date'>;
export type UserParam = ParamsOfType<'user'>;

export const DATE_PARAMS = PARAMS.filter((p) => p.type === 'date').map((p) => p.name) as readonly DateParam[];
export const USER_PARAMS = PARAMS.filter((p) => p.type === 'user').map((p) => p.name) as readonly UserParam[];

export const PARAM_GROUPS: readonly ParamGroup[] = ['partner', 'stage', 'people', 'agreement', 'events', 'next-action'];
