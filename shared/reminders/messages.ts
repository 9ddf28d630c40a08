import ar from '../../i18n/bot/ar.json';
import en from '../../i18n/bot/en.json';
import es from '../../i18n/bot/es.json';
import fr from '../../i18n/bot/fr.json';
import ru from '../../i18n/bot/ru.json';
import zh from '../../i18n/bot/zh.json';
import {coreMessages} from '../i18n/core';
import {bundleOf, type MessageBundle, type Messages} from '../i18n/messages';

/** The reminders' own wording (i18n/bot), on top of the findings' (i18n/core). */
export const REMINDER_BUNDLES: Readonly<Record<string, MessageBundle>> = Object.fromEntries(
  Object.entries({en, fr, es, ar, ru, zh}).map(([lang, file]) => [lang, bundleOf(file)]),
);

export function reminderMessages(language: string): Messages {
  return coreMessages(language, REMINDER_BUNDLES);
}
