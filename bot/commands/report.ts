import {readPageFile} from './offline';
import {checkPages} from '../../shared/check';
import {coreMessages} from '../../shared/i18n/core';
import type {Messages} from '../../shared/i18n/messages';
import type {Day} from '../../shared/model/dates';
import {reportCsv, reportJson} from '../../shared/report/export';
import {spliceReport} from '../../shared/report/markers';
import {reportMessages} from '../../shared/report/messages';
import {buildReport, type ReportFilter, type ReportInput, type ReportModel} from '../../shared/report/model';
import {templateSections} from '../../shared/report/sections';
import {renderReport} from '../../shared/report/wikitext';
import type {WikitextTools} from '../../shared/wikitext/edit';
import type {CommandContext} from '../cli';
import {rulesConfig, type Config} from '../config';
import {UsageError, type Io} from '../io';
import {EditGuard} from '../wiki/guard';
import type {WikiClient} from '../wiki/client';
import {nodeWikitextTools} from '../wikitext';
import {checkWiki, openWiki, wikiTools, type WikiCheck} from './wiki';

export type ReportAction = 'created' | 'updated' | 'unchanged' | 'would create' | 'would update' | 'refused';

export interface ReportPageResult {
  readonly title: string;
  readonly action: ReportAction;
  readonly partnerships: number;
  readonly errors: number;
  readonly warnings: number;
  readonly revid?: number;
  /** Why the page was left alone (`refused`). */
  readonly reason?: string;
  /** With `dryRun` and `json`: the page as it would be saved. */
  readonly text?: string;
}

export interface ReportSummary {
  readonly pages: readonly ReportPageResult[];
}

export interface ReportOptions {
  readonly today: Day;
  readonly dryRun: boolean;
  readonly io: Io;
  /** The "last updated" time; default now. */
  readonly now?: Date;
  /** With `dryRun`: return the text in the summary instead of printing it. */
  readonly json?: boolean;
}

type Json = Record<string, unknown>;
type SectionOf = NonNullable<ReportInput['sectionOf']>;

const FORMATS = ['wikitext', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** The content language of the wiki, which the report is written in. */
export function reportLanguage(config: Config, client?: WikiClient): string {
  return config.wiki.language ?? client?.site.language ?? 'en';
}

function filterOf(page: Config['report']['pages'][number]): ReportFilter {
  return {...(page.affiliate === undefined ? {} : {affiliate: page.affiliate}), ...(page.stages === undefined ? {} : {stages: page.stages})};
}

function sectionLookup(sections: ReadonlyMap<string, readonly (string | null)[]>): SectionOf {
  return (page, index) => sections.get(page)?.[index] ?? null;
}

/**
 * The section each template sits in. The scan keeps no offsets, so the texts are read again,
 * as many pages a request as the API allows; a page read differently now only loses its anchor.
 */
async function readSections(client: WikiClient, tools: WikitextTools, titles: readonly string[]): Promise<SectionOf> {
  const sections = new Map<string, (string | null)[]>();
  for (let start = 0; start < titles.length; start += client.batchLimit) {
    const batch = titles.slice(start, start + client.batchLimit);
    for await (const response of client.queryAll({titles: batch.join('|'), prop: 'revisions', rvprop: 'content', rvslots: 'main'})) {
      for (const page of ((response.query as Json | undefined)?.pages as Json[] | undefined) ?? []) {
        const revision = (page.revisions as Json[] | undefined)?.[0];
        const content = ((revision?.slots as Json | undefined)?.main as Json | undefined)?.content;
        if (typeof content === 'string') sections.set(String(page.title), templateSections(content, tools));
      }
    }
  }
  return sectionLookup(sections);
}

function sectionsOnWiki(client: WikiClient, config: Config, check: WikiCheck): Promise<SectionOf> {
  return readSections(client, wikiTools(client, config), [...new Set(check.result.partnerships.map((p) => p.page))]);
}

function editSummary(messages: Messages, model: ReportModel): string {
  return messages('pt-report-edit-summary', model.totals.partnerships, model.totals.errors, model.totals.warnings);
}

interface PageJob {
  readonly title: string;
  readonly block: string;
  readonly summary: string;
  readonly counts: Pick<ReportPageResult, 'partnerships' | 'errors' | 'warnings'>;
}

/** Writes one report page: only between the markers, only when the content changed. */
async function writePage(client: WikiClient, guard: EditGuard, config: Config, job: PageJob, options: ReportOptions): Promise<ReportPageResult> {
  const current = await client.pageText(job.title);
  const splice = spliceReport(current?.text ?? null, job.block);
  const base = {title: job.title, ...job.counts};
  if (splice.action === 'refuse') {
    options.io.stderr(`partnership-bot: ${job.title}: not written: ${splice.reason}\n`);
    return {...base, action: 'refused', reason: splice.reason};
  }
  if (options.dryRun) {
    if (!options.json) options.io.stdout(`${job.block}\n`);
    const action = splice.action === 'unchanged' ? 'unchanged' : current ? 'would update' : 'would create';
    return {...base, action, ...(options.json ? {text: splice.action === 'unchanged' ? current?.text ?? '' : splice.text} : {})};
  }
  if (splice.action === 'unchanged') return {...base, action: 'unchanged'};
  await guard.beforeEdit();
  const saved = await client.save(job.title, splice.text, job.summary, {
    // Reports stay in watchlists and recent changes unless the wiki's coordinators chose otherwise.
    ...(config.report.markBotEdits ? {} : {bot: false}),
    ...(current ? {baseRevId: current.revid} : {createOnly: true}),
  });
  guard.edited();
  return {...base, action: saved.nochange ? 'unchanged' : current ? 'updated' : 'created', ...(saved.newrevid ? {revid: saved.newrevid} : {})};
}

function pageJob(check: WikiCheck, page: Config['report']['pages'][number], sectionOf: SectionOf, messages: Messages, options: ReportOptions): PageJob {
  const model = buildReport({result: check.result, unreadable: check.unreadable, filter: filterOf(page), sectionOf}, options.today);
  return {
    title: page.title,
    block: renderReport(model, messages, {updated: options.now ?? new Date()}),
    summary: editSummary(messages, model),
    counts: {partnerships: model.totals.partnerships, errors: model.totals.errors, warnings: model.totals.warnings},
  };
}

/**
 * Writes every configured report page from a check already made (the `run` command makes one
 * check for all its steps). With `dryRun`, prints the wikitext instead of saving.
 */
export async function report(client: WikiClient, guard: EditGuard, config: Config, check: WikiCheck, options: ReportOptions): Promise<ReportSummary> {
  const messages = reportMessages(reportLanguage(config, client));
  const sectionOf = await sectionsOnWiki(client, config, check);
  const pages: ReportPageResult[] = [];
  for (const page of config.report.pages) {
    pages.push(await writePage(client, guard, config, pageJob(check, page, sectionOf, messages, options), options));
  }
  return {pages};
}

// ---------------------------------------------------------------- the command

function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'wikitext';
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`report: --format must be one of ${FORMATS.join(', ')}, not "${value}"`);
  return value as Format;
}

