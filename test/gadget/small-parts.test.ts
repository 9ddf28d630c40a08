import {apiErrorMessage, isRecoverable} from '../../gadget/core/api-errors';
import {gadgetConfig, isUnderParent, newPageTitle, DEFAULT_CONFIG} from '../../gadget/core/config';
import {formMessages} from '../../gadget/core/messages';
import {rulesFromConfigPage} from '../../gadget/core/rules-config';
import {creationSummary, editSummary} from '../../gadget/core/summary';
import {createMessages} from '../../shared/i18n/messages';
import {DEFAULT_RULES_CONFIG} from '../../shared/rules/config';
import en from '../../i18n/gadget/en.json';

const messages = createMessages('en', {en: en as unknown as Record<string, string>});

describe('editSummary', () => {
  it('names each changed parameter, and what was emptied', () => {
    expect(editSummary(messages, 'Musée du Louvre', {stage: 'active', backup_contact: ''}))
      .toBe('Partnership "Musée du Louvre": stage = active, backup_contact emptied');
  });

  it('adds the user\'s note, and stays within MediaWiki\'s 500 characters', () => {
    expect(editSummary(messages, 'L', {stage: 'active'}, ' after the call ')).toBe('Partnership "L": stage = active — after the call');
    const long = editSummary(messages, 'L', {notes: 'x'.repeat(100), goals: 'y'.repeat(100)}, 'z'.repeat(600));
    expect(long.length).toBeLessThanOrEqual(500);
    expect(long).toContain(`notes = ${'x'.repeat(59)}…`);
  });

  it('has its own wording for a new page', () => {
    expect(creationSummary(messages, 'Orsay')).toBe('New partnership: "Orsay"');
  });
});

describe('apiErrorMessage', () => {
  it('groups MediaWiki\'s error codes by what the user can do', () => {
    expect(apiErrorMessage('protectedpage', 'Protected.')).toEqual({key: 'pt-gadget-error-protected', params: ['Protected.']});
    expect(apiErrorMessage('blocked', 'b').key).toBe('pt-gadget-error-blocked');
    expect(apiErrorMessage('badtoken', '').key).toBe('pt-gadget-error-session');
    expect(apiErrorMessage('assertuserfailed', '').key).toBe('pt-gadget-error-session');
    expect(apiErrorMessage('abusefilter-disallowed', 'No.').key).toBe('pt-gadget-error-filter');
    expect(apiErrorMessage('abusefilter-anything-new', '').key).toBe('pt-gadget-error-filter');
    expect(apiErrorMessage('http', '').key).toBe('pt-gadget-error-network');
    expect(apiErrorMessage('weird-code', 'Something.')).toEqual({key: 'pt-gadget-error-other', params: ['Something.', 'weird-code']});
  });

  it('tells which failures a second try may cure', () => {
    expect(isRecoverable('badtoken')).toBe(true);
    expect(isRecoverable('http')).toBe(true);
    expect(isRecoverable('protectedpage')).toBe(false);
  });

  it('has a message for every group', () => {
    for (const code of ['protectedpage', 'blocked', 'badtoken', 'readonly', 'missingtitle', 'articleexists', 'permissiondenied', 'spamblacklist', 'ratelimited', 'http', 'x']) {
      expect(messages.has(apiErrorMessage(code, '').key)).toBe(true);
    }
  });
});

describe('gadget configuration', () => {
  it('takes what the wiki set and defaults for the rest', () => {
    expect(gadgetConfig(undefined)).toEqual(DEFAULT_CONFIG);
    expect(gadgetConfig({parentPage: 'WMFR/Partenariats/', templateNames: ['Partenariat', 7, ''], configPage: null}))
      .toEqual({parentPage: 'WMFR/Partenariats/', templateNames: ['Partenariat'], configPage: null});
    expect(gadgetConfig({parentPage: 3, templateNames: []})).toEqual(DEFAULT_CONFIG);
  });

  it('makes a title from the partner\'s name', () => {
    expect(newPageTitle('Partnerships/', '  Musée   [du] Louvre | Paris ')).toBe('Partnerships/Musée du Louvre Paris');
    expect(newPageTitle('Partnerships/', ' # ')).toBe('');
  });

  it('knows the pages under the parent page', () => {
    expect(isUnderParent('Partnerships/Louvre', 'Partnerships/')).toBe(true);
    expect(isUnderParent('Partnerships', 'Partnerships/')).toBe(true);
    expect(isUnderParent('Main_Page', 'Partnerships/')).toBe(false);
  });
});

describe('rulesFromConfigPage', () => {
  it('reads the thresholds the bot reads, keeping defaults for anything missing or malformed', () => {
    const rules = rulesFromConfigPage(JSON.stringify({rules: {staleAfterDays: {contact: 10, active: null, outreach: -3}, debriefWithinDays: 7, evaluationEveryDays: 'x'}}));
    expect(rules.staleAfterDays.contact).toBe(10);
    expect(rules.staleAfterDays.active).toBeNull();
    expect(rules.staleAfterDays.outreach).toBe(DEFAULT_RULES_CONFIG.staleAfterDays.outreach);
    expect(rules.debriefWithinDays).toBe(7);
    expect(rules.evaluationEveryDays).toBe(365);
    expect(rulesFromConfigPage('not json')).toBe(DEFAULT_RULES_CONFIG);
    expect(rulesFromConfigPage(null)).toBe(DEFAULT_RULES_CONFIG);
  });
});

describe('formMessages', () => {
  const loaded = {en: {'pt-gadget-save': 'Save'}, fr: {'pt-gadget-save': 'Enregistrer'}};

  it('speaks the user\'s language, by base code, and English where it is not loaded', () => {
    expect(formMessages('fr', loaded)('pt-gadget-save')).toBe('Enregistrer');
    expect(formMessages('fr-ca', loaded)('pt-gadget-save')).toBe('Enregistrer');
    expect(formMessages('de', loaded)('pt-gadget-save')).toBe('Save');
    expect(formMessages('ar', loaded)('pt-gadget-save')).toBe('Save');
  });
});
