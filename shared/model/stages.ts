/**
 * The partnership lifecycle, in order. The order matters: reports draw it as a funnel and the
 * gadget's "next stage" action follows it.
 */
export const STAGES = [
  'prospect',
  'contact',
  'assessment',
  'outreach',
  'negotiation',
  'active',
  'debrief',
  'evaluation',
  'on-hold',
  'ended',
  'declined',
] as const;

export type Stage = (typeof STAGES)[number];

export interface StageInfo {
  /** Days after which the stage is stale; null when the stage never goes stale by age. */
  readonly staleAfterDays: number | null;
  readonly terminal: boolean;
  /** Agreement in force and joint work under way: the stages that need an agreement and evaluations. */
  readonly activeLike: boolean;
  /** The stage the "move to next stage" action proposes; null where no single next step exists. */
  readonly next: Stage | null;
  /** Plain-English description drawn from the partnership process documents. */
  readonly description: string;
}

export const STAGE_INFO: Readonly<Record<Stage, StageInfo>> = {
  prospect: {staleAfterDays: 90, terminal: false, activeLike: false, next: 'contact',
    description: 'Identified as a possible partner; we are studying the partner and ourselves (who they are, what we can offer).'},
  contact: {staleAfterDays: 30, terminal: false, activeLike: false, next: 'assessment',
    description: 'First contact made, by phone or e-mail or through a volunteer.'},
  assessment: {staleAfterDays: 45, terminal: false, activeLike: false, next: 'outreach',
    description: 'Prioritisation grid, alignment of goals, value proposition and theory of change.'},
  outreach: {staleAfterDays: 30, terminal: false, activeLike: false, next: 'negotiation',
    description: 'Outreach session, first meeting and pitch, ideally with a volunteer and a staff member in pairs.'},
  negotiation: {staleAfterDays: 90, terminal: false, activeLike: false, next: 'active',
    description: 'Reflection, licence checks and drafting the agreement; deciding to partner, or not.'},
  active: {staleAfterDays: null, terminal: false, activeLike: true, next: 'debrief',
    description: 'Agreement in force; joint events and activities under way.'},
  debrief: {staleAfterDays: 30, terminal: false, activeLike: true, next: 'active',
    description: 'After an event: debriefing with the partner and volunteers, and agreeing next steps.'},
  evaluation: {staleAfterDays: 60, terminal: false, activeLike: true, next: 'active',
    description: 'The yearly overall assessment of the partnership, with the partner (evaluation questionnaire).'},
  'on-hold': {staleAfterDays: 180, terminal: false, activeLike: false, next: null,
    description: 'Paused; set a date to look at it again.'},
  ended: {staleAfterDays: null, terminal: true, activeLike: false, next: null,
    description: 'The partnership has ended; record why and what was learned.'},
  declined: {staleAfterDays: null, terminal: true, activeLike: false, next: null,
    description: 'One side decided not to partner; record why and what was learned.'},
};

/** `On hold`, `on_hold` and `ON-HOLD` are all `on-hold`. */
export function normaliseStage(text: string): Stage | null {
  const key = text.trim().toLowerCase().replace(/[\s_-]+/g, '-');
  return (STAGES as readonly string[]).includes(key) ? (key as Stage) : null;
}

export function isTerminal(stage: Stage): boolean {
  return STAGE_INFO[stage].terminal;
}

export function isActiveLike(stage: Stage): boolean {
  return STAGE_INFO[stage].activeLike;
}
