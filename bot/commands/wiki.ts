import {execFileSync} from 'node:child_process';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {createTwoFilesPatch} from 'diff';
import {checkPartnerships, checkResultJson, type CheckResult} from '../../shared/check';
import {coreMessages} from '../../shared/i18n/core';
import {editPartnership, EditRefused} from '../../shared/wikitext/edit';
import {mergeGadgetsDefinition} from '../../shared/wikitext/gadgets-definition';
import {version} from '../../package.json';
import type {CommandContext} from '../cli';
import {onWikiSchema, rulesConfig, type Config} from '../config';
import {PROJECT_ROOT as ROOT} from '../paths';
import {UsageError, type Io} from '../io';
import {scanWiki, type ScanProgress, type ScanResult, type UnreadablePage} from '../scan';
import {ProgressBar} from '../progress';
import {WikiClient} from '../wiki/client';
import {findCredentials} from '../wiki/credentials';
import {nodeWikitextTools} from '../wikitext';
import {formatCheckSummary} from './summary';

export async function openWiki(config: Config, io: Io, onRequest?: () => void): Promise<WikiClient> {
  const credentials = findCredentials(io.env, io.cwd, config.wiki.api);
  if (!credentials) {
    throw new UsageError('no wiki configured: set MW_API (and MW_USERNAME/MW_PASSWORD or MW_OAUTH2_TOKEN) in the environment or .env, or run `npm run demo` first');
  }
  return WikiClient.connect(credentials, {operatorContact: config.wiki.operatorContact, ...(onRequest ? {onRequest} : {})});
}

export function wikiTools(client: WikiClient, config: Config) {
  return nodeWikitextTools(config.template.names, client.site.templateNamespaces);
}

export interface WikiCheck {
  readonly result: CheckResult;
  readonly unreadable: readonly UnreadablePage[];
  readonly scan: Omit<ScanResult, 'partnerships'>;
}

export async function checkWiki(client: WikiClient, config: Config, ctx: Pick<CommandContext, 'today' | 'io'>, onProgress?: (p: ScanProgress) => void): Promise<WikiCheck> {
  const {partnerships, ...scan} = await scanWiki(client, config, ctx.io.cwd, {tools: wikiTools(client, config), ...(onProgress ? {onProgress} : {})});
  const findings = checkPartnerships(partnerships, {
    today: ctx.today,
    rules: rulesConfig(config),
    messages: coreMessages('en'),
    namespaces: client.site.namespaces,
  });
  return {result: {today: ctx.today, partnerships, findings}, unreadable: scan.unreadable, scan};
}

export async function checkCommand(ctx: CommandContext): Promise<void> {
  // A progress bar only for a person watching a terminal: never with --json or into a pipe.
  const progress = !ctx.values.json && ctx.io.stderrIsTTY ? new ProgressBar(ctx.io) : null;
  const client = await openWiki(ctx.config, ctx.io, progress ? () => progress.request() : undefined);
  const {result, unreadable} = await checkWiki(client, ctx.config, ctx, progress ? (p) => progress.update(p) : undefined);
  progress?.done();
  for (const page of unreadable) ctx.io.stderr(`partnership-bot: ${page.page}: cannot read the page: ${page.reason}\n`);
  if (ctx.values.json) {
    ctx.io.stdout(`${JSON.stringify({...checkResultJson(result), ...(unreadable.length ? {errors: unreadable} : {})}, null, 2)}\n`);
  } else {
    ctx.io.stdout(formatCheckSummary(result));
  }
}

export function summaryOfChanges(changes: Readonly<Record<string, string>>): string {
  const parts = Object.entries(changes).map(([k, v]) => (v.trim() === '' ? `${k} emptied` : `${k}=${v.trim()}`));
  const text = `Partnership: ${parts.join(', ')}`;
  return text.length > 400 ? `${text.slice(0, 397)}…` : text;
}

export async function setCommand(ctx: CommandContext, page: string, index: number, changes: Record<string, string>): Promise<void> {
  const client = await openWiki(ctx.config, ctx.io);
  const current = await client.pageText(page);
  if (!current) throw new UsageError(`${page}: no such page on the wiki`);
  let result;
  try {
    result = editPartnership(current.text, index, changes, wikiTools(client, ctx.config));
  } catch (error) {
    if (error instanceof EditRefused) throw new UsageError(`${page}${error.field ? `: ${error.field}` : ''}: ${error.message}`);
    throw error;
  }
  const changed = Object.fromEntries(result.changed.map((k) => [k, changes[k] ?? '']));
  let saved = {nochange: true} as {nochange: boolean; newrevid?: number};
  if (result.changed.length > 0) {
    saved = await client.save(page, result.text, summaryOfChanges(changed), {baseRevId: current.revid});
  }
  const report = {page, index, changed: result.changed, edited: !saved.nochange, ...(saved.newrevid ? {revid: saved.newrevid} : {})};
  ctx.io.stdout(ctx.values.json ? `${JSON.stringify(report)}\n`
    : result.changed.length === 0 ? `${page}: nothing to change\n` : `${page}: changed ${result.changed.join(', ')} (revision ${saved.newrevid ?? 'unchanged'})\n`);
}

