import {STAGES, type Stage} from '../../shared/model/stages';
import {DEFAULT_RULES_CONFIG, type RulesConfig} from '../../shared/rules/config';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDays = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 36500;

/**
 * The rule thresholds from the bot's on-wiki configuration page (`rules`), so that the form
 * flags what the bot will flag. Anything missing or malformed keeps its default: the bot
 * refuses a malformed page loudly; the form only needs sensible numbers.
 */
export function rulesFromConfigPage(text: string | null): RulesConfig {
  if (text === null) return DEFAULT_RULES_CONFIG;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return DEFAULT_RULES_CONFIG;
  }
  const rules = isObject(parsed) && isObject(parsed.rules) ? parsed.rules : {};
  const stale = isObject(rules.staleAfterDays) ? rules.staleAfterDays : {};
  const staleAfterDays = Object.fromEntries(STAGES.map((stage) => {
    const value = stale[stage];
    return [stage, value === null || isDays(value) ? value : DEFAULT_RULES_CONFIG.staleAfterDays[stage]];
  })) as Record<Stage, number | null>;
  const days = (key: 'nextActionCoversDays' | 'debriefWithinDays' | 'evaluationEveryDays') => {
    const value = rules[key];
    return isDays(value) ? value : DEFAULT_RULES_CONFIG[key];
  };
  return {
    staleAfterDays,
    nextActionCoversDays: days('nextActionCoversDays'),
    debriefWithinDays: days('debriefWithinDays'),
    evaluationEveryDays: days('evaluationEveryDays'),
  };
}
