import path from 'node:path';
import {schedule as cronSchedule} from 'node-cron';
import {dayOf} from '../../shared/model/dates';
import type {CommandContext} from '../cli';
import {ConfigError, type Config} from '../config';
import {UsageError, type Io} from '../io';
import {withRunLock} from '../lock';
import {createLogger, logLevelFrom, parseLogFormat, setProcessLogger, type Logger} from '../log';
import {effectiveConfig, scheduleProblem, type EffectiveConfig} from '../wiki-config';
import {resumeRequests, StopRequested, stopNewRequests} from '../wiki/client';
import {findCredentials} from '../wiki/credentials';
import {formatRunSummary, runOnce as realRunOnce, type RunSteps, type RunSummary} from './run';
import {openWiki} from './wiki';

/**
 * `partnership-bot start`: stays up and runs on the configured schedule.
 *
 * - `schedule.reminders` (cron) → a full run: check, reminders, status tables;
 *   `schedule.report` → check and status tables; both in `schedule.timezone`. An empty
 *   expression switches that kind of run off. Coordinators may change both on the wiki: the page
 *   is read again before every run, and the schedule follows it.
 * - Runs never overlap: one at a time in this process (a run due while another is going waits
 *   for it, at most one waiting), and across processes through the run lock under `statePath`
 *   (a manual `run` or a second `start` makes a scheduled run skip, with a line in the log).
 * - SIGTERM or SIGINT: no new run, no new request; the edit in flight is seen through; exit 0.
 *   A second signal exits at once (status 1).
 * - The log (stderr) has one line per run; `--log-format json` makes every line a JSON object.
 */

export type RunKind = 'reminders' | 'report';
export type RunOnce = (ctx: CommandContext, steps: RunSteps) => Promise<RunSummary>;

export interface CronTask {
  stop(): void | Promise<void>;
  destroy(): void | Promise<void>;
  getNextRun(): Date | null;
}

export type CronSchedule = (expression: string, fn: () => void, options: {timezone: string; name: string; logger: CronLogger}) => CronTask;

interface CronLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error, err?: Error): void;
  debug(message: string | Error, err?: Error): void;
}

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

export interface StartDeps {
  readonly runOnce?: RunOnce;
  /** The configuration for the next run: defaults, file and on-wiki page. */
  readonly loadConfig?: (ctx: CommandContext, log: Logger) => Promise<EffectiveConfig>;
  readonly schedule?: CronSchedule;
  readonly signals?: SignalSource;
  readonly now?: () => Date;
  readonly forceExit?: (code: number) => void;
  /** How long ticks are gathered before a run starts, so two schedules firing together make one run. */
  readonly gatherMs?: number;
  /** Told when the schedule is armed and after each run (tests wait on it). */
  readonly onEvent?: (event: StartEvent) => void;
}

export type StartEvent =
  | {readonly type: 'armed'; readonly reminders: string; readonly report: string}
  | {readonly type: 'run'; readonly kind: RunKind; readonly outcome: 'ok' | 'stopped' | 'failed' | 'skipped'}
  | {readonly type: 'stopping'};

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

function validTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', {timeZone: zone});
    return true;
  } catch {
    return false;
  }
}

async function defaultLoadConfig(ctx: CommandContext, log: Logger): Promise<EffectiveConfig> {
  const client = await openWiki(ctx.config, ctx.io);
  return effectiveConfig(client, ctx.config, ctx.io, log);
}

