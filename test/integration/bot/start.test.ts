/**
 * `partnership-bot start` as the operator runs it: a child process on a per-second cron schedule
 * (from the config file), JSON log lines on stderr, and SIGTERM to stop it.
 */
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {isolated, reminderMarkers, spawnBot, TODAY, waitFor} from '../faults/setup';
import {describeWiki} from '../wiki';

jest.setTimeout(180_000);

type LogLine = {level: string; msg: string; event?: string; kind?: string; outcome?: string; partnerships?: number; reminders?: {posted: number}; from?: string};

function logLines(output: string): LogLine[] {
  return output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
}

describeWiki('start', () => {
  it('runs on the schedule, one JSON line per run, posts each reminder once, and stops cleanly on SIGTERM', async () => {
    const s = await isolated('Start', 2, {schedule: {reminders: '*/2 * * * * *', report: '', timezone: 'UTC'}});
    const child = await spawnBot(['start', '--log-format', 'json', '--today', TODAY], s.cwd);
    await waitFor('two scheduled runs', () => logLines(child.output()).filter((l) => l.event === 'run').length >= 2, 120_000);
    child.process.kill('SIGTERM');
    expect(await child.exited).toEqual({code: 0, signal: null});

    const output = child.output();
    // Every line of output is a JSON log line.
    expect(output.trim().split('\n').every((l) => l.startsWith('{') && JSON.parse(l))).toBe(true);
    const lines = logLines(output);
    expect(lines[0]).toMatchObject({event: 'start'});
    expect(lines.find((l) => l.event === 'schedule')).toMatchObject({reminders: '*/2 * * * * *', report: ''});
    const runs = lines.filter((l) => l.event === 'run');
    expect(runs.every((r) => r.kind === 'reminders' && r.outcome === 'ok' && r.partnerships === 2)).toBe(true);
    // The first run reminded both; the next ones found nothing due.
    expect(runs.map((r) => r.reminders?.posted)).toEqual([2, ...runs.slice(1).map(() => 0)]);
    expect(lines.at(-1)).toMatchObject({event: 'stopped'});
    for (const page of s.pages) expect(reminderMarkers((await s.revisions(`Talk:${page}`))[0]?.text ?? '')).toHaveLength(1);
    // The run lock is gone with the process.
    expect(existsSync(path.join(s.stateDir, 'run.lock'))).toBe(false);
  });

  it('takes its schedule from the on-wiki page, and keeps the last good page when a coordinator breaks it', async () => {
    // The local file switches reminders off; the page on the wiki switches them on, every 2 seconds.
    const s = await isolated('StartWiki', 1, {schedule: {reminders: '', report: '', timezone: 'UTC'}});
    const page = `${s.unique}/Configuration.json`;
    const config = path.join(s.cwd, 'partnership-bot.config.json');
    writeFileSync(config, JSON.stringify({...JSON.parse(readFileSync(config, 'utf8')), onWikiConfigPage: page}));
    const token = await s.bot.getCsrfToken();
    const save = (value: unknown) => s.bot.request({action: 'edit', title: page, text: JSON.stringify(value), contentmodel: 'json', token, bot: true});
    await save({schedule: {reminders: '*/2 * * * * *'}, reminders: {cooldownDays: 30}});

    const child = await spawnBot(['start', '--log-format', 'json', '--today', TODAY], s.cwd);
    await waitFor('a run on the wiki\'s schedule', () => logLines(child.output()).some((l) => l.event === 'run'), 120_000);
    expect(logLines(child.output()).find((l) => l.event === 'schedule')).toMatchObject({reminders: '*/2 * * * * *', from: expect.stringMatching(new RegExp(`^${s.unique}/Configuration\\.json, revision \\d+$`))});

    // Valid JSON (the page's content model insists), but not a valid configuration.
    await save({schedule: {reminders: '*/2 * * * * *'}, reminders: {cooldownDays: -5}});
    await waitFor('the refusal in the log', () => /on-wiki configuration refused/.test(child.output()), 60_000);
    const runsBefore = logLines(child.output()).filter((l) => l.event === 'run').length;
    await waitFor('runs going on with the last good configuration', () => logLines(child.output()).filter((l) => l.event === 'run').length >= runsBefore + 1, 60_000);
    child.process.kill('SIGTERM');
    expect(await child.exited).toEqual({code: 0, signal: null});
    const refusal = logLines(child.output()).find((l) => /on-wiki configuration refused/.test(l.msg));
    expect(refusal?.level).toBe('warn');
    expect(refusal?.msg).toMatch(/reminders\.cooldownDays: .*; using the last good version of the page \(revision \d+\) until it is fixed/);
    expect(logLines(child.output()).filter((l) => l.event === 'run').every((l) => l.outcome === 'ok')).toBe(true);
  });

  it('on SIGTERM in the middle of a run: the edit in progress finishes, no new edit starts, exit 0; the next run completes the rest once', async () => {
    const s = await isolated('StartStop', 5, {
      schedule: {reminders: '*/2 * * * * *', report: '', timezone: 'UTC'},
      // Two seconds between edits: the signal lands between two reminders.
      reminders: {editDelaySeconds: 2},
    });
    const talk = s.pages.map((p) => `Talk:${p}`);
    const posted = async () => (await Promise.all(talk.map((t) => s.revisions(t)))).filter((r) => r.length > 0).length;
    const child = await spawnBot(['start', '--log-format', 'json', '--today', TODAY], s.cwd);
    await waitFor('the first reminder', async () => (await posted()) >= 1, 120_000, 100);
    child.process.kill('SIGTERM');
    const atSignal = await posted();
    expect(await child.exited).toEqual({code: 0, signal: null});
    const after = await posted();
    expect(after).toBeLessThanOrEqual(atSignal + 1);
    expect(after).toBeLessThan(5);
    const lines = logLines(child.output());
    expect(lines).toContainEqual(expect.objectContaining({event: 'stop', msg: 'SIGTERM received: finishing the edit in progress, then stopping'}));
    expect(lines.filter((l) => l.event === 'run')).toEqual([expect.objectContaining({kind: 'reminders', outcome: 'stopped'})]);
    expect(lines.at(-1)).toMatchObject({event: 'stopped'});

    // The next run (a manual one) posts the rest, and nothing twice.
    writeFileSync(path.join(s.cwd, 'partnership-bot.config.json'), JSON.stringify({
      template: {names: [s.template]}, statePath: s.stateDir, onWikiConfigPage: null,
      reminders: {editDelaySeconds: 0}, report: {pages: [{title: s.statusPage}]}, safety: {shutoffPage: `User:PartnershipBot/Shutoff ${s.unique}`},
    }));
    const rerun = await s.run(['run', '--json', '--today', TODAY]);
    expect(rerun.code).toBe(0);
    expect((JSON.parse(rerun.stdout) as {nudge: {posted: unknown[]}}).nudge.posted).toHaveLength(5 - after);
    for (const title of talk) {
      const revisions = await s.revisions(title);
      expect({title, revisions: revisions.length, markers: reminderMarkers(revisions[0]?.text ?? '').length}).toEqual({title, revisions: 1, markers: 1});
    }
  });
});
