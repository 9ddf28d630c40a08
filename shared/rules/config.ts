import {STAGES, STAGE_INFO, type Stage} from '../model/stages';

/** Every threshold the rules use. Coordinators change them per wiki, on-wiki. */
export interface RulesConfig {
  /** Days in a stage before it is stale; null: never stale by age. `on-hold` applies when `revisit` is empty. */
  readonly staleAfterDays: Readonly<Record<Stage, number | null>>;
  /** A due next action no further than this many days ahead means someone is on it: no stale warning. */
  readonly nextActionCoversDays: number;
  /** Days after an event before a missing debrief is flagged. */
  readonly debriefWithinDays: number;
  /** Days between overall evaluations. */
  readonly evaluationEveryDays: number;
}

export const DEFAULT_RULES_CONFIG: RulesConfig = {
  staleAfterDays: Object.fromEntries(STAGES.map((s) => [s, STAGE_INFO[s].staleAfterDays])) as Record<Stage, number | null>,
  nextActionCoversDays: 90,
  debriefWithinDays: 30,
  evaluationEveryDays: 365,
};
