import {createMessages, supportedLanguage, type MessageBundle, type Messages} from '../../shared/i18n/messages';

/**
 * The form's messages in the user's language: the core messages (findings, problems, stages)
 * and the gadget's own. They are not in the form's code but in one small module per language,
 * which the build completes with English wherever a translation is missing; the loader loads the
 * user's one (or English) with the form.
 */
export function formMessages(userLanguage: string | undefined, loaded: Readonly<Record<string, MessageBundle>>): Messages {
  const wanted = supportedLanguage(userLanguage);
  const language = loaded[wanted] ? wanted : 'en';
  return createMessages(language, loaded);
}
