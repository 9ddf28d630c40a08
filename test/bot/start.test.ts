import {EventEmitter} from 'node:events';
import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {CommandContext} from '../../bot/cli';
import type {RunSummary} from '../../bot/commands/run';
import {startCommand, type CronSchedule, type StartDeps, type StartEvent} from '../../bot/commands/start';
import {ConfigError, loadConfig, type Config} from '../../bot/config';
import {UsageError, type Io} from '../../bot/io';
import {runLockFile} from '../../bot/lock';
import {processLogger} from '../../bot/log';
import {stopRequested} from '../../bot/wiki/client';
import {dayOf, parseIsoDate} from '../../shared/model/dates';

const SUMMARY: RunSummary = {partnerships: 3, findings: {error: 1, warning: 2, info: 0}, unreadable: 0, reread: 3};

/** A cron whose ticks the test fires by hand. */
function fakeCron() {
  const tasks: {expression: string; fn: () => void; timezone: string; destroyed: boolean}[] = [];
  const schedule: CronSchedule = (expression, fn, options) => {
    const task = {expression, fn, timezone: options.timezone, destroyed: false};
    tasks.push(task);
    return {stop: () => undefined, destroy: () => void (task.destroyed = true), getNextRun: () => new Date('2026-11-22T09:00:00Z')};
  };
  const live = () => tasks.filter((t) => !t.destroyed);
  return {schedule, live, tick: (expression: string) => {
    const task = live().find((t) => t.expression === expression);
    if (!task) throw new Error(`no live task for ${expression}`);
    task.fn();
  }};
}

function setup(layer: Record<string, unknown> = {}, values: Record<string, unknown> = {}) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'pt-start-'));
  writeFileSync(path.join(cwd, 'partnership-bot.config.json'), JSON.stringify({statePath: 'state', ...layer}));
  const config = loadConfig(undefined, cwd).config;
  let stderr = '';
  const io: Io = {stdout: () => undefined, stderr: (t) => void (stderr += t), stdoutIsTTY: false, cwd,
    env: {MW_API: 'http://127.0.0.1:9/api.php', MW_USERNAME: 'Bot@x', MW_PASSWORD: 'very-secret-password'}};
  const ctx: CommandContext = {values: values as CommandContext['values'], args: [], today: dayOf(new Date()), config, io};
  const cron = fakeCron();
  const signals = new EventEmitter();
  const events: StartEvent[] = [];
  const runs: {kind: string; steps: unknown; config: Config; today: number}[] = [];
  let release: (() => void) | null = null;
  let blockNext = false;
  let wikiConfig: Config = config;
  const deps: StartDeps = {
    schedule: cron.schedule,
    signals,
    gatherMs: 5,
    forceExit: () => {
      throw new Error('forced exit');
    },
    loadConfig: async () => ({config: wikiConfig, source: 'page'}),
    runOnce: async (c, steps) => {
      runs.push({kind: steps.nudge ? 'reminders' : 'report', steps, config: c.config, today: c.today});
      if (blockNext) {
        blockNext = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
      return SUMMARY;
    },
    onEvent: (e) => void events.push(e),
  };
  const started = startCommand(ctx, deps);
  const until = async (what: (e: StartEvent[]) => boolean) => {
    for (let i = 0; i < 500 && !what(events); i++) await new Promise((r) => setTimeout(r, 5));
    if (!what(events)) throw new Error(`never happened; events: ${JSON.stringify(events)}`);
  };
  const runsDone = (n: number) => until((e) => e.filter((x) => x.type === 'run').length >= n);
  return {
    cwd, config, ctx, cron, signals, events, runs, started, until, runsDone, stderr: () => stderr,
    block: () => void (blockNext = true),
    unblock: () => release?.(),
    setWikiConfig: (c: Config) => void (wikiConfig = c),
  };
}

const runKinds = (events: StartEvent[]) => events.filter((e): e is Extract<StartEvent, {type: 'run'}> => e.type === 'run').map((e) => `${e.kind}:${e.outcome}`);

