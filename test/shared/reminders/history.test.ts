import type {Day} from '../../../shared/model/dates';
import {isDue, lastSentDays, noteCurrentFindings, recordSent, type ReminderRecord} from '../../../shared/reminders/history';
import {day} from './fixtures';

const TODAY = day('2026-11-21');
const ago = (n: number) => (TODAY - n) as Day;

describe('isDue', () => {
  test('never sent: due', () => expect(isDue(undefined, TODAY, 14)).toBe(true));
  test('sent today: not due', () => expect(isDue(TODAY, TODAY, 14)).toBe(false));
  test('sent 13 days ago with a 14-day cooldown: not due', () => expect(isDue(ago(13), TODAY, 14)).toBe(false));
  test('sent 14 days ago: due again', () => expect(isDue(ago(14), TODAY, 14)).toBe(true));
  test('sent "in the future" (the clock went back): not due', () => expect(isDue(ago(-3), TODAY, 14)).toBe(false));
  test('a cooldown of 0 repeats every run', () => expect(isDue(TODAY, TODAY, 0)).toBe(true));
});

describe('lastSentDays', () => {
  test('takes the latest of the state file and the markers', () => {
    const history = new Map<string, ReminderRecord>([['a', {sent: ago(20)}], ['b', {sent: ago(2)}]]);
    const days = lastSentDays(history, [{keys: ['a', 'c'], day: ago(5)}, {keys: ['b'], day: ago(30)}]);
    expect(days).toEqual(new Map([['a', ago(5)], ['b', ago(2)], ['c', ago(5)]]));
  });
});

describe('recordSent', () => {
  test('records the day, and never moves a day backwards', () => {
    const history = new Map<string, ReminderRecord>([['a', {sent: ago(1), resolved: ago(1)}]]);
    const next = recordSent(history, ['a', 'b'], ago(3));
    expect(next.get('a')).toEqual({sent: ago(1), resolved: ago(1)});
    expect(next.get('b')).toEqual({sent: ago(3)});
    expect(recordSent(next, ['a'], TODAY).get('a')).toEqual({sent: TODAY});
  });
});

describe('noteCurrentFindings', () => {
  const history = new Map<string, ReminderRecord>([
    ['Louvre|0|contact-left||User talk:A', {sent: ago(3)}],
    ['Louvre|0|stale-stage||User talk:A', {sent: ago(3), resolved: ago(1)}],
    ['Orsay|0|stale-stage||User talk:A', {sent: ago(3)}],
    ['Gone|0|stale-stage||User talk:A', {sent: ago(30), resolved: ago(20)}],
    ['Old|0|stale-stage||User talk:A', {sent: ago(30)}],
    ['Broken|0|stale-stage||User talk:A', {sent: ago(3)}],
  ]);
  const next = noteCurrentFindings(history, new Set(['Louvre|0|contact-left||User talk:A', 'Louvre|0|stale-stage||User talk:A', 'Old|0|stale-stage||User talk:A']), new Set(['Broken']), TODAY, 14);

  test('a finding still there stays, and one back again is no longer resolved', () => {
    expect(next.get('Louvre|0|contact-left||User talk:A')).toEqual({sent: ago(3)});
    expect(next.get('Louvre|0|stale-stage||User talk:A')).toEqual({sent: ago(3)});
    expect(next.get('Old|0|stale-stage||User talk:A')).toEqual({sent: ago(30)});
  });

  test('a finding gone is marked resolved today, and keeps its cooldown', () => {
    expect(next.get('Orsay|0|stale-stage||User talk:A')).toEqual({sent: ago(3), resolved: TODAY});
  });

  test('a resolved finding whose cooldown has passed is forgotten', () => {
    expect(next.has('Gone|0|stale-stage||User talk:A')).toBe(false);
  });

  test('a finding on a page that could not be read is not taken for resolved', () => {
    expect(next.get('Broken|0|stale-stage||User talk:A')).toEqual({sent: ago(3)});
  });
});
