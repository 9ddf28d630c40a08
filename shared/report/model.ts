/**
 * The status report as data: one row per partnership, the counts per stage, and the findings
 * that need attention. Wikitext, CSV and JSON are all drawn from this. Pure: no I/O.
 */
import type {CheckResult} from '../check';
import type {Day} from '../model/dates';
import {partnerName, type Partnership} from '../model/partnership';
import {isTerminal, STAGES, type Stage} from '../model/stages';
import {RULE_IDS, SEVERITY_ORDER, type Finding} from '../rules/findings';
import {effectiveStageSince} from '../rules/rules';
import {displayText} from './escape';

export interface ReportFilter {
  /** Only partnerships of this affiliate (as written in `affiliate`, case-insensitive). */
  readonly affiliate?: string;
  /** Only partnerships in these stages. */
  readonly stages?: readonly Stage[];
}

/** A page the scan listed but could not read. */
export interface UnreadablePage {
  readonly page: string;
  readonly reason: string;
}

export interface ReportRow {
  readonly page: string;
  readonly index: number;
  /** Anchor of the section holding the template, or null. */
  readonly section: string | null;
  readonly partner: string | null;
  readonly affiliate: string | null;
  readonly stage: Stage | null;
  /** The stage as written, when it is missing (null) or not a known keyword. */
  readonly stageText: string | null;
  readonly stageSince: Day | null;
  /** `stage_since` was empty and the date comes from the page history. */
  readonly stageSinceDerived: boolean;
  readonly daysInStage: number | null;
  /** A stale-stage finding exists. */
  readonly stale: boolean;
  /** Valid coordinators, as `User:Name`. */
  readonly coordinators: readonly string[];
  /** Coordinator values that are not user names, as written. */
  readonly invalidCoordinators: readonly string[];
  /** A backup contact is named and has not left. */
  readonly backupContact: boolean;
  readonly backupContactLeft: Day | null;
  readonly contactLeft: Day | null;
  readonly nextAction: string | null;
  readonly nextActionDue: Day | null;
  /** A next-action-overdue finding exists. */
  readonly overdue: boolean;
  readonly lastEvent: Day | null;
  readonly lastEvaluation: Day | null;
  /** This partnership's findings, errors first. */
  readonly findings: readonly Finding[];
  readonly terminal: boolean;
}

/** One finding with the row of its partnership, for the lists that need a link and an affiliate. */
export interface AttentionEntry {
  readonly finding: Finding;
  readonly row: ReportRow;
}

export type StageKey = Stage | 'unknown';

export interface ReportModel {
  readonly today: Day;
  readonly filter: ReportFilter;
  /** Open partnerships first (lifecycle order), terminal ones last. */
  readonly rows: readonly ReportRow[];
  /** The stages the funnel shows, in lifecycle order (`unknown` last), with their counts. */
  readonly stageCounts: readonly {readonly stage: StageKey; readonly count: number}[];
  /** Errors other than unreadable templates. */
  readonly errors: readonly AttentionEntry[];
  readonly warnings: readonly AttentionEntry[];
  /** invalid-template findings: templates the bot cannot read in full. */
  readonly invalidTemplates: readonly AttentionEntry[];
  readonly unreadablePages: readonly UnreadablePage[];
  readonly totals: {readonly partnerships: number; readonly errors: number; readonly warnings: number; readonly notes: number};
}

export interface ReportInput {
  readonly result: CheckResult;
  readonly unreadable: readonly UnreadablePage[];
  readonly filter?: ReportFilter;
  /** The section of a template, when known. */
  readonly sectionOf?: (page: string, index: number) => string | null;
}

const key = (page: string, index: number) => `${page}\u0000${index}`;

function sameText(a: string, b: string): boolean {
  const fold = (s: string) => (displayText(s) ?? '').normalize('NFC').toLocaleLowerCase();
  return fold(a) === fold(b);
}

export function matchesFilter(p: Partnership, filter: ReportFilter): boolean {
  if (filter.affiliate !== undefined && !sameText(p.values.affiliate ?? '', filter.affiliate)) return false;
  if (filter.stages !== undefined && (p.fields.stage === undefined || !filter.stages.includes(p.fields.stage))) return false;
  return true;
}

function isFiltered(filter: ReportFilter): boolean {
  return filter.affiliate !== undefined || filter.stages !== undefined;
}

const RULE_ORDER = new Map<string, number>(RULE_IDS.map((id, i) => [id, i]));

function byImportance(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (RULE_ORDER.get(a.rule) ?? 0) - (RULE_ORDER.get(b.rule) ?? 0);
}