describe('start', () => {
  it('arms both schedules in the configured time zone, runs on their ticks, and stops on SIGTERM with one summary line per run', async () => {
    const s = setup({schedule: {reminders: '0 9 * * *', report: '15 */3 * * *', timezone: 'Europe/Paris'}});
    await s.until((e) => e.some((x) => x.type === 'armed'));
    expect(s.cron.live().map((t) => [t.expression, t.timezone])).toEqual([['0 9 * * *', 'Europe/Paris'], ['15 */3 * * *', 'Europe/Paris']]);
    s.cron.tick('0 9 * * *');
    await s.runsDone(1);
    s.cron.tick('15 */3 * * *');
    await s.runsDone(2);
    expect(s.runs.map((r) => r.steps)).toEqual([{nudge: true, report: true}, {nudge: false, report: true}]);
    s.signals.emit('SIGTERM', 'SIGTERM');
    await expect(s.started).resolves.toBeUndefined();
    expect(s.cron.live()).toEqual([]);
    const lines = s.stderr().trim().split('\n');
    expect(lines.filter((l) => / run (done|stopped|failed)/.test(l))).toEqual([
      expect.stringMatching(/ info {2}reminders run done in \d+\.\d s: 3 partnerships \(3 pages re-read\); 1 errors, 2 warnings, 0 notes event=run kind=reminders outcome=ok/),
      expect.stringMatching(/ info {2}report run done in /),
    ]);
    expect(lines.at(-1)).toMatch(/ info {2}stopped event=stopped$/);
    // The signal handlers are gone, and new requests are allowed again for whatever runs next in this process.
    expect(s.signals.listenerCount('SIGTERM')).toBe(0);
    expect(stopRequested()).toBeNull();
  });

  it('writes JSON lines with --log-format json', async () => {
    const s = setup({}, {'log-format': 'json'});
    await s.until((e) => e.some((x) => x.type === 'armed'));
    s.cron.tick('0 9 * * *');
    await s.runsDone(1);
    s.signals.emit('SIGINT', 'SIGINT');
    await s.started;
    const lines = s.stderr().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.event)).toEqual(['start', 'schedule', 'run', 'stop', 'stopped']);
    expect(lines[2]).toMatchObject({level: 'info', event: 'run', kind: 'reminders', outcome: 'ok', partnerships: 3, findings: {error: 1, warning: 2, info: 0}});
    expect(typeof lines[2]?.durationMs).toBe('number');
    expect(s.stderr()).not.toContain('very-secret-password');
  });

  it('never overlaps runs: a run due during another follows it, and two due together make one full run', async () => {
    const s = setup();
    await s.until((e) => e.some((x) => x.type === 'armed'));
    s.block();
    s.cron.tick('15 */3 * * *');
    await s.until(() => s.runs.length === 1);
    s.cron.tick('0 9 * * *');
    s.cron.tick('15 */3 * * *');
    s.cron.tick('0 9 * * *');
    // Still one run going.
    expect(s.runs).toHaveLength(1);
    expect(s.stderr()).toMatch(/reminders run due while another is going: it follows when that one ends/);
    s.unblock();
    await s.runsDone(2);
    expect(s.runs.map((r) => r.kind)).toEqual(['report', 'reminders']);
    // Both schedules firing at the same moment: one full run, not two.
    s.cron.tick('15 */3 * * *');
    s.cron.tick('0 9 * * *');
    await s.runsDone(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.runs.map((r) => r.kind)).toEqual(['report', 'reminders', 'reminders']);
    s.signals.emit('SIGTERM', 'SIGTERM');
    await s.started;
  });

  it('on SIGTERM during a run: no new requests, waits for the run, starts nothing after it, exits cleanly', async () => {
    const s = setup();
    await s.until((e) => e.some((x) => x.type === 'armed'));
    s.block();
    s.cron.tick('0 9 * * *');
    await s.until(() => s.runs.length === 1);
    s.signals.emit('SIGTERM', 'SIGTERM');
    // The wiki client refuses new requests from now on; the run in progress ends on its own.
    expect(stopRequested()).toBe('SIGTERM received');
    s.cron.tick('0 9 * * *');
    let done = false;
    void s.started.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    s.unblock();
    await s.started;
    expect(s.runs).toHaveLength(1);
    expect(s.stderr()).toMatch(/SIGTERM received: finishing the edit in progress, then stopping/);
    expect(runKinds(s.events)).toEqual(['reminders:ok']);
  });

  it('a second signal exits at once', async () => {
    const s = setup();
    await s.until((e) => e.some((x) => x.type === 'armed'));
    s.block();
    s.cron.tick('0 9 * * *');
    await s.until(() => s.runs.length === 1);
    s.signals.emit('SIGINT', 'SIGINT');
    expect(() => s.signals.emit('SIGINT', 'SIGINT')).toThrow('forced exit');
    s.unblock();
    await s.started;
  });

  it('a failed run is logged and the next one runs', async () => {
    const s = setup();
    let calls = 0;
    const cron = fakeCron();
    const signals = new EventEmitter();
    const events: StartEvent[] = [];
    const started = startCommand(s.ctx, {
      schedule: cron.schedule, signals, gatherMs: 1,
      loadConfig: async () => ({config: s.config, source: 'none'}),
      runOnce: async () => {
        calls += 1;
        if (calls === 1) throw new Error('the wiki went away');
        return SUMMARY;
      },
      onEvent: (e) => void events.push(e),
    });
    for (let i = 0; i < 100 && !events.some((e) => e.type === 'armed'); i++) await new Promise((r) => setTimeout(r, 5));
    cron.tick('0 9 * * *');
    for (let i = 0; i < 100 && events.filter((e) => e.type === 'run').length < 1; i++) await new Promise((r) => setTimeout(r, 5));
    cron.tick('0 9 * * *');
    for (let i = 0; i < 100 && events.filter((e) => e.type === 'run').length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    signals.emit('SIGTERM', 'SIGTERM');
    await started;
    expect(runKinds(events)).toEqual(['reminders:failed', 'reminders:ok']);
    expect(s.stderr()).toMatch(/ error reminders run failed after \d+\.\d s: the wiki went away/);
  });

  it('follows a schedule changed on the wiki, and an empty schedule switches that run off', async () => {
    const s = setup();
    await s.until((e) => e.some((x) => x.type === 'armed'));
    s.setWikiConfig({...s.config, schedule: {...s.config.schedule, reminders: '30 8 * * 1', report: ''}});
    s.cron.tick('15 */3 * * *');
    await s.runsDone(1);
    expect(s.cron.live().map((t) => t.expression)).toEqual(['30 8 * * 1']);
    expect(s.events.filter((e) => e.type === 'armed')).toEqual([
      {type: 'armed', reminders: '0 9 * * *', report: '15 */3 * * *'}, {type: 'armed', reminders: '30 8 * * 1', report: ''}]);
    s.signals.emit('SIGTERM', 'SIGTERM');
    await s.started;
  });

  it('judges each run on its own day, unless --today pins it', async () => {
    const s = setup();
    await s.until((e) => e.some((x) => x.type === 'armed'));
    s.cron.tick('0 9 * * *');
    await s.runsDone(1);
    s.signals.emit('SIGTERM', 'SIGTERM');
    await s.started;
    expect(s.runs[0]?.today).toBe(dayOf(new Date()));
    const pinned = setup({}, {today: '2026-01-05'});
    const ctx = {...pinned.ctx, today: parseIsoDate('2026-01-05') as number};
    const cron = fakeCron();
    const signals = new EventEmitter();
    const days: number[] = [];
    const started = startCommand(ctx as CommandContext, {schedule: cron.schedule, signals, gatherMs: 1,
      loadConfig: async () => ({config: ctx.config, source: 'none'}), runOnce: async (c) => (days.push(c.today), SUMMARY)});
    for (let i = 0; i < 100 && cron.live().length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    cron.tick('0 9 * * *');
    for (let i = 0; i < 100 && days.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    signals.emit('SIGTERM', 'SIGTERM');
    await started;
    expect(days).toEqual([parseIsoDate('2026-01-05')]);
  });

  it('skips a run, saying who holds the lock, while another process runs', async () => {
    const s = setup();
    await s.until((e) => e.some((x) => x.type === 'armed'));
    const lock = runLockFile(path.join(s.cwd, 'state'));
    mkdirSync(path.dirname(lock), {recursive: true});
    // The parent of this test process: alive, on this host.
    writeFileSync(lock, JSON.stringify({pid: process.ppid, host: os.hostname(), startedAt: '2026-11-21T08:59:00Z', token: 'other', purpose: 'run'}));
    s.cron.tick('0 9 * * *');
    await s.runsDone(1);
    expect(s.runs).toHaveLength(0);
    expect(s.stderr()).toMatch(new RegExp(` warn {2}reminders run skipped: another run holds run\\.lock: process ${process.ppid} on .* \\(run\\), since 2026-11-21T08:59:00Z`));
    s.signals.emit('SIGTERM', 'SIGTERM');
    await s.started;
    expect(existsSync(lock)).toBe(true);
  });

  it('routes the wiki client\'s log lines through its own logger while up, and puts the old one back', async () => {
    const before = processLogger();
    const s = setup({}, {'log-format': 'json'});
    await s.until((e) => e.some((x) => x.type === 'armed'));
    processLogger().warn('edit of X failed (HTTP 503); retrying in 1.0 s');
    s.signals.emit('SIGTERM', 'SIGTERM');
    await s.started;
    expect(JSON.parse(s.stderr().split('\n').find((l) => l.includes('HTTP 503')) as string)).toMatchObject({level: 'warn'});
    expect(processLogger()).toBe(before);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, RegExp, typeof ConfigError | typeof UsageError]>([
    ['a schedule that is not cron', {schedule: {reminders: 'daily'}}, {}, /schedule\.reminders: "daily" is not a cron expression/, ConfigError],
    ['an unknown time zone', {schedule: {timezone: 'Mars/Olympus'}}, {}, /schedule\.timezone: "Mars\/Olympus" is not a time zone/, ConfigError],
    ['an unknown log format', {}, {'log-format': 'yaml'}, /--log-format must be one of text, json/, UsageError],
  ])('refuses %s before doing anything', async (_name, layer, values, message, type) => {
    const s = setup(layer, values);
    await expect(s.started).rejects.toThrow(message);
    await expect(s.started).rejects.toBeInstanceOf(type);
    expect(s.signals.listenerCount('SIGTERM')).toBe(0);
  });
});
