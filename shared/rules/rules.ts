import {formatDay, type Day} from '../model/dates';
import type {Partnership} from '../model/partnership';
import {isActiveLike, type Stage} from '../model/stages';
import type {RulesConfig} from './config';
import type {RuleId, Severity} from './findings';

export interface RuleContext {
  readonly today: Day;
  readonly config: RulesConfig;
}

/** What a rule says about one partnership; the evaluator adds who, where and the wording. */
export interface RuleResult {
  readonly field?: string;
  readonly severity?: Severity;
  /** Message key suffix: the full key is `pt-finding-<rule>[-<variant>]`. */
  readonly variant?: string;
  readonly params: readonly (string | number)[];
}

export interface Rule {
  readonly id: RuleId;
  readonly severity: Severity;
  /** Template rules judge the wikitext itself, so they apply to ended and declined partnerships too. */
  readonly template?: true;
  /** Rules that depend on the stage cannot judge a partnership whose stage is missing or unknown. */
  readonly needsStage?: true;
  readonly check: (p: Partnership, ctx: RuleContext) => readonly RuleResult[];
}

const date = formatDay;
const FINDING_PROBLEMS = new Set(['required', 'invalid-date', 'invalid-user', 'unknown-stage']);

function invalidTemplate(p: Partnership, {today}: RuleContext): RuleResult[] {
  const results: RuleResult[] = p.problems
    .filter((problem) => FINDING_PROBLEMS.has(problem.code))
    .map((problem) => ({field: problem.field, variant: problem.code, params: [problem.field, problem.value]}));
  const since = p.fields.stage_since;
  if (since !== undefined && since > today) {
    results.push({field: 'stage_since', variant: 'future-date', params: ['stage_since', date(since)]});
  }
  return results;
}

function duplicateParameter(p: Partnership): RuleResult[] {
  return p.duplicates.map((name) => ({field: name, params: [name]}));
}

function unknownParameter(p: Partnership): RuleResult[] {
  return p.unknown.map((name) => ({field: name, params: [name]}));
}

/** `stage_since` as written when valid and not in the future, else the date derived from history. */
export function effectiveStageSince(p: Partnership, today: Day): {day: Day; derived: boolean} | undefined {
  const since = p.fields.stage_since;
  if (since !== undefined) return since <= today ? {day: since, derived: false} : undefined;
  return p.derivedStageSince === undefined ? undefined : {day: p.derivedStageSince, derived: true};
}

function staleStage(p: Partnership, {today, config}: RuleContext): RuleResult[] {
  const stage = p.fields.stage as Stage;
  const due = p.fields.next_action_due;
  // A next action due soon means someone is on it.
  if (due !== undefined && due >= today && due - today <= config.nextActionCoversDays) return [];
  if (stage === 'on-hold' && p.fields.revisit !== undefined) {
    return p.fields.revisit < today ? [{field: 'revisit', variant: 'revisit', params: [stage, date(p.fields.revisit)]}] : [];
  }
  const limit = config.staleAfterDays[stage];
  const since = effectiveStageSince(p, today);
  if (limit === null || since === undefined) return [];
  const days = today - since.day;
  if (days <= limit) return [];
  return [{field: 'stage_since', variant: since.derived ? 'derived' : undefined, params: [stage, days, limit, date(since.day)]}];
}

function nextActionOverdue(p: Partnership, {today}: RuleContext): RuleResult[] {
  const due = p.fields.next_action_due;
  return due !== undefined && due < today ? [{field: 'next_action_due', params: [date(due), today - due, p.params.next_action ?? '']}] : [];
}

const BACKUP_SEVERITY: Partial<Record<Stage, Severity>> = {
  outreach: 'warning', negotiation: 'error', active: 'error', debrief: 'error', evaluation: 'error',
};

function missingBackupContact(p: Partnership): RuleResult[] {
  const severity = BACKUP_SEVERITY[p.fields.stage as Stage];
  if (!severity) return [];
  const left = p.fields.backup_contact_left;
  if (left !== undefined) return [{field: 'backup_contact', severity, variant: 'left', params: [date(left), p.params.backup_contact ?? '']}];
  return p.fields.backup_contact === undefined ? [{field: 'backup_contact', severity, params: []}] : [];
}

function contactLeft(p: Partnership, {today}: RuleContext): RuleResult[] {
  const left = p.fields.contact_left;
  if (left === undefined || left > today) return [];
  const backup = p.fields.backup_contact_left === undefined ? p.fields.backup_contact : undefined;
  return [{field: 'contact_left', variant: backup ? 'promote' : undefined, params: [date(left), p.params.contact ?? '', backup ?? '']}];
}

function agreementMissing(p: Partnership): RuleResult[] {
  if (!isActiveLike(p.fields.stage as Stage) || p.fields.agreement_signed !== undefined) return [];
  return p.fields.agreement?.trim().toLowerCase() === 'informal' ? [] : [{field: 'agreement_signed', params: []}];
}

function debriefOverdue(p: Partnership, {today, config}: RuleContext): RuleResult[] {
  const event = p.fields.last_event;
  if (event === undefined || today - event <= config.debriefWithinDays) return [];
  const debrief = p.fields.debrief;
  return debrief === undefined || debrief < event ? [{field: 'debrief', params: [date(event), today - event]}] : [];
}

function evaluationDue(p: Partnership, {today, config}: RuleContext): RuleResult[] {
  const {agreement_signed: signed, last_event: event, last_evaluation: evaluated} = p.fields;
  if (!isActiveLike(p.fields.stage as Stage) || signed === undefined || event === undefined) return [];
  const since = evaluated !== undefined && evaluated > signed ? evaluated : signed;
  if (today - since <= config.evaluationEveryDays) return [];
  return [{field: 'last_evaluation', variant: evaluated !== undefined ? undefined : 'never', params: [date(since), today - since]}];
}

function noCoordinator(p: Partnership): RuleResult[] {
  if (p.fields.stage === 'prospect') return [];
  return p.fields.coordinator === undefined && p.fields.coordinator2 === undefined ? [{field: 'coordinator', params: []}] : [];
}

/** The rules, in the order their findings are listed for a partnership. */
export const RULES: readonly Rule[] = [
  {id: 'invalid-template', severity: 'error', template: true, check: invalidTemplate},
  {id: 'duplicate-parameter', severity: 'warning', template: true, check: duplicateParameter},
  {id: 'unknown-parameter', severity: 'info', template: true, check: unknownParameter},
  {id: 'contact-left', severity: 'error', check: contactLeft},
  {id: 'missing-backup-contact', severity: 'warning', needsStage: true, check: missingBackupContact},
  {id: 'stale-stage', severity: 'warning', needsStage: true, check: staleStage},
  {id: 'next-action-overdue', severity: 'warning', check: nextActionOverdue},
  {id: 'agreement-missing', severity: 'warning', needsStage: true, check: agreementMissing},
  {id: 'debrief-overdue', severity: 'warning', check: debriefOverdue},
  {id: 'evaluation-due', severity: 'warning', needsStage: true, check: evaluationDue},
  {id: 'no-coordinator', severity: 'warning', needsStage: true, check: noCoordinator},
];

