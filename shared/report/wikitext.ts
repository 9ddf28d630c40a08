/**
 * The status report as wikitext: summary and funnel, what needs attention, and the sortable
 * table. Every user value goes through `escapeWikitext` (or a checked link target), and every
 * message too, so neither a partner's name nor a translation can add markup. Pure: no I/O.
 */
import {formatDay, type Day} from '../model/dates';
import type {Messages} from '../i18n/messages';
import type {Finding, Severity} from '../rules/findings';
import {escapeWikitext} from './escape';
import {pageLink, userLink} from './links';
import {REPORT_END, REPORT_START, UPDATED_CLASS} from './markers';
import {stageRank, type AttentionEntry, type ReportModel, type ReportRow, type StageKey, type UnreadablePage} from './model';
import {chip, COLOR, stageColor, subtle, TONE, toneStyle} from './style';

export interface RenderOptions {
  /** When the report is written; shown on a line of its own that comparisons ignore. */
  readonly updated: Date;
}

/** A message as wikitext: translations are text too. */
type Text = (key: string, ...params: (string | number)[]) => string;

function textOf(messages: Messages): Text {
  return (key, ...params) => escapeWikitext(messages(key, ...params));
}

const NEXT_ACTION_MAX = 140;

// ---------------------------------------------------------------- small pieces

function date(day: Day | null): string {
  return day === null ? '' : formatDay(day);
}

function timestamp(when: Date): string {
  return when.toISOString().slice(0, 16).replace('T', ' ');
}

