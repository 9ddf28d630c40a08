/**
 * The form module (MediaWiki:Gadget-partnership-form.js, hidden): loaded by the loader on pages
 * that show a partnership, or when the user asks for a new one. It registers
 * `mw.libs.partnershipTracker` with `attach()` (Edit buttons on the boxes) and `create()`.
 */
import type {MessageBundle} from '../shared/i18n/messages';
import {readTemplates} from '../shared/wikitext/reader';
import {templateMatcher} from '../shared/wikitext/template-name';
import type {WikitextTools} from '../shared/wikitext/edit';
import {gadgetConfig} from './core/config';
import {localToday} from './core/dates';
import {locateTemplate} from './core/locate';
import {formMessages} from './core/messages';
import {rulesFromConfigPage} from './core/rules-config';
import {snapshotOf} from './core/save';
import {parseWikitext} from './parser';
import {addEditButtons, boxInfos, partnershipBoxes} from './ui/boxes';
import {openDialog} from './ui/dialog';
import {mw, type OoButtonWidget} from './ui/env';
import type {FormContext} from './ui/form-controller';
import {WikiApi} from './ui/wiki-api';

/** `Template` and the wiki's localised names and aliases for namespace 10. */
function templateNamespaces(): string[] {
  const ids = (mw().config.get('wgNamespaceIds') ?? {}) as Record<string, number>;
  return ['Template', ...Object.keys(ids).filter((name) => ids[name] === 10).map((name) => name.replace(/_/g, ' '))];
}

let context: FormContext | null = null;

function formContext(): FormContext {
  if (context) return context;
  const config = gadgetConfig(mw().config.get('partnershipTracker'));
  const language = String(mw().config.get('wgUserLanguage') ?? 'en');
  const loaded = (mw().libs.partnershipTrackerMessages ?? {}) as Record<string, MessageBundle>;
  const tools: WikitextTools = {parse: parseWikitext, matches: templateMatcher(config.templateNames, templateNamespaces())};
  context = {
    messages: formMessages(language, loaded),
    config,
    tools,
    api: new WikiApi(language),
    today: localToday(),
    navigate: (title) => {
      const here = String(mw().config.get('wgPageName')).replace(/_/g, ' ');
      if (title.replace(/_/g, ' ') === here) window.location.reload();
      else window.location.href = mw().util.getUrl(title);
    },
  };
  return context;
}

function notifyError(text: string): void {
  if (mw().notify) mw().notify?.(text, {type: 'error', autoHide: false});
  else window.alert(text);
}

function openEditor(boxIndex: number, button: OoButtonWidget): void {
  const ctx = formContext();
  const m = ctx.messages;
  const title = String(mw().config.get('wgPageName')).replace(/_/g, ' ');
  button.setDisabled(true);
  ctx.api.load(title, ctx.config.configPage).then((page) => {
    if (!page.revision) return notifyError(m('pt-gadget-error-deleted', ''));
    const occurrences = readTemplates(page.revision.text, ctx.tools.parse, ctx.tools.matches);
    const index = locateTemplate(boxInfos(partnershipBoxes()), boxIndex, occurrences);
    const occurrence = index === null ? undefined : occurrences[index];
    if (!occurrence) return notifyError(m('pt-gadget-not-located'));
    openDialog(ctx, {
      kind: 'edit',
      title,
      opened: snapshotOf(page.revision, occurrence),
      duplicates: occurrence.duplicates,
      startTimestamp: page.curtimestamp,
      rules: rulesFromConfigPage(page.configText),
    }, m('pt-gadget-title-edit', occurrence.values.partner || m('pt-gadget-unnamed')));
  }).then(undefined, (error: unknown) => {
    notifyError(m('pt-gadget-error-load', error instanceof Error ? error.message : String(error)));
  }).then(() => button.setDisabled(false));
}

function openCreator(): void {
  const ctx = formContext();
  const m = ctx.messages;
  const configPage = ctx.config.configPage;
  // The configuration page (for the rules), and the server's time: when the form was opened.
  ctx.api.load(configPage ?? 'Main Page', null).then((loaded) => {
    const rules = rulesFromConfigPage(configPage ? loaded.revision?.text ?? null : null);
    openDialog(ctx, {kind: 'create', startTimestamp: loaded.curtimestamp, rules}, m('pt-gadget-title-create'));
  }).then(undefined, (error: unknown) => {
    notifyError(m('pt-gadget-error-load', error instanceof Error ? error.message : String(error)));
  });
}

mw().libs.partnershipTracker = {
  attach: () => addEditButtons(formContext().messages, openEditor),
  create: openCreator,
};
