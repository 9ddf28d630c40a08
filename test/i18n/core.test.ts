/**
 * The core message files: every translation has exactly English's keys, keeps every parameter
 * English uses, and is documented in qqq.json for translators.
 */
import * as fs from 'fs';
import * as path from 'path';
import {formatMessage} from '../../shared/i18n/messages';

const DIR = path.join(__dirname, '..', '..', 'i18n', 'core');

function readFile(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'));
}

function messagesOf(file: unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(file as Record<string, unknown>).filter(([key]) => key !== '@metadata'));
}

function paramsIn(message: string): Set<string> {
  return new Set(message.match(/\$\d+/g) ?? []);
}

const english = messagesOf(readFile('en.json')) as Record<string, string>;
const englishKeys = Object.keys(english).sort();
const files = fs.readdirSync(DIR).filter((name) => name.endsWith('.json')).sort();
const translations = files.filter((name) => name !== 'en.json' && name !== 'qqq.json');

test('the directory holds English, the documentation and translations', () => {
  expect(files).toEqual(expect.arrayContaining(['en.json', 'qqq.json']));
  expect(translations.length).toBeGreaterThan(0);
  expect(englishKeys.length).toBeGreaterThan(0);
});

describe.each(files)('%s', (name) => {
  test('is valid JSON: an object whose @metadata is an object and whose messages are strings', () => {
    const file = readFile(name);
    expect(file).toEqual(expect.any(Object));
    expect(Array.isArray(file)).toBe(false);
    const metadata = (file as Record<string, unknown>)['@metadata'];
    expect(metadata).toEqual(expect.any(Object));
    expect(Array.isArray((metadata as Record<string, unknown>).authors)).toBe(true);
    for (const [key, value] of Object.entries(messagesOf(file))) {
      expect([key, typeof value]).toEqual([key, 'string']);
    }
  });

  test('has exactly the keys of en.json', () => {
    expect(Object.keys(messagesOf(readFile(name))).sort()).toEqual(englishKeys);
  });

  test('has no empty message', () => {
    for (const [key, value] of Object.entries(messagesOf(readFile(name)))) {
      expect([key, String(value).trim()]).not.toEqual([key, '']);
    }
  });
});

test('qqq.json documents every key of en.json', () => {
  const docs = messagesOf(readFile('qqq.json'));
  for (const key of englishKeys) {
    expect([key, typeof docs[key] === 'string' && (docs[key] as string).trim().length > 0]).toEqual([key, true]);
  }
});

test('qqq.json names every parameter that English uses', () => {
  const docs = messagesOf(readFile('qqq.json')) as Record<string, string>;
  for (const key of englishKeys) {
    const missing = [...paramsIn(english[key] ?? '')].filter((param) => !paramsIn(docs[key] ?? '').has(param));
    expect([key, missing]).toEqual([key, []]);
  }
});

describe.each(translations)('%s', (name) => {
  const language = name.replace(/\.json$/, '');
  const messages = messagesOf(readFile(name)) as Record<string, string>;
  const plural = new Intl.PluralRules(language);
  const categories = plural.resolvedOptions().pluralCategories.length;

  test('keeps every parameter that English uses', () => {
    for (const key of englishKeys) {
      const translated = messages[key];
      if (translated === undefined) continue; // reported by the key test
      const lost = [...paramsIn(english[key] ?? '')].filter((param) => !paramsIn(translated).has(param));
      expect([key, lost]).toEqual([key, []]);
    }
  });

  test('gives no more PLURAL forms than the language has', () => {
    for (const [key, message] of Object.entries(messages)) {
      for (const match of message.matchAll(/\{\{PLURAL:\s*\$\d+\s*\|([^{}]*)\}\}/gi)) {
        const forms = (match[1] ?? '').split('|').filter((form) => !/^\d+=/.test(form));
        expect([key, forms.length <= categories]).toEqual([key, true]);
      }
    }
  });

  test('renders with numbers and text, leaving no markup or parameter behind', () => {
    for (const [key, message] of Object.entries(messages)) {
      for (const count of [0, 1, 2, 3, 5, 11, 21, 100, 101]) {
        const rendered = formatMessage(message, ['x', count, count, '2026-01-01'], plural);
        expect([key, rendered.includes('{{') || rendered.includes('}}') || /\$\d/.test(rendered)]).toEqual([key, false]);
        expect([key, rendered.trim().length > 0]).toEqual([key, true]);
      }
    }
  });
});