/** The table for a spreadsheet or a program: all partnerships, no filter. */
function printTable(format: 'csv' | 'json', check: Pick<WikiCheck, 'result' | 'unreadable'>, sectionOf: SectionOf, messages: Messages, ctx: CommandContext): void {
  const model = buildReport({result: check.result, unreadable: check.unreadable, sectionOf}, ctx.today);
  ctx.io.stdout(format === 'csv' ? reportCsv(model, messages) : `${JSON.stringify(reportJson(model), null, 2)}\n`);
}

/** `report --file PATH…`: the same report from wikitext files, printed; nothing is written to a wiki. */
function reportFiles(ctx: CommandContext, files: readonly string[], format: Format): void {
  const pages = files.map((file) => readPageFile(file, ctx.io.cwd));
  const tools = nodeWikitextTools(ctx.config.template.names);
  const result = checkPages(pages, {today: ctx.today, rules: rulesConfig(ctx.config), tools, messages: coreMessages('en')});
  const sectionOf = sectionLookup(new Map(pages.map((p) => [p.title, templateSections(p.text, tools)])));
  const messages = reportMessages(reportLanguage(ctx.config));
  if (format !== 'wikitext') return printTable(format, {result, unreadable: []}, sectionOf, messages, ctx);
  for (const page of ctx.config.report.pages) {
    const model = buildReport({result, unreadable: [], filter: filterOf(page), sectionOf}, ctx.today);
    ctx.io.stdout(`${renderReport(model, messages, {updated: new Date()})}\n`);
  }
}

function printSummary(ctx: CommandContext, summary: ReportSummary): void {
  if (ctx.values.json) {
    ctx.io.stdout(`${JSON.stringify(summary)}\n`);
    return;
  }
  for (const page of summary.pages) {
    const line = `${page.action.padEnd(12)} ${page.title}: ${page.partnerships} partnerships, ${page.errors} errors, ${page.warnings} warnings`;
    const target = ctx.values['dry-run'] ? ctx.io.stderr : ctx.io.stdout;
    target(`${line}${page.revid ? ` (revision ${page.revid})` : ''}\n`);
  }
}

export async function reportCommand(ctx: CommandContext): Promise<void> {
  const format = parseFormat(ctx.values.format);
  const files = [...(ctx.values.file ?? []), ...(ctx.values.file?.length ? ctx.args : [])];
  if (files.length > 0) return reportFiles(ctx, files, format);
  if (ctx.args.length > 0) throw new UsageError(`report: unexpected argument "${ctx.args[0]}"`);
  const client = await openWiki(ctx.config, ctx.io);
  const check = await checkWiki(client, ctx.config, ctx);
  if (format !== 'wikitext') {
    const sectionOf = await sectionsOnWiki(client, ctx.config, check);
    return printTable(format, check, sectionOf, reportMessages(reportLanguage(ctx.config, client)), ctx);
  }
  const summary = await report(client, new EditGuard(client, ctx.config), ctx.config, check, {
    today: ctx.today, dryRun: Boolean(ctx.values['dry-run']), io: ctx.io, json: Boolean(ctx.values.json),
  });
  printSummary(ctx, summary);
}
