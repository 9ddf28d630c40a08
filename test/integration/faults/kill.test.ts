/**
 * Kill -9 in the middle of a run, twenty times. Each round is a new day (15 days apart, past the
 * 14-day cooldown, so every partnership is due a reminder again): `run` is started as a child
 * process and killed with SIGKILL after a random delay that falls, most of the time, while it is
 * posting; then it is run again to completion. After every round each talk page must have
 * exactly one reminder for that day, and exactly one revision per day so far: nothing lost,
 * nothing posted twice, whatever the moment of the kill.
 *
 * The delays come from a seeded generator: PT_KILL_SEED=<n> replays a failing sequence.
 */
import {writeFileSync} from 'node:fs';
import {formatDay, parseIsoDate, type Day} from '../../../shared/model/dates';
import {describeWiki} from '../wiki';
import {isolated, reminderMarkers, spawnBot, TODAY, waitFor, type Isolated} from './setup';
import {random as seededRandom} from '../../../bench/pages';

const ROUNDS = 20;
const PARTNERSHIPS = 5;

// Twenty rounds of a child process each, plus the re-runs.
jest.setTimeout(30 * 60_000);

function dayAfter(days: number): string {
  return formatDay(((parseIsoDate(TODAY) as number) + days) as Day);
}

async function remindersOn(s: Isolated, day: string): Promise<{title: string; forDay: number; revisions: number}[]> {
  return Promise.all(s.pages.map(async (page) => {
    const revisions = await s.revisions(`Talk:${page}`);
    const markers = reminderMarkers(revisions[0]?.text ?? '');
    return {title: `Talk:${page}`, forDay: markers.filter((m) => m.includes(`"day":"${day}"`)).length, revisions: revisions.length};
  }));
}

describeWiki('killed runs', () => {
  it(`every finding is reminded exactly once, through ${ROUNDS} runs killed at random moments`, async () => {
    const seed = Number(process.env.PT_KILL_SEED) || Math.floor(Math.random() * 2 ** 31);
    const random = seededRandom(seed);
    // One second between edits: the posting lasts a few seconds, a window the kills can hit.
    const s = await isolated('Kill', PARTNERSHIPS, {reminders: {editDelaySeconds: 1}});

    // Round 0, not killed: when does a run post its first and last reminder (after its start)?
    const startedAt = Date.now();
    const calibration = await spawnBot(['run', '--today', dayAfter(0)], s.cwd);
    let first = 0;
    let last = 0;
    await waitFor('the calibration run', async () => {
      const posted = (await remindersOn(s, dayAfter(0))).filter((r) => r.forDay > 0).length;
      if (posted > 0 && first === 0) first = Date.now() - startedAt;
      if (posted === PARTNERSHIPS && last === 0) last = Date.now() - startedAt;
      return last > 0;
    }, 120_000, 100);
    expect((await calibration.exited).code).toBe(0);
    expect(await remindersOn(s, dayAfter(0))).toEqual(s.pages.map((p) => ({title: `Talk:${p}`, forDay: 1, revisions: 1})));

    const history: {day: string; delayMs: number; killed: boolean; postedBeforeRerun: number}[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const day = dayAfter(15 * round);
      // From a second before the first post to a second after the last.
      const delayMs = Math.round(Math.max(0, first - 1000) + random() * (last - first + 2000));
      const child = await spawnBot(['run', '--today', day], s.cwd);
      const timer = setTimeout(() => child.process.kill('SIGKILL'), delayMs);
      const exit = await child.exited;
      clearTimeout(timer);
      const postedBeforeRerun = (await remindersOn(s, day)).filter((r) => r.forDay > 0).length;
      history.push({day, delayMs, killed: exit.signal === 'SIGKILL', postedBeforeRerun});

      const rerun = await s.run(['run', '--json', '--today', day]);
      const context = {seed, round, history: history.at(-1), stderr: rerun.stderr};
      expect({...context, code: rerun.code}).toEqual({...context, code: 0});
      const reminders = await remindersOn(s, day);
      expect({...context, reminders}).toEqual({...context, reminders: s.pages.map((p) => ({title: `Talk:${p}`, forDay: 1, revisions: round + 1}))});
    }

    // PT_KILL_REPORT=file: where the kills landed, for a person to look at.
    if (process.env.PT_KILL_REPORT) writeFileSync(process.env.PT_KILL_REPORT, `${JSON.stringify({seed, first, last, history}, null, 2)}\n`);
    // The kills hit where it matters: while reminders were being posted.
    const midPosting = history.filter((h) => h.killed && h.postedBeforeRerun > 0 && h.postedBeforeRerun < PARTNERSHIPS);
    expect({seed, midPosting: midPosting.length >= 5, history}).toEqual({seed, midPosting: true, history});
    // One status table, updated at most once a day.
    const status = await s.revisions(s.statusPage);
    expect(status.length).toBeGreaterThanOrEqual(1);
    expect(status.length).toBeLessThanOrEqual(ROUNDS + 1);
  });
});
