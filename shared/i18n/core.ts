import ar from '../../i18n/core/ar.json';
import en from '../../i18n/core/en.json';
import es from '../../i18n/core/es.json';
import fr from '../../i18n/core/fr.json';
import ru from '../../i18n/core/ru.json';
import zh from '../../i18n/core/zh.json';
import {bundleOf, createMessages, type MessageBundle, type Messages} from './messages';

/** Findings, field problems and stage names: what the bot, the report and the gadget all say. */
export const CORE_BUNDLES: Readonly<Record<string, MessageBundle>> = Object.fromEntries(
  Object.entries({en, fr, es, ar, ru, zh}).map(([lang, file]) => [lang, bundleOf(file)]),
);

export function coreMessages(language = 'en', extra: Readonly<Record<string, MessageBundle>> = {}): Messages {
  const merged: Record<string, MessageBundle> = {};
  for (const lang of new Set([...Object.keys(CORE_BUNDLES), ...Object.keys(extra)])) {
    merged[lang] = {...CORE_BUNDLES[lang], ...extra[lang]};
  }
  return createMessages(language, merged);
}
