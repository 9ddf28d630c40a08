/**
 * Banana-style messages (`$1` parameters, `{{PLURAL:$1|one|other}}`), the format translatewiki.net
 * and jquery.i18n use, so translators can work on the files directly.
 */
export type MessageBundle = Readonly<Record<string, string>>;

/** A banana JSON file: messages plus `@metadata`, which is not a message. */
export type BananaFile = Readonly<Record<string, unknown>>;

export function bundleOf(file: BananaFile): MessageBundle {
  return Object.fromEntries(Object.entries(file).filter((e): e is [string, string] => e[0] !== '@metadata' && typeof e[1] === 'string'));
}

export const LANGUAGES = ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

const RTL = new Set(['ar', 'he', 'fa', 'ur']);

export function isRtl(language: string): boolean {
  return RTL.has(language.split('-')[0] ?? language);
}

export function supportedLanguage(code: string | undefined): Language {
  const base = (code ?? '').toLowerCase().split('-')[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

export interface Messages {
  readonly language: string;
  /** The message in this language, or English when it is not translated. */
  (key: string, ...params: (string | number)[]): string;
  has(key: string): boolean;
}

export function createMessages(language: string, bundles: Readonly<Record<string, MessageBundle>>): Messages {
  const own = bundles[language] ?? {};
  const english = bundles.en ?? {};
  const plural = new Intl.PluralRules(language);
  const lookup = (key: string): string | undefined => own[key] ?? english[key];
  const messages = ((key: string, ...params: (string | number)[]) => {
    const template = lookup(key);
    return template === undefined ? `⧼${key}⧽` : formatMessage(template, params, plural);
  }) as Messages;
  Object.defineProperty(messages, 'language', {value: language});
  messages.has = (key) => lookup(key) !== undefined;
  return messages;
}

const PLURAL = /\{\{PLURAL:\s*\$(\d+)\s*\|([^{}]*)\}\}/gi;
const PARAM = /\$(\d+)/g;

export function formatMessage(template: string, params: readonly (string | number)[], plural = new Intl.PluralRules('en')): string {
  const withPlurals = template.replace(PLURAL, (_, n: string, forms: string) => {
    const count = Number(params[Number(n) - 1]);
    return pluralForm(forms.split('|'), count, plural);
  });
  // One pass, so a parameter that itself contains `$2` is never expanded again.
  return withPlurals.replace(PARAM, (whole, n: string) => {
    const value = params[Number(n) - 1];
    return value === undefined ? whole : String(value);
  });
}

// CLDR's order, which is also the order of PLURAL forms in MediaWiki messages.
const CATEGORY_ORDER: Intl.LDMLPluralRule[] = ['zero', 'one', 'two', 'few', 'many', 'other'];

function pluralForm(forms: string[], count: number, plural: Intl.PluralRules): string {
  // Explicit forms like `0=none` win, as in MediaWiki.
  for (const form of forms) {
    const explicit = /^(\d+)=(.*)$/s.exec(form);
    if (explicit && Number(explicit[1]) === count) return explicit[2] ?? '';
  }
  const plain = forms.filter((f) => !/^\d+=/.test(f));
  if (plain.length === 0) return '';
  const categories = plural.resolvedOptions().pluralCategories;
  const ordered = CATEGORY_ORDER.filter((c) => categories.includes(c));
  const index = ordered.indexOf(plural.select(count));
  return plain[Math.min(Math.max(index, 0), plain.length - 1)] ?? '';
}
