/**
 * The reminder message files (i18n/bot): every translation has exactly English's keys and
 * parameters, PLURAL forms fit the language, qqq.json documents every message, and there is advice
 * for every rule.
 */
import * as fs from 'fs';
import * as path from 'path';
import {formatMessage, LANGUAGES} from '../../../shared/i18n/messages';
import {reminderMessages} from '../../../shared/reminders/messages';
import {RULE_IDS} from '../../../shared/rules/findings';

const DIR = path.join(__dirname, '..', '..', '..', 'i18n', 'bot');
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Record<string, unknown>;
const messagesOf = (file: Record<string, unknown>) => Object.fromEntries(Object.entries(file).filter(([k]) => k !== '@metadata')) as Record<string, string>;
const paramsIn = (text: string) => new Set(text.match(/\$\d+/g) ?? []);

const english = messagesOf(read('en.json'));
const keys = Object.keys(english).sort();

test('there is one file per supported language, plus qqq', () => {
  expect(fs.readdirSync(DIR).sort()).toEqual([...LANGUAGES, 'qqq'].map((l) => `${l}.json`).sort());
});

test('English has advice for every rule', () => {
  for (const rule of RULE_IDS) expect([rule, typeof english[`pt-reminder-advice-${rule}`]]).toEqual([rule, 'string']);
});

test('qqq.json documents every message and names its parameters', () => {
  const docs = messagesOf(read('qqq.json'));
  expect(Object.keys(docs).sort()).toEqual(keys);
  for (const key of keys) {
    const missing = [...paramsIn(english[key] ?? '')].filter((p) => !paramsIn(docs[key] ?? '').has(p));
    expect([key, missing]).toEqual([key, []]);
  }
});

describe.each(LANGUAGES.filter((l) => l !== 'en'))('%s', (language) => {
  const messages = messagesOf(read(`${language}.json`));
  const plural = new Intl.PluralRules(language);
  const categories = plural.resolvedOptions().pluralCategories.length;

  test('has exactly the keys of en.json, none empty and none left in English', () => {
    expect(Object.keys(messages).sort()).toEqual(keys);
    for (const key of keys) {
      expect([key, (messages[key] ?? '').trim() !== '']).toEqual([key, true]);
      // Messages that are only markup around parameters ("'''$1:''' $2") may stay as they are.
      const hasWords = /[A-Za-z]{3,}/.test((english[key] ?? '').replace(/\$\d+|<[^>]+>/g, ''));
      if (hasWords) expect([key, messages[key] === english[key]]).toEqual([key, false]);
    }
  });

  test('keeps every parameter English uses', () => {
    for (const key of keys) {
      const lost = [...paramsIn(english[key] ?? '')].filter((p) => !paramsIn(messages[key] ?? '').has(p));
      expect([key, lost]).toEqual([key, []]);
    }
  });

  test('gives no more PLURAL forms than the language has, and renders cleanly', () => {
    for (const [key, message] of Object.entries(messages)) {
      for (const match of message.matchAll(/\{\{PLURAL:\s*\$\d+\s*\|([^{}]*)\}\}/gi)) {
        expect([key, (match[1] ?? '').split('|').length <= categories]).toEqual([key, true]);
      }
      for (const count of [0, 1, 2, 3, 5, 11, 14, 21, 100]) {
        const rendered = formatMessage(message, [count, count, count, count], plural);
        expect([key, /\{\{PLURAL|\$\d/.test(rendered)]).toEqual([key, false]);
      }
    }
  });

  test('keeps the template\'s parameter names as editors type them', () => {
    for (const key of keys) {
      const names = (english[key] ?? '').match(/<code>[^<]+<\/code>/g) ?? [];
      for (const name of names) expect([key, name, (messages[key] ?? '').includes(name)]).toEqual([key, name, true]);
    }
  });
});

test('a language without translations falls back to English', () => {
  expect(reminderMessages('de')('pt-reminder-heading', '2026-11-21')).toBe('Partnership reminders (2026-11-21)');
});

test('Russian plural forms agree with the number', () => {
  const ru = reminderMessages('ru');
  expect(ru('pt-reminder-more', 1, 'X')).toContain('ещё 1 пункт:');
  expect(ru('pt-reminder-more', 3, 'X')).toContain('ещё 3 пункта:');
  expect(ru('pt-reminder-more', 5, 'X')).toContain('ещё 5 пунктов:');
  expect(ru('pt-reminder-cooldown', 14)).toContain('14 дней');
});

test('Arabic plural forms agree with the number', () => {
  const ar = reminderMessages('ar');
  expect(ar('pt-reminder-cooldown', 2)).toContain('كل يومين');
  expect(ar('pt-reminder-cooldown', 14)).toContain('14 يومًا');
  expect(ar('pt-reminder-cooldown', 3)).toContain('3 أيام');
});
