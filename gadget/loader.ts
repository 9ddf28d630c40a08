/**
 * The loader (MediaWiki:Gadget-partnership.js), run on every page view, so it stays tiny: on
 * pages that show a partnership it loads the form module and lets it add the Edit buttons; it
 * also offers "New partnership" under the partnerships' parent page. The form code is never
 * loaded on other pages.
 */
import {supportedLanguage} from '../shared/i18n/messages';
import {gadgetConfig, isUnderParent} from './core/config';
import {mw} from './ui/env';

/** "New partnership" and its tooltip, per language: the only messages the loader needs (set by the build). */
declare const PT_LOADER_MESSAGES: Readonly<Record<string, {readonly label: string; readonly tooltip: string}>>;

interface FormModule {
  attach(): void;
  create(): void;
}

// Features the form relies on; a browser without them gets no gadget rather than errors.
const capable = typeof Promise !== 'undefined' && typeof Map !== 'undefined' && typeof Object.entries === 'function'
  && typeof Intl !== 'undefined' && typeof Intl.PluralRules === 'function';

function run(): void {
  const wiki = mw();
  const get = (key: string) => wiki.config.get(key);
  if (!capable || get('wgUserName') === null) return;
  const config = gadgetConfig(get('partnershipTracker'));
  const language = supportedLanguage(String(get('wgUserLanguage') ?? 'en'));
  const form = (): Promise<FormModule> => wiki.loader.using(['ext.gadget.partnership-form', `ext.gadget.partnership-form-i18n-${language}`])
    // A wiki that did not install this language gets the form in English.
    .then(undefined, () => wiki.loader.using(['ext.gadget.partnership-form', 'ext.gadget.partnership-form-i18n-en']))
    .then(() => wiki.libs.partnershipTracker as FormModule);

  const hasBoxes = () => document.querySelector('#mw-content-text .partnership-box') !== null;
  // Only the current revision of a page, viewed (not a diff, an old revision or a preview), is edited.
  const editableView = get('wgAction') === 'view' && get('wgIsProbablyEditable') === true
    && get('wgRevisionId') === get('wgCurRevisionId') && wiki.util.getParamValue('diff') === null;
  wiki.hook('wikipage.content').add(() => {
    if (editableView && hasBoxes()) void form().then((module) => module.attach());
  });

  const page = String(get('wgPageName') ?? '');
  if (isUnderParent(page, config.parentPage) || hasBoxes()) {
    const text = PT_LOADER_MESSAGES[language] ?? PT_LOADER_MESSAGES.en;
    const link = wiki.util.addPortletLink('p-cactions', '#', text?.label ?? 'New partnership', 'ca-partnership-new', text?.tooltip)
      ?? wiki.util.addPortletLink('p-tb', '#', text?.label ?? 'New partnership', 'ca-partnership-new', text?.tooltip);
    link?.addEventListener('click', (event) => {
      event.preventDefault();
      void form().then((module) => module.create());
    });
  }
}

void mw().loader.using(['mediawiki.util']).then(run);