/** The counts of a run, for the log: small, and the same keys every time. */
export function runLogFields(summary: RunSummary): Record<string, unknown> {
  const edited = summary.report?.pages.filter((p) => p.action === 'created' || p.action === 'updated').length;
  return {
    partnerships: summary.partnerships,
    findings: summary.findings,
    unreadable: summary.unreadable,
    ...(summary.nudge ? {reminders: {posted: summary.nudge.posted.length, skipped: summary.nudge.skipped.length}} : {}),
    ...(summary.report ? {statusPages: {total: summary.report.pages.length, edited}} : {}),
    ...(summary.stopped ? {stopped: summary.stopped} : {}),
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function startLogger(io: Io, config: Config, format: string | undefined): Logger {
  const credentials = findCredentials(io.env, io.cwd, config.wiki.api);
  return createLogger({write: io.stderr, format: parseLogFormat(format), level: logLevelFrom(io.env),
    secrets: [credentials?.password, credentials?.oauth2Token]});
}

export async function startCommand(ctx: CommandContext, deps: StartDeps = {}): Promise<void> {
  if (ctx.args.length > 0) throw new UsageError(`start: unexpected argument "${ctx.args[0]}"`);
  const log = startLogger(ctx.io, ctx.config, ctx.values['log-format']);
  const local = ctx.config.schedule;
  const problem = scheduleProblem(local, 'configuration');
  if (problem) throw new ConfigError(problem);
  if (!validTimezone(local.timezone)) throw new ConfigError(`configuration: schedule.timezone: "${local.timezone}" is not a time zone (e.g. UTC, Europe/Paris)`);

  const runOnce = deps.runOnce ?? realRunOnce;
  const loadConfig = deps.loadConfig ?? defaultLoadConfig;
  const schedule: CronSchedule = deps.schedule ?? ((expression, fn, options) => cronSchedule(expression, fn, options));
  const signals = deps.signals ?? process;
  const now = deps.now ?? (() => new Date());
  const forceExit = deps.forceExit ?? ((code: number) => process.exit(code));
  const gatherMs = deps.gatherMs ?? 1000;
  const emit = deps.onEvent ?? (() => undefined);
  const statePath = path.resolve(ctx.io.cwd, ctx.config.statePath);

  // Every line of this process (the wiki client's retries too) in this logger's format.
  const previousLogger = setProcessLogger(log);
  resumeRequests();

  let stopping = false;
  let resolveStop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => {
    resolveStop = resolve;
  });
  let tasks: CronTask[] = [];
  let armed = {reminders: '', report: ''};
  let running: Promise<void> | null = null;
  let queued: RunKind | null = null;
  let gathering: {kind: RunKind; timer: NodeJS.Timeout} | null = null;
  const cancelGathering = () => {
    if (gathering) clearTimeout(gathering.timer);
    gathering = null;
  };

  const disarm = async () => {
    const old = tasks;
    tasks = [];
    for (const task of old) await task.destroy();
  };

  const cronLogger: CronLogger = {
    info: (m) => log.debug(`node-cron: ${String(m)}`),
    warn: (m) => log.warn(`node-cron: ${String(m)}`),
    error: (m) => log.error(`node-cron: ${m instanceof Error ? m.message : m}`),
    debug: (m) => log.debug(`node-cron: ${m instanceof Error ? m.message : m}`),
  };

  /** Where the schedule came from, for the log: an operator must see that the wiki page overrides the file. */
  const origin = (effective: EffectiveConfig) => (effective.source === 'none' || ctx.config.onWikiConfigPage === null ? 'the local configuration'
    : `${ctx.config.onWikiConfigPage}, revision ${effective.revid ?? '?'}${effective.source === 'last good' ? ' (last good version)' : ''}`);

  const arm = async (effective: EffectiveConfig) => {
    const config = effective.config;
    const wanted = {reminders: config.schedule.reminders.trim(), report: config.schedule.report.trim()};
    if (tasks.length > 0 && wanted.reminders === armed.reminders && wanted.report === armed.report) return;
    await disarm();
    armed = wanted;
    const zone = ctx.config.schedule.timezone;
    for (const kind of ['reminders', 'report'] as const) {
      if (wanted[kind] === '') continue;
      tasks.push(schedule(wanted[kind], () => trigger(kind), {timezone: zone, name: `partnership-bot ${kind}`, logger: cronLogger}));
    }
    // With both schedules off nothing would ever read the page again: look at it every hour.
    if (tasks.length === 0) {
      tasks.push(schedule('0 * * * *', () => void refreshOnly(), {timezone: zone, name: 'partnership-bot configuration', logger: cronLogger}));
      log.warn('both schedules are empty: no runs; the configuration is read again every hour', {event: 'schedule', reminders: '', report: ''});
    } else {
      const next = tasks.map((t) => t.getNextRun()).filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
      log.info(`schedule from ${origin(effective)}: reminders ${wanted.reminders ? `"${wanted.reminders}"` : 'off'}, status tables ${wanted.report ? `"${wanted.report}"` : 'off'} (${zone})${next ? `; next run ${next.toISOString()}` : ''}`,
        {event: 'schedule', reminders: wanted.reminders, report: wanted.report, timezone: zone, next: next?.toISOString(), from: origin(effective)});
    }
    emit({type: 'armed', ...wanted});
  };

  const refreshOnly = async () => {
    if (stopping || running) return;
    try {
      const effective = await loadConfig(ctx, log);
      if (!stopping) await arm(effective);
    } catch (error) {
      log.error(`reading the configuration failed: ${(error as Error).message}`, {event: 'config'});
    }
  };

  const execute = async (kind: RunKind) => {
    const started = now().getTime();
    const steps: RunSteps = kind === 'reminders' ? {nudge: true, report: true} : {nudge: false, report: true};
    const fields = {event: 'run', kind};
    try {
      const result = await withRunLock(statePath, `start: ${kind} run`, async () => {
        const effective = await loadConfig(ctx, log);
        if (!stopping) await arm(effective);
        // Each run judges partnerships on its own day (a process stays up for weeks), unless --today pins it.
        const today = ctx.values.today === undefined ? dayOf(now()) : ctx.today;
        return runOnce({...ctx, config: effective.config, today}, steps);
      });
      const took = now().getTime() - started;
      if (!result.ran) {
        log.warn(`${kind} run skipped: ${result.reason}`, {...fields, outcome: 'skipped', durationMs: took});
        emit({type: 'run', kind, outcome: 'skipped'});
        return;
      }
      const summary = result.value;
      const outcome = summary.stopped ? 'stopped' : 'ok';
      log.info(`${kind} run ${outcome === 'ok' ? 'done' : 'stopped'} in ${seconds(took)}: ${formatRunSummary(summary).trim()}`,
        {...fields, outcome, durationMs: took, ...runLogFields(summary), ...(result.tookOver ? {tookOverLock: result.tookOver} : {})});
      emit({type: 'run', kind, outcome});
    } catch (error) {
      const took = now().getTime() - started;
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof StopRequested) {
        log.info(`${kind} run stopped in ${seconds(took)}: ${message}`, {...fields, outcome: 'stopped', durationMs: took, stopped: message});
        emit({type: 'run', kind, outcome: 'stopped'});
      } else {
        // A failed run is not the end: the next one may find the wiki back.
        log.error(`${kind} run failed after ${seconds(took)}: ${message}`, {...fields, outcome: 'failed', durationMs: took, error: message});
        emit({type: 'run', kind, outcome: 'failed'});
      }
    }
  };

  const begin = (kind: RunKind) => {
    running = execute(kind).finally(() => {
      running = null;
      const next = queued;
      queued = null;
      if (next && !stopping) begin(next);
    });
  };

  /** A full run covers a status-table run: when both are due, one full run. */
  const merge = (a: RunKind | null, b: RunKind): RunKind => (a === 'reminders' || b === 'reminders' ? 'reminders' : 'report');

  function trigger(kind: RunKind): void {
    if (stopping) return;
    if (running) {
      if (queued === null) log.info(`${kind} run due while another is going: it follows when that one ends`, {event: 'queued', kind});
      queued = merge(queued, kind);
      return;
    }
    if (gathering) {
      gathering.kind = merge(gathering.kind, kind);
      return;
    }
    const timer = setTimeout(() => {
      const gathered = gathering?.kind ?? kind;
      gathering = null;
      if (!stopping) begin(gathered);
    }, gatherMs);
    gathering = {kind, timer};
  }

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting at once`, {event: 'stop', signal});
      forceExit(1);
      return;
    }
    stopping = true;
    emit({type: 'stopping'});
    stopNewRequests(`${signal} received`);
    cancelGathering();
    queued = null;
    log.info(`${signal} received: ${running ? 'finishing the edit in progress, then stopping' : 'stopping'}`, {event: 'stop', signal});
    resolveStop();
  };
  for (const signal of SIGNALS) signals.on(signal, onSignal);

  try {
    log.info(`starting: ${ctx.io.cwd}, state in ${statePath}`, {event: 'start', pid: process.pid});
    // The first reading of the page decides the first schedule; failing here (no wiki, bad
    // password) is an exit 1 the operator sees at once, not a silent loop.
    const effective = await Promise.race([loadConfig(ctx, log), stopped.then(() => null)]);
    if (effective && !stopping) await arm(effective);
    await stopped;
    await disarm();
    await running;
    log.info('stopped', {event: 'stopped'});
  } finally {
    for (const signal of SIGNALS) signals.off(signal, onSignal);
    cancelGathering();
    await disarm();
    resumeRequests();
    setProcessLogger(previousLogger);
  }
}