/** The pages `install` owns: title, text and content model. */
export interface InstallPage {
  readonly title: string;
  readonly text: string;
  readonly contentModel?: string;
}


function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Wiki pages kept as files: `wiki/Template:Partnership/doc.wikitext` is `Template:Partnership/doc`. */
export function installPages(config: Config): InstallPage[] {
  const pages: InstallPage[] = [];
  for (const base of [path.join(ROOT, 'wiki'), path.join(ROOT, 'dist', 'wiki')]) {
    for (const file of filesUnder(base)) {
      const relative = path.relative(base, file).split(path.sep).join('/');
      // JS, CSS and JSON pages keep their extension in the title (MediaWiki:Gadget-partnership.js).
      const title = relative.replace(/\.wikitext$/, '');
      pages.push({title, text: readFileSync(file, 'utf8')});
    }
  }
  if (config.onWikiConfigPage) {
    const onWiki = onWikiSchema.parse({
      rules: config.rules,
      reminders: {severities: config.reminders.severities, cooldownDays: config.reminders.cooldownDays,
        maxEditsPerRun: config.reminders.maxEditsPerRun, maxFindingsPerMessage: config.reminders.maxFindingsPerMessage, optOut: []},
      report: config.report,
      schedule: {reminders: config.schedule.reminders, report: config.schedule.report},
    });
    pages.push({title: config.onWikiConfigPage, text: `${JSON.stringify(onWiki, null, 2)}\n`, contentModel: 'json'});
  }
  return pages;
}

export function versionLabel(): string {
  let commit = 'unknown commit';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
  } catch {
    // Not a git checkout (an npm install): the package version alone.
  }
  return `Partnership Tracker ${version} (${commit})`;
}

/**
 * MediaWiki:Gadgets-definition is shared with the wiki's other gadgets: install never replaces it,
 * it merges our section (dist/gadget/definition.txt, written by `npm run build:gadget`) into it.
 */
const GADGETS_DEFINITION = 'MediaWiki:Gadgets-definition';

function ourGadgetDefinition(): string | null {
  const file = path.join(ROOT, 'dist', 'gadget', 'definition.txt');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

export async function installCommand(ctx: CommandContext): Promise<void> {
  const client = await openWiki(ctx.config, ctx.io);
  const dryRun = Boolean(ctx.values['dry-run']);
  const summary = `Install ${versionLabel()}`;
  const results: {title: string; action: 'created' | 'updated' | 'unchanged' | 'would create' | 'would update'}[] = [];
  const put = async (page: InstallPage, current: {text: string; revid: number} | null) => {
    if (current && current.text.trimEnd() === page.text.trimEnd()) {
      results.push({title: page.title, action: 'unchanged'});
      return;
    }
    if (dryRun) {
      if (!ctx.values.json) ctx.io.stdout(createTwoFilesPatch(`${page.title} (wiki)`, `${page.title} (install)`, current?.text ?? '', page.text));
      results.push({title: page.title, action: current ? 'would update' : 'would create'});
      return;
    }
    await client.save(page.title, page.text, summary, {...(current ? {baseRevId: current.revid} : {}), ...(page.contentModel ? {contentModel: page.contentModel} : {})});
    results.push({title: page.title, action: current ? 'updated' : 'created'});
  };
  for (const page of installPages(ctx.config)) {
    const current = await client.pageText(page.title);
    // The configuration page belongs to coordinators once it exists: install never overwrites it.
    if (page.title === ctx.config.onWikiConfigPage && current !== null) {
      results.push({title: page.title, action: 'unchanged'});
      continue;
    }
    await put(page, current);
  }
  // After the gadget's pages, so that the definition never names a page that is not there yet.
  const ours = ourGadgetDefinition();
  if (ours !== null) {
    const current = await client.pageText(GADGETS_DEFINITION);
    const retired = (name: string) => name === 'partnership' || name.startsWith('partnership-');
    await put({title: GADGETS_DEFINITION, text: mergeGadgetsDefinition(current?.text ?? '', ours, retired)}, current);
  }
  if (ctx.values.json) ctx.io.stdout(`${JSON.stringify({summary, pages: results})}\n`);
  else for (const r of results) ctx.io.stdout(`${r.action.padEnd(12)} ${r.title}\n`);
}