function stageName(t: Text, stage: StageKey): string {
  return stage === 'unknown' ? t('pt-report-stage-unknown') : t(`pt-stage-${stage}`);
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** `| attributes | content`, or `| content`; attributes never hold user text. */
function cell(content: string, attributes = ''): string {
  return attributes ? `| ${attributes} | ${content}` : `| ${content}`;
}

function headerCell(label: string, attributes = ''): string {
  return attributes ? `! ${attributes} | ${label}` : `! ${label}`;
}

function partnerLink(t: Text, row: ReportRow): string {
  if (row.partner !== null) return pageLink(row.page, row.section, row.partner);
  return `${pageLink(row.page, row.section, row.page)} ${subtle(t('pt-report-no-partner'))}`;
}

function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = {error: 0, warning: 0, info: 0};
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

// ---------------------------------------------------------------- summary

function totalCard(value: number, label: string, tone: Severity | 'ok' | null): string {
  const {background, border} = tone === null ? {background: COLOR.surface, border: COLOR.border} : TONE[tone];
  return `<div style="min-width:7em;padding:.35em .9em;border:1px solid ${border};border-top-width:4px;border-radius:2px;background:${background}">`
    + `<div style="font-size:180%;font-weight:bold;line-height:1.2">${value}</div><div style="color:${COLOR.subtle}">${label}</div></div>`;
}

function totals(t: Text, model: ReportModel): string[] {
  const {partnerships, errors, warnings} = model.totals;
  return [
    '<div style="display:flex;flex-wrap:wrap;gap:.75em;margin:.5em 0 1em">',
    totalCard(partnerships, t('pt-report-total-partnerships', partnerships), null),
    totalCard(errors, t('pt-report-total-errors', errors), errors > 0 ? 'error' : 'ok'),
    totalCard(warnings, t('pt-report-total-warnings', warnings), warnings > 0 ? 'warning' : 'ok'),
    '</div>',
  ];
}

/** One funnel row: the stage, a bar centred on the axis (its width the share of the largest stage), the count. */
function funnelRow(t: Text, stage: StageKey, count: number, max: number): string[] {
  const width = max === 0 ? 0 : Math.max(2, Math.round((count / max) * 100));
  const bar = count === 0
    ? `<div style="width:2px;height:1.3em;margin:0 auto;background:${COLOR.faint}"></div>`
    : `<div style="width:${width}%;height:1.3em;margin:0 auto;border-radius:2px;background:${stageColor(stage)}"></div>`;
  const muted = count === 0 ? `;color:${COLOR.subtle}` : '';
  return [
    '|-',
    cell(stageName(t, stage), `style="padding:2px .75em 2px 0;text-align:end;white-space:nowrap${muted}"`),
    cell(bar, 'style="width:28em;padding:2px 0"'),
    cell(String(count), `style="padding:2px 0 2px .75em;font-weight:bold;text-align:end${muted}"`),
  ];
}

function funnel(t: Text, model: ReportModel): string[] {
  const max = Math.max(0, ...model.stageCounts.map((s) => s.count));
  return [
    '{| role="presentation" style="border-collapse:collapse;margin:0 0 1em"',
    `|+ style="text-align:start;font-weight:bold;padding-bottom:.3em" | ${t('pt-report-funnel-caption')}`,
    ...model.stageCounts.flatMap(({stage, count}) => funnelRow(t, stage, count, max)),
    '|}',
  ];
}

function summary(t: Text, model: ReportModel): string[] {
  return [`== ${t('pt-report-heading-summary')} ==`, ...totals(t, model), ...funnel(t, model)];
}

// ---------------------------------------------------------------- needs attention

function findingMessage(messages: Messages, f: Finding): string {
  return escapeWikitext(messages(f.messageKey, ...f.messageParams));
}

/** What to do; a paused partnership is looked at again rather than moved on. */
function action(t: Text, {finding, row}: AttentionEntry): string {
  const variant = finding.rule === 'stale-stage' && row.stage === 'on-hold' ? '-on-hold' : '';
  return t(`pt-report-action-${finding.rule}${variant}`, finding.field ?? '');
}

function stageOf(t: Text, row: ReportRow): string {
  if (row.stage !== null) return t(`pt-stage-${row.stage}`);
  return row.stageText === null ? t('pt-report-stage-missing') : t('pt-report-stage-invalid', row.stageText);
}

function attentionRow(t: Text, messages: Messages, entry: AttentionEntry): string[] {
  const {finding, row} = entry;
  const mark = `style="border-inline-start:4px solid ${TONE[finding.severity].border}"`;
  return [
    '|-',
    cell(`${partnerLink(t, row)}<br />${subtle(stageOf(t, row))}`, mark),
    cell(escapeWikitext(row.affiliate ?? '')),
    cell(findingMessage(messages, finding)),
    cell(action(t, entry)),
  ];
}

function attentionTable(t: Text, messages: Messages, entries: readonly AttentionEntry[], none: string): string[] {
  if (entries.length === 0) return [`<div style="color:${TONE.ok.text}">✓ ${none}</div>`];
  return [
    '{| class="wikitable" style="width:100%"',
    ...['pt-report-col-partner', 'pt-report-col-affiliate', 'pt-report-col-problem', 'pt-report-col-action'].map((k) => headerCell(t(k))),
    ...entries.flatMap((e) => attentionRow(t, messages, e)),
    '|}',
  ];
}

function invalidTemplateRow(t: Text, messages: Messages, {finding, row}: AttentionEntry): string[] {
  return [
    '|-',
    cell(pageLink(row.page, row.section, row.page), `style="border-inline-start:4px solid ${TONE.error.border}"`),
    cell(row.partner === null ? subtle(t('pt-report-no-partner')) : escapeWikitext(row.partner)),
    cell(`<code>${escapeWikitext(finding.field ?? '')}</code>`),
    cell(findingMessage(messages, finding)),
  ];
}

function unreadablePageRow(t: Text, page: UnreadablePage): string[] {
  return [
    '|-',
    cell(pageLink(page.page, null, page.page), `style="border-inline-start:4px solid ${TONE.error.border}"`),
    cell('—'),
    cell('—'),
    cell(t('pt-report-unreadable-page', page.reason)),
  ];
}

function unreadable(t: Text, messages: Messages, model: ReportModel): string[] {
  const count = model.invalidTemplates.length + model.unreadablePages.length;
  if (count === 0) return [];
  return [
    `=== ${t('pt-report-heading-unreadable', count)} ===`,
    '{| class="wikitable" style="width:100%"',
    ...['pt-report-col-page', 'pt-report-col-partner', 'pt-report-col-field', 'pt-report-col-problem'].map((k) => headerCell(t(k))),
    ...model.invalidTemplates.flatMap((e) => invalidTemplateRow(t, messages, e)),
    ...model.unreadablePages.flatMap((p) => unreadablePageRow(t, p)),
    '|}',
  ];
}

function attention(t: Text, messages: Messages, model: ReportModel): string[] {
  return [
    `== ${t('pt-report-heading-attention')} ==`,
    `=== ${t('pt-report-heading-errors', model.errors.length)} ===`,
    ...attentionTable(t, messages, model.errors, t('pt-report-none-errors')),
    ...unreadable(t, messages, model),
    `=== ${t('pt-report-heading-warnings', model.warnings.length)} ===`,
    ...attentionTable(t, messages, model.warnings, t('pt-report-none-warnings')),
  ];
}

// ---------------------------------------------------------------- the table

function daysCell(t: Text, row: ReportRow): string {
  if (row.daysInStage === null) return cell('—', 'data-sort-value="-1"');
  const derived = row.stageSinceDerived ? `<br />${subtle(t('pt-report-days-derived'))}` : '';
  const value = row.stale ? `⚠ ${row.daysInStage}` : String(row.daysInStage);
  const style = row.stale ? ` style="${toneStyle('warning')};font-weight:bold"` : '';
  return cell(`${value}${derived}`, `data-sort-value="${row.daysInStage}"${style}`);
}

function stageCell(t: Text, row: ReportRow): string {
  const label = row.stage === null ? `<span style="color:${TONE.error.text}">${stageOf(t, row)}</span>` : stageOf(t, row);
  return cell(label, `data-sort-value="${stageRank(row.stage)}"`);
}

function coordinatorsCell(row: ReportRow): string {
  const links = row.coordinators.map(userLink);
  const invalid = row.invalidCoordinators.map((v) => `<span style="color:${TONE.error.text}">⚠ ${escapeWikitext(v)}</span>`);
  const all = [...links, ...invalid];
  if (all.length > 0) return cell(all.join('<br />'));
  const missing = row.findings.some((f) => f.rule === 'no-coordinator');
  return missing ? cell('⚠ —', `style="${toneStyle('warning')}"`) : cell('—');
}

function contactsCell(t: Text, row: ReportRow): string {
  const backupFinding = row.findings.find((f) => f.rule === 'missing-backup-contact');
  const leftFinding = row.findings.find((f) => f.rule === 'contact-left');
  const lines: string[] = [];
  if (row.contactLeft !== null) {
    const text = t('pt-report-contact-left', date(row.contactLeft));
    lines.push(leftFinding ? `<span style="color:${TONE.error.text};font-weight:bold">⚠ ${text}</span>` : text);
  }
  if (row.backupContact) lines.push(`✓ ${t('pt-report-backup-present')}`);
  else {
    const text = row.backupContactLeft !== null ? t('pt-report-backup-left', date(row.backupContactLeft)) : t('pt-report-backup-missing');
    lines.push(backupFinding ? `<span style="color:${TONE[backupFinding.severity].text};font-weight:bold">⚠ ${text}</span>` : subtle(text));
  }
  const sortValue = leftFinding ? 0 : backupFinding ? 1 : row.backupContact ? 3 : 2;
  const worst = leftFinding ?? (backupFinding?.severity === 'error' ? backupFinding : undefined);
  return cell(lines.join('<br />'), `data-sort-value="${sortValue}"${worst ? ` style="background:${TONE.error.background}"` : ''}`);
}

function nextActionCell(t: Text, row: ReportRow): string {
  const parts: string[] = [];
  if (row.nextAction !== null) parts.push(escapeWikitext(truncate(row.nextAction, NEXT_ACTION_MAX)));
  if (row.nextActionDue !== null) {
    const due = t('pt-report-due', date(row.nextActionDue));
    parts.push(row.overdue ? `<span style="color:${TONE.error.text};font-weight:bold">⚠ ${due}</span>` : subtle(due));
  }
  const style = row.overdue ? ` style="background:${TONE.error.background}"` : '';
  return cell(parts.length > 0 ? parts.join('<br />') : '—', `data-sort-value="${date(row.nextActionDue)}"${style}`);
}

function dateCell(day: Day | null): string {
  return cell(day === null ? '—' : date(day), `data-sort-value="${date(day)}" style="white-space:nowrap"`);
}

function findingsCell(t: Text, row: ReportRow): string {
  const counts = severityCounts(row.findings);
  const labels = row.findings.map((f) => chip(f.severity, t(`pt-report-label-${f.rule}`, f.field ?? '')));
  const sortValue = counts.error * 10000 + counts.warning * 100 + counts.info;
  return cell(labels.length > 0 ? labels.join(' ') : `<span style="color:${TONE.ok.text}">✓</span>`, `data-sort-value="${sortValue}"`);
}

function tableRow(t: Text, row: ReportRow): string[] {
  return [
    '|-',
    cell(partnerLink(t, row)),
    cell(escapeWikitext(row.affiliate ?? '')),
    stageCell(t, row),
    daysCell(t, row),
    coordinatorsCell(row),
    contactsCell(t, row),
    nextActionCell(t, row),
    dateCell(row.lastEvent),
    dateCell(row.lastEvaluation),
    findingsCell(t, row),
  ];
}

const COLUMNS: readonly [string, string][] = [
  ['pt-report-col-partner', ''],
  ['pt-report-col-affiliate', ''],
  ['pt-report-col-stage', 'data-sort-type="number"'],
  ['pt-report-col-days', 'data-sort-type="number"'],
  ['pt-report-col-coordinators', ''],
  ['pt-report-col-contacts', 'data-sort-type="number"'],
  ['pt-report-col-next-action', 'data-sort-type="text"'],
  ['pt-report-col-last-event', 'data-sort-type="text"'],
  ['pt-report-col-last-evaluation', 'data-sort-type="text"'],
  ['pt-report-col-findings', 'data-sort-type="number"'],
];

function table(t: Text, rows: readonly ReportRow[]): string[] {
  return [
    '{| class="wikitable sortable partnership-report-table" style="width:100%;font-size:90%"',
    ...COLUMNS.map(([key, attributes]) => headerCell(t(key), attributes)),
    ...rows.flatMap((row) => tableRow(t, row)),
    '|}',
  ];
}

/** Ended and declined partnerships, folded away: history, not work. */
function closed(t: Text, rows: readonly ReportRow[]): string[] {
  if (rows.length === 0) return [];
  return [
    '<div class="mw-collapsible mw-collapsed partnership-report-closed" style="margin:1em 0">',
    `<div style="font-weight:bold;padding:.3em 0">${t('pt-report-heading-closed', rows.length)}</div>`,
    '<div class="mw-collapsible-content">',
    ...table(t, rows),
    '</div>',
    '</div>',
  ];
}

function allPartnerships(t: Text, model: ReportModel): string[] {
  const open = model.rows.filter((r) => !r.terminal);
  const ended = model.rows.filter((r) => r.terminal);
  const heading = `== ${t('pt-report-heading-all', model.rows.length)} ==`;
  if (model.rows.length === 0) return [heading, `<div>${t('pt-report-none-partnerships')}</div>`];
  return [heading, ...(open.length > 0 ? table(t, open) : []), ...closed(t, ended)];
}

// ---------------------------------------------------------------- the block

function filterLine(t: Text, model: ReportModel): string[] {
  const lines: string[] = [];
  if (model.filter.affiliate !== undefined) lines.push(t('pt-report-filter-affiliate', model.filter.affiliate));
  if (model.filter.stages !== undefined) {
    lines.push(t('pt-report-filter-stages', model.filter.stages.map((s) => stageName(t, s)).join(', ')));
  }
  return lines.map((line) => `<div style="margin:.25em 0;font-weight:bold">${line}</div>`);
}

function header(t: Text, model: ReportModel, options: RenderOptions): string[] {
  return [
    `<div style="margin:.5em 0;padding:.4em .75em;border:1px solid ${COLOR.border};border-inline-start:4px solid ${COLOR.blue};background:${COLOR.surface};color:${COLOR.subtle};font-size:90%">${t('pt-report-notice')}</div>`,
    `<div class="${UPDATED_CLASS}" style="color:${COLOR.subtle};font-size:90%">${t('pt-report-updated', timestamp(options.updated))}</div>`,
    ...filterLine(t, model),
  ];
}

/** The whole block, markers included, as it goes on the report page. */
export function renderReport(model: ReportModel, messages: Messages, options: RenderOptions): string {
  const t = textOf(messages);
  const lines = [
    REPORT_START,
    '<!-- Written by partnership-bot: everything between the start and end markers is replaced at its next run. Write above or below them. -->',
    `<div class="partnership-report" style="color:${COLOR.text}">`,
    ...header(t, model, options),
    ...summary(t, model),
    ...attention(t, messages, model),
    ...allPartnerships(t, model),
    '</div>',
    REPORT_END,
  ];
  return lines.join('\n').normalize('NFC');
}
