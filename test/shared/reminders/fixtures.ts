import {parseIsoDate, type Day} from '../../../shared/model/dates';
import type {Finding, RuleId, Severity} from '../../../shared/rules/findings';

export function day(text: string): Day {
  const parsed = parseIsoDate(text);
  if (parsed === null) throw new Error(`bad test date ${text}`);
  return parsed;
}

/** A finding as the rules make it; only what a test cares about needs saying. */
export function finding(overrides: Partial<Finding> & {rule: RuleId}): Finding {
  const severity: Severity = overrides.severity ?? 'warning';
  return {
    page: 'Partnerships/Louvre',
    index: 0,
    partner: 'Musée du Louvre',
    severity,
    message: 'English text',
    recipients: ['User:Alice'],
    messageKey: `pt-finding-${overrides.rule}`,
    messageParams: [],
    ...overrides,
  };
}
