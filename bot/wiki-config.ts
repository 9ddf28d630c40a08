import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {validate as validCron} from 'node-cron';
import {z} from 'zod';
import {configSchema, deepMerge, describeIssues, onWikiSchema, type Config} from './config';
import type {Io} from './io';
import {createLogger, logLevelFrom, type Logger} from './log';
import type {WikiClient} from './wiki/client';

/**
 * The configuration a run uses, in layers, each later one winning:
 *
 * 1. `config/defaults.json`;
 * 2. the operator's local file (`--config PATH`, or `./partnership-bot.config.json`);
 * 3. the on-wiki page `onWikiConfigPage` (JSON), for the keys coordinators may change
 *    (`onWikiSchema`: stage thresholds, report pages and filters, reminder cooldown and caps,
 *    opt-out list, schedule). Objects merge key by key; an array on the page replaces the
 *    file's array (`report.pages`, `reminders.optOut`, `reminders.severities`).
 * 4. the environment and the command line (`MW_API` and the credentials, `PT_REQUEST_TIMEOUT`,
 *    `--today`, `--config`, `--log-format`). They set nothing the page may set, so they always win.
 *
 * The page is taken whole or not at all: a page that is not JSON, has an unknown key or a bad
 * value (a threshold below zero, a schedule that is not a cron expression), or that would make
 * the merged configuration invalid, is refused, and the last version that was good (kept under
 * `statePath`) is used instead, with the problem said in the log and returned for the status page.
 */

export const ON_WIKI_STATE_FILE = 'on-wiki-config.json';

type Json = Record<string, unknown>;

export interface EffectiveConfig {
  readonly config: Config;
  /** Why the page as it is now was not used (it is shown on the status page and logged). */
  readonly problem?: string;
  /** Where the coordinators' layer came from. */
  readonly source: 'page' | 'last good' | 'none';
  /** The revision of the page that supplied it. */
  readonly revid?: number;
}

const lastGoodSchema = z.strictObject({
  format: z.literal(1),
  /** A last good configuration never carries over to another wiki or another page. */
  wiki: z.string(),
  page: z.string(),
  revid: z.number().int(),
  savedAt: z.string(),
  layer: z.record(z.string(), z.unknown()),
});

type LastGood = z.infer<typeof lastGoodSchema>;

/** An empty schedule switches that kind of run off; anything else must be a cron expression. */
export function scheduleProblem(schedule: {readonly reminders?: string; readonly report?: string}, source: string): string | null {
  for (const key of ['reminders', 'report'] as const) {
    const expression = schedule[key];
    if (expression === undefined || expression.trim() === '') continue;
    if (!validCron(expression)) return `${source}: schedule.${key}: "${expression}" is not a cron expression (minute hour day month weekday, optionally seconds first)`;
  }
  return null;
}

/** The page's layer, validated; or why it cannot be used. */
function validateLayer(text: string, base: Config, source: string): {layer: Json; config: Config} | {problem: string} {
  if (text.trim() === '') return {problem: `${source}: the page is empty`};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {problem: `${source}: not valid JSON (${(error as Error).message})`};
  }
  const layer = onWikiSchema.safeParse(parsed);
  if (!layer.success) return {problem: describeIssues(layer.error, source)};
  const schedule = scheduleProblem(layer.data.schedule ?? {}, source);
  if (schedule) return {problem: schedule};
  const merged = configSchema.safeParse(deepMerge(base as unknown as Json, layer.data as Json));
  if (!merged.success) return {problem: describeIssues(merged.error, source)};
  return {layer: layer.data as Json, config: merged.data};
}

function readLastGood(file: string, wiki: string, page: string): LastGood | null {
  try {
    const parsed = lastGoodSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success && parsed.data.wiki === wiki && parsed.data.page === page ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
function writeLastGood(file: string, value: LastGood): void {
  mkdirSync(path.dirname(file), {recursive: true});
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, file);
}

/**
 * Reads the on-wiki configuration page and layers it over `config` (defaults + local file).
 * `statePath` is the folder where the last good version is kept (absolute, or relative to the
 * process's working directory). A missing page is no problem: coordinators have not written one.
 * A wiki that cannot be read is: the `WikiError` goes to the caller (the run fails, exit 1).
 */
export async function loadOnWikiConfig(client: Pick<WikiClient, 'pageText' | 'credentials'>, config: Config, statePath: string): Promise<EffectiveConfig> {
  const page = config.onWikiConfigPage;
  if (page === null) return {config, source: 'none'};
  const current = await client.pageText(page);
  if (current === null) return {config, source: 'none'};
  const file = path.join(statePath, ON_WIKI_STATE_FILE);
  const wiki = client.credentials.api;
  const checked = validateLayer(current.text, config, `${page} (revision ${current.revid})`);
  if ('layer' in checked) {
    const known = readLastGood(file, wiki, page);
    if (known?.revid !== current.revid || JSON.stringify(known.layer) !== JSON.stringify(checked.layer)) {
      writeLastGood(file, {format: 1, wiki, page, revid: current.revid, savedAt: new Date().toISOString(), layer: checked.layer});
    }
    return {config: checked.config, source: 'page', revid: current.revid};
  }
  const lastGood = readLastGood(file, wiki, page);
  if (lastGood) {
    // The local file may have changed since: the old layer goes over today's file, and must still fit.
    const again = validateLayer(JSON.stringify(lastGood.layer), config, `${page} (revision ${lastGood.revid}, last good)`);
    if ('config' in again) {
      return {config: again.config, source: 'last good', revid: lastGood.revid,
        problem: `${checked.problem}; using the last good version of the page (revision ${lastGood.revid}) until it is fixed`};
    }
  }
  return {config, source: 'none',
    problem: `${checked.problem}; no earlier good version is known, so only the local configuration and the defaults apply until it is fixed`};
}

/**
 * The configuration to run with: `loadOnWikiConfig` with `statePath` taken from the working
 * directory, and the problem, if any, said in the log (stderr; a logger in `start`).
 */
export async function effectiveConfig(client: Pick<WikiClient, 'pageText' | 'credentials'>, config: Config, io: Io, log?: Logger): Promise<EffectiveConfig> {
  const result = await loadOnWikiConfig(client, config, path.resolve(io.cwd, config.statePath));
  if (result.problem !== undefined) {
    const logger = log ?? createLogger({write: io.stderr, level: logLevelFrom(io.env)});
    logger.warn(`on-wiki configuration refused: ${result.problem}`, {page: config.onWikiConfigPage ?? undefined});
  }
  return result;
}
