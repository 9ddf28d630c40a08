export const RULE_IDS = [
  'invalid-template',
  'duplicate-parameter',
  'unknown-parameter',
  'contact-left',
  'missing-backup-contact',
  'stale-stage',
  'next-action-overdue',
  'agreement-missing',
  'debrief-overdue',
  'evaluation-due',
  'no-coordinator',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_ORDER: Readonly<Record<Severity, number>> = {error: 0, warning: 1, info: 2};

/** The contract's finding, plus the message key and parameters so it can be retold in any language. */
export interface Finding {
  readonly page: string;
  readonly index: number;
  readonly partner: string | null;
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly field?: string;
  readonly message: string;
  readonly recipients: readonly string[];
  readonly messageKey: string;
  readonly messageParams: readonly (string | number)[];
}

/** The finding as the contract's JSON shows it, nothing more. */
export function findingJson(f: Finding): Record<string, unknown> {
  return {
    page: f.page,
    index: f.index,
    partner: f.partner,
    rule: f.rule,
    severity: f.severity,
    ...(f.field === undefined ? {} : {field: f.field}),
    message: f.message,
    recipients: f.recipients,
  };
}