function coordinatorsOf(p: Partnership): {valid: string[]; invalid: string[]} {
  const valid = [...new Set([p.fields.coordinator, p.fields.coordinator2].filter((u): u is NonNullable<typeof u> => u !== undefined))];
  const invalid = p.problems
    .filter((problem) => problem.field === 'coordinator' || problem.field === 'coordinator2')
    .map((problem) => displayText(problem.value))
    .filter((v): v is string => v !== null);
  return {valid, invalid};
}

function stageTextOf(p: Partnership): string | null {
  return p.fields.stage === undefined ? displayText(p.values.stage) : null;
}

export function toRow(p: Partnership, findings: readonly Finding[], today: Day, section: string | null): ReportRow {
  const since = effectiveStageSince(p, today);
  const has = (rule: Finding['rule']) => findings.some((f) => f.rule === rule);
  const {valid, invalid} = coordinatorsOf(p);
  const f = p.fields;
  return {
    page: p.page,
    index: p.index,
    section,
    partner: displayText(partnerName(p) ?? undefined),
    affiliate: displayText(p.values.affiliate),
    stage: f.stage ?? null,
    stageText: stageTextOf(p),
    stageSince: since?.day ?? null,
    stageSinceDerived: since?.derived ?? false,
    // A date from the history can be later than a `--today` in the past: no count then.
    daysInStage: since === undefined || since.day > today ? null : today - since.day,
    stale: has('stale-stage'),
    coordinators: valid,
    invalidCoordinators: invalid,
    backupContact: f.backup_contact !== undefined && f.backup_contact.trim() !== '' && f.backup_contact_left === undefined,
    backupContactLeft: f.backup_contact_left ?? null,
    contactLeft: f.contact_left ?? null,
    nextAction: displayText(p.values.next_action),
    nextActionDue: f.next_action_due ?? null,
    overdue: has('next-action-overdue'),
    lastEvent: f.last_event ?? null,
    lastEvaluation: f.last_evaluation ?? null,
    findings: [...findings].sort(byImportance),
    terminal: f.stage !== undefined && isTerminal(f.stage),
  };
}

const STAGE_RANK = new Map<StageKey, number>([...STAGES, 'unknown' as const].map((s, i) => [s, i]));

export function stageRank(stage: Stage | null): number {
  return STAGE_RANK.get(stage ?? 'unknown') ?? STAGES.length;
}

function byStageThenPartner(a: ReportRow, b: ReportRow): number {
  return Number(a.terminal) - Number(b.terminal)
    || stageRank(a.stage) - stageRank(b.stage)
    || (a.partner ?? '').localeCompare(b.partner ?? '')
    || a.page.localeCompare(b.page)
    || a.index - b.index;
}

function countStages(rows: readonly ReportRow[], filter: ReportFilter): ReportModel['stageCounts'] {
  const shown: StageKey[] = filter.stages ? STAGES.filter((s) => filter.stages?.includes(s)) : [...STAGES];
  const unknown = rows.filter((r) => r.stage === null).length;
  if (unknown > 0) shown.push('unknown');
  return shown.map((stage) => ({stage, count: rows.filter((r) => (r.stage ?? 'unknown') === stage).length}));
}

function byPartner(a: AttentionEntry, b: AttentionEntry): number {
  return byImportance(a.finding, b.finding) || byStageThenPartner(a.row, b.row);
}

export function buildReport(input: ReportInput, today: Day): ReportModel {
  const filter = input.filter ?? {};
  const findingsByTemplate = new Map<string, Finding[]>();
  for (const f of input.result.findings) {
    const list = findingsByTemplate.get(key(f.page, f.index)) ?? [];
    list.push(f);
    findingsByTemplate.set(key(f.page, f.index), list);
  }
  const rows = input.result.partnerships
    .filter((p) => matchesFilter(p, filter))
    .map((p) => toRow(p, findingsByTemplate.get(key(p.page, p.index)) ?? [], today, input.sectionOf?.(p.page, p.index) ?? null))
    .sort(byStageThenPartner);
  const entries = rows.flatMap((row) => row.findings.map((finding) => ({finding, row}))).sort(byPartner);
  const unreadablePages = isFiltered(filter) ? [] : [...input.unreadable].sort((a, b) => a.page.localeCompare(b.page));
  const count = (severity: Finding['severity']) => entries.filter((e) => e.finding.severity === severity).length;
  return {
    today,
    filter,
    rows,
    stageCounts: countStages(rows, filter),
    errors: entries.filter((e) => e.finding.severity === 'error' && e.finding.rule !== 'invalid-template'),
    warnings: entries.filter((e) => e.finding.severity === 'warning'),
    invalidTemplates: entries.filter((e) => e.finding.rule === 'invalid-template'),
    unreadablePages,
    // A page that cannot be read at all is an error too: someone has to look at it.
    totals: {partnerships: rows.length, errors: count('error') + unreadablePages.length, warnings: count('warning'), notes: count('info')},
  };
}

