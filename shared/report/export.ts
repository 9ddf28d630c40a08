/**
 * The report's table for spreadsheets (CSV) and programs (JSON). Pure: the caller prints.
 */
import {formatDay, type Day} from '../model/dates';
import type {Messages} from '../i18n/messages';
import type {ReportModel, ReportRow} from './model';

type Cell = string | number | null;

interface Column {
  readonly key: string;
  readonly header: string;
  readonly value: (row: ReportRow, messages: Messages) => Cell;
}

const day = (d: Day | null) => (d === null ? null : formatDay(d));

function stageText(row: ReportRow, messages: Messages): string | null {
  return row.stage !== null ? messages(`pt-stage-${row.stage}`) : row.stageText;
}

function findingLabels(row: ReportRow, messages: Messages): string {
  return row.findings.map((f) => messages(`pt-report-label-${f.rule}`, f.field ?? '')).join('; ');
}

/** The columns of the sortable table, with the page and dates spelt out for filtering. */
const COLUMNS: readonly Column[] = [
  {key: 'partner', header: 'pt-report-col-partner', value: (r) => r.partner},
  {key: 'affiliate', header: 'pt-report-col-affiliate', value: (r) => r.affiliate},
  {key: 'stage', header: 'pt-report-col-stage', value: stageText},
  {key: 'stage_since', header: 'pt-report-col-stage-since', value: (r) => day(r.stageSince)},
  {key: 'days_in_stage', header: 'pt-report-col-days', value: (r) => r.daysInStage},
  {key: 'coordinators', header: 'pt-report-col-coordinators', value: (r) => [...r.coordinators.map((u) => u.replace(/^User:/, '')), ...r.invalidCoordinators].join(', ')},
  {key: 'backup_contact', header: 'pt-report-col-backup-contact', value: (r, m) => m(r.backupContact ? 'pt-report-yes' : 'pt-report-no')},
  {key: 'contact_left', header: 'pt-report-col-contact-left', value: (r) => day(r.contactLeft)},
  {key: 'next_action', header: 'pt-report-col-next-action', value: (r) => r.nextAction},
  {key: 'next_action_due', header: 'pt-report-col-next-action-due', value: (r) => day(r.nextActionDue)},
  {key: 'last_event', header: 'pt-report-col-last-event', value: (r) => day(r.lastEvent)},
  {key: 'last_evaluation', header: 'pt-report-col-last-evaluation', value: (r) => day(r.lastEvaluation)},
  {key: 'findings', header: 'pt-report-col-findings', value: findingLabels},
  {key: 'page', header: 'pt-report-col-page', value: (r) => r.page},
  {key: 'section', header: 'pt-report-col-section', value: (r) => r.section},
];

/**
 * A spreadsheet runs a cell starting with one of these as a formula (`=HYPERLINK(…)`), so such
 * a cell gets a leading apostrophe, which shows it as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(cell: Cell): string {
  const text = cell === null ? '' : String(cell);
  const safe = typeof cell === 'string' && FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** RFC 4180 CSV, UTF-8 with a byte-order mark (so spreadsheets read it as UTF-8), CRLF line ends. */
export function reportCsv(model: ReportModel, messages: Messages): string {
  const header = COLUMNS.map((c) => csvField(messages(c.header)));
  const rows = model.rows.map((row) => COLUMNS.map((c) => csvField(c.value(row, messages))));
  return `${BOM}${[header, ...rows].map((fields) => fields.join(',')).join(CRLF)}${CRLF}`;
}

function rowJson(row: ReportRow): Record<string, unknown> {
  return {
    page: row.page,
    index: row.index,
    section: row.section,
    partner: row.partner,
    affiliate: row.affiliate,
    stage: row.stage ?? row.stageText,
    stage_since: day(row.stageSince),
    stage_since_derived: row.stageSinceDerived,
    days_in_stage: row.daysInStage,
    stale: row.stale,
    coordinators: row.coordinators,
    backup_contact: row.backupContact,
    backup_contact_left: day(row.backupContactLeft),
    contact_left: day(row.contactLeft),
    next_action: row.nextAction,
    next_action_due: day(row.nextActionDue),
    overdue: row.overdue,
    last_event: day(row.lastEvent),
    last_evaluation: day(row.lastEvaluation),
    findings: row.findings.map((f) => ({rule: f.rule, severity: f.severity, ...(f.field === undefined ? {} : {field: f.field})})),
  };
}

/** The same table as JSON: stage keywords and ISO dates, for programs rather than people. */
export function reportJson(model: ReportModel): Record<string, unknown> {
  return {
    today: formatDay(model.today),
    totals: model.totals,
    stages: Object.fromEntries(model.stageCounts.map((s) => [s.stage, s.count])),
    partnerships: model.rows.map(rowJson),
    ...(model.unreadablePages.length > 0 ? {errors: model.unreadablePages} : {}),
  };
}
