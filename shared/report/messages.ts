import ar from '../../i18n/report/ar.json';
import en from '../../i18n/report/en.json';
import es from '../../i18n/report/es.json';
import fr from '../../i18n/report/fr.json';
import ru from '../../i18n/report/ru.json';
import zh from '../../i18n/report/zh.json';
import {coreMessages} from '../i18n/core';
import {bundleOf, supportedLanguage, type MessageBundle, type Messages} from '../i18n/messages';

/** Headings, column names and labels of the status report. */
export const REPORT_BUNDLES: Readonly<Record<string, MessageBundle>> = Object.fromEntries(
  Object.entries({en, fr, es, ar, ru, zh}).map(([lang, file]) => [lang, bundleOf(file)]),
);

/**
 * The report's messages with the core ones (findings, stage names), in the wiki's content
 * language; `zh-hant` or `fr-ca` use their base language, and untranslated languages English.
 */
export function reportMessages(language: string | undefined): Messages {
  return coreMessages(supportedLanguage(language), REPORT_BUNDLES);
}
