/**
 * The report's message files: every translation has English's keys and parameters, qqq.json
 * documents them, and every key the renderer asks for exists.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {LANGUAGES} from '../../../shared/i18n/messages';
import {RULE_IDS} from '../../../shared/rules/findings';
import {reportMessages} from '../../../shared/report/messages';

const DIR = path.join(__dirname, '..', '..', '..', 'i18n', 'report');
const read = (name: string) => JSON.parse(readFileSync(path.join(DIR, name), 'utf8')) as Record<string, unknown>;
const messagesOf = (file: Record<string, unknown>) => Object.fromEntries(Object.entries(file).filter(([k]) => k !== '@metadata')) as Record<string, string>;
const english = messagesOf(read('en.json'));
const params = (message: string) => [...new Set(message.match(/\$\d+/g) ?? [])].sort();

describe.each(LANGUAGES.filter((l) => l !== 'en'))('%s.json', (language) => {
  const messages = messagesOf(read(`${language}.json`));

  it('has exactly the keys of en.json, none empty', () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    for (const [key, value] of Object.entries(messages)) expect([key, value.trim() === '']).toEqual([key, false]);
  });

  it('keeps the parameters English shows (the totals labels take theirs for PLURAL only)', () => {
    for (const [key, value] of Object.entries(english)) {
      if (/^pt-report-total-/.test(key)) continue;
      expect([key, params(messages[key] ?? '')]).toEqual([key, params(value)]);
    }
  });
});

test('the directory holds the six languages and the documentation', () => {
  expect(readdirSync(DIR).sort()).toEqual([...LANGUAGES.map((l) => `${l}.json`), 'qqq.json'].sort());
});

test('qqq.json documents every key', () => {
  const docs = messagesOf(read('qqq.json'));
  expect(Object.keys(docs).sort()).toEqual(Object.keys(english).sort());
});

test('every rule has a short label and an action', () => {
  const t = reportMessages('en');
  for (const rule of RULE_IDS) {
    expect(t.has(`pt-report-label-${rule}`)).toBe(true);
    expect(t.has(`pt-report-action-${rule}`)).toBe(true);
  }
});
