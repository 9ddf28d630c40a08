import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadState, saveState} from '../../../bot/reminders/state';
import type {ReminderRecord} from '../../../shared/reminders/history';
import {day} from '../../shared/reminders/fixtures';

const WIKI = 'https://example.org/w/api.php';
const dir = () => mkdtempSync(path.join(os.tmpdir(), 'pt-state-'));

test('what is saved loads back, including resolved days', () => {
  const file = path.join(dir(), 'nested', 'reminders.json');
  const history = new Map<string, ReminderRecord>([
    ['P|0|contact-left|contact_left|User talk:A', {sent: day('2026-11-21')}],
    ['P|0|stale-stage|stage_since|User talk:A', {sent: day('2026-11-01'), resolved: day('2026-11-10')}],
  ]);
  saveState(file, WIKI, history);
  expect(loadState(file, WIKI)).toEqual({history});
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({format: 1, wiki: WIKI, reminders: {'P|0|contact-left|contact_left|User talk:A': {sent: '2026-11-21'}}});
});

test.each([
  ['a missing file', null, 'no state yet'],
  ['a file that is not JSON', '{"format":1,', 'the state file is not valid JSON'],
  ['a file of another shape', '{"format":1,"wiki":"x","reminders":{"k":{"sent":"2026-02-30"}}}', 'the state file is malformed'],
  ['a file of another wiki', '{"format":1,"wiki":"https://other.org/api.php","reminders":{}}', 'the state file belongs to another wiki'],
])('%s is an empty history', (_name, text, reason) => {
  const file = path.join(dir(), 'reminders.json');
  if (text !== null) writeFileSync(file, text);
  expect(loadState(file, WIKI)).toEqual({history: new Map(), discarded: reason});
});
