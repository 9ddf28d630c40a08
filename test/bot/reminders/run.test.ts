/**
 * A whole reminder run against a fake wiki: who gets what, what is never told twice (state file
 * and talk-page markers), opt-outs, fallbacks, caps, the shut-off and dry runs. The real wiki is
 * exercised by test/integration/bot/nudge.test.ts.
 */
import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadConfig, type Config} from '../../../bot/config';
import {runReminders, type EditGate} from '../../../bot/reminders/run';
import {nodeWikitextTools} from '../../../bot/wikitext';
import {ShutoffError} from '../../../bot/wiki/guard';
import {checkPages} from '../../../shared/check';
import {coreMessages} from '../../../shared/i18n/core';
import {addDays, formatDay, type Day} from '../../../shared/model/dates';
import {readMarkers} from '../../../shared/reminders/marker';
import {DEFAULT_RULES_CONFIG} from '../../../shared/rules/config';
import {CANONICAL_NAMESPACES} from '../../../shared/rules/recipients';
import {day} from '../../shared/reminders/fixtures';
import {FakeWiki} from './fake-wiki';

const TODAY = day('2026-11-21');
const tools = nodeWikitextTools(['Partnership']);

/** An outreach partnership with no backup contact: one warning, to its coordinator(s). */
const outreach = (partner: string, coordinators = 'coordinator=Alice') => `{{Partnership|partner=${partner}|stage=outreach|stage_since=${formatDay(addDays(TODAY, -5))}|contact=X|${coordinators}}}`;

function checkOf(pages: Record<string, string>, today: Day = TODAY, unreadable: string[] = []) {
  const result = checkPages(Object.entries(pages).map(([title, text]) => ({title, text})), {today, rules: DEFAULT_RULES_CONFIG, tools, messages: coreMessages('en')});
  return {result, unreadable: unreadable.map((page) => ({page}))};
}

function config(overrides: Partial<Config['reminders']> = {}, more: Partial<Config> = {}): Config {
  const base = loadConfig(undefined, mkdtempSync(path.join(os.tmpdir(), 'pt-empty-'))).config;
  return {...base, ...more, statePath: more.statePath ?? mkdtempSync(path.join(os.tmpdir(), 'pt-state-')), reminders: {...base.reminders, editDelaySeconds: 0, ...overrides}};
}

function gate(shutoffAfter = Infinity): EditGate & {calls: number} {
  return {
    calls: 0,
    async beforeEdit() {
      this.calls += 1;
      if (this.calls > shutoffAfter) throw new ShutoffError('the emergency shut-off page User:PartnershipBot/Shutoff is not empty');
    },
    edited() {},
  };
}

function wikiWith(users: Record<string, 'ok' | 'blocked' | 'partial' | 'missing'> = {Alice: 'ok', Bob: 'ok'}): FakeWiki {
  const wiki = new FakeWiki();
  for (const [name, status] of Object.entries(users)) wiki.users.set(name, status);
  return wiki;
}

const run = (wiki: FakeWiki, cfg: Config, check: ReturnType<typeof checkOf>, today: Day = TODAY, dryRun = false) =>
  runReminders(wiki, gate(), cfg, check, {today, dryRun, cwd: os.tmpdir()});

const PAGES = {
  'Partnerships/Louvre': outreach('Louvre', 'coordinator=Alice|coordinator2=Bob'),
  'Partnerships/Orsay': outreach('Orsay'),
};

describe('one run', () => {
  test('one message per recipient, grouping all of their partnerships, recorded in the state file', async () => {
    const wiki = wikiWith();
    const cfg = config();
    const summary = await run(wiki, cfg, checkOf(PAGES));
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Alice', 'User talk:Bob']);
    expect(summary.posted.map((p) => [p.target, p.findings])).toEqual([['User talk:Alice', 2], ['User talk:Bob', 1]]);
    const alice = wiki.edits[0]?.text ?? '';
    expect(alice).toContain('[[:Partnerships/Louvre]]');
    expect(alice).toContain('[[:Partnerships/Orsay]]');
    expect(wiki.edits[0]?.sectiontitle).toBe('Partnership reminders (2026-11-21)');
    const state = JSON.parse(readFileSync(path.join(cfg.statePath, 'reminders.json'), 'utf8'));
    expect(Object.keys(state.reminders).sort()).toEqual([
      'Partnerships/Louvre|0|missing-backup-contact|backup_contact|User talk:Alice',
      'Partnerships/Louvre|0|missing-backup-contact|backup_contact|User talk:Bob',
      'Partnerships/Orsay|0|missing-backup-contact|backup_contact|User talk:Alice',
    ]);
  });

  test('only the configured severities are told', async () => {
    const wiki = wikiWith();
    await run(wiki, config({severities: ['error']}), checkOf(PAGES));
    expect(wiki.edits).toEqual([]);
  });
});

describe('never the same reminder twice', () => {
  test('a second run posts nothing, and does not even read the talk pages', async () => {
    const wiki = wikiWith();
    const cfg = config();
    await run(wiki, cfg, checkOf(PAGES));
    wiki.reads.length = 0;
    const second = await run(wiki, cfg, checkOf(PAGES));
    expect(wiki.edits).toHaveLength(2);
    expect(second.posted).toEqual([]);
    expect(second.skipped.map((s) => [s.target, s.reason])).toEqual([['User talk:Alice', 'already-reminded'], ['User talk:Bob', 'already-reminded']]);
    expect(wiki.reads.filter((t) => t.startsWith('User talk:'))).toEqual([]);
  });

  test('a crash after posting, before recording: the talk page\'s marker prevents a repeat', async () => {
    const wiki = wikiWith();
    const blocker = path.join(mkdtempSync(path.join(os.tmpdir(), 'pt-crash-')), 'a-file');
    writeFileSync(blocker, 'not a directory');
    // The state directory cannot be made: saving fails right after the first post, as a crash would.
    await expect(run(wiki, config({}, {statePath: path.join(blocker, 'state')}), checkOf(PAGES))).rejects.toThrow();
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Alice']);

    const cfg = config();
    const again = await run(wiki, cfg, checkOf(PAGES));
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Alice', 'User talk:Bob']);
    expect(again.skipped).toContainEqual({target: 'User talk:Alice', reason: 'already-reminded', findings: 2});
    // What the marker said is now in the state file too.
    const state = JSON.parse(readFileSync(path.join(cfg.statePath, 'reminders.json'), 'utf8'));
    expect(state.reminders['Partnerships/Orsay|0|missing-backup-contact|backup_contact|User talk:Alice']).toEqual({sent: '2026-11-21'});
  });

  test('a lost state file: the markers still prevent a repeat', async () => {
    const wiki = wikiWith();
    await run(wiki, config(), checkOf(PAGES));
    const second = await run(wiki, config(), checkOf(PAGES));
    expect(wiki.edits).toHaveLength(2);
    expect(second.posted).toEqual([]);
  });

  test('an unresolved finding is told again once the cooldown has passed, not before', async () => {
    const wiki = wikiWith({Alice: 'ok'});
    const cfg = config({cooldownDays: 14});
    const pages = {'Partnerships/Orsay': outreach('Orsay')};
    await run(wiki, cfg, checkOf(pages));
    await run(wiki, cfg, checkOf(pages, addDays(TODAY, 13)), addDays(TODAY, 13));
    expect(wiki.edits).toHaveLength(1);
    await run(wiki, cfg, checkOf(pages, addDays(TODAY, 14)), addDays(TODAY, 14));
    expect(wiki.edits).toHaveLength(2);
    expect(readMarkers(wiki.edits[1]?.text ?? '')[0]?.day).toBe(addDays(TODAY, 14));
  });

  test('a finding resolved, then back: told again after the cooldown, recorded as resolved meanwhile', async () => {
    const wiki = wikiWith({Alice: 'ok'});
    const cfg = config({cooldownDays: 14});
    const broken = {'Partnerships/Orsay': outreach('Orsay')};
    const fixed = {'Partnerships/Orsay': outreach('Orsay').replace('contact=X', 'contact=X|backup_contact=Y')};
    await run(wiki, cfg, checkOf(broken));
    await run(wiki, cfg, checkOf(fixed, addDays(TODAY, 1)), addDays(TODAY, 1));
    const state = JSON.parse(readFileSync(path.join(cfg.statePath, 'reminders.json'), 'utf8'));
    expect(Object.values(state.reminders)).toEqual([{sent: '2026-11-21', resolved: '2026-11-22'}]);
    await run(wiki, cfg, checkOf(broken, addDays(TODAY, 5)), addDays(TODAY, 5));
    expect(wiki.edits).toHaveLength(1);
    await run(wiki, cfg, checkOf(broken, addDays(TODAY, 15)), addDays(TODAY, 15));
    expect(wiki.edits).toHaveLength(2);
  });

  test('a finding on a page that could not be read is not taken for resolved', async () => {
    const wiki = wikiWith({Alice: 'ok'});
    const cfg = config();
    await run(wiki, cfg, checkOf({'Partnerships/Orsay': outreach('Orsay')}));
    await run(wiki, cfg, checkOf({}, addDays(TODAY, 1), ['Partnerships/Orsay']), addDays(TODAY, 1));
    const state = JSON.parse(readFileSync(path.join(cfg.statePath, 'reminders.json'), 'utf8'));
    expect(Object.values(state.reminders)).toEqual([{sent: '2026-11-21'}]);
  });
});

describe('respect', () => {
  test.each([
    ['{{nobots}}', '{{nobots}}'],
    ['{{bots|deny=PartnershipBot}}', '{{bots|deny=PartnershipBot}}'],
    ['{{bots|optout=partnership-reminders}}', 'Hi\n{{bots|optout=partnership-reminders}}'],
    ['{{bots|allow=OtherBot}}', '{{bots|allow=OtherBot}}'],
  ])('%s on the talk page: nothing posted there', async (_name, text) => {
    const wiki = wikiWith();
    wiki.pages.set('User talk:Alice', text);
    const summary = await run(wiki, config(), checkOf(PAGES));
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Bob']);
    expect(summary.skipped).toContainEqual({target: 'User talk:Alice', reason: 'bots-template', findings: 2});
    expect(wiki.pages.get('User talk:Alice')).toBe(text);
  });

  test('{{bots|allow=PartnershipBot}} lets it post', async () => {
    const wiki = wikiWith();
    wiki.pages.set('User talk:Alice', '{{bots|allow=PartnershipBot}}');
    await run(wiki, config(), checkOf(PAGES));
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Alice', 'User talk:Bob']);
  });

  test('the on-wiki opt-out list (listed or linked) and the configured opt-outs', async () => {
    const wiki = wikiWith({Alice: 'ok', Bob: 'ok', Carol: 'ok'});
    wiki.pages.set('Partnerships/Opt-out', 'No reminders for:\n* Alice\n\nAlso [[User:Bob|Bob]].');
    const pages = {...PAGES, 'Partnerships/Musee': outreach('Musée', 'coordinator=Carol')};
    const summary = await run(wiki, config(), checkOf(pages));
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Carol']);
    expect(summary.skipped).toEqual(expect.arrayContaining([
      {target: 'User:Alice', reason: 'opted-out', findings: 2},
      {target: 'User:Bob', reason: 'opted-out', findings: 1},
    ]));
    const none = wikiWith({Carol: 'ok'});
    await run(none, config({optOut: ['Carol']}), checkOf({'Partnerships/Musee': outreach('Musée', 'coordinator=Carol')}));
    expect(none.edits).toEqual([]);
  });

  test('a blocked or missing coordinator: the partnership\'s talk page instead; a partial block still gets it', async () => {
    const wiki = wikiWith({Blocked: 'blocked', Partial: 'partial'});
    const pages = {
      'Partnerships/A': outreach('A', 'coordinator=Blocked'),
      'Partnerships/B': outreach('B', 'coordinator=Ghost'),
      'Partnerships/C': outreach('C', 'coordinator=Partial'),
    };
    const summary = await run(wiki, config(), checkOf(pages));
    expect(wiki.edits.map((e) => e.title).sort()).toEqual(['Talk:Partnerships/A', 'Talk:Partnerships/B', 'User talk:Partial']);
    expect(summary.skipped).toEqual(expect.arrayContaining([
      {target: 'User:Blocked', reason: 'user-blocked', findings: 1, fallback: ['Talk:Partnerships/A']},
      {target: 'User:Ghost', reason: 'user-missing', findings: 1, fallback: ['Talk:Partnerships/B']},
    ]));
    expect(wiki.pages.has('User talk:Ghost')).toBe(false);
    expect(wiki.pages.get('Talk:Partnerships/A')).toContain('No coordinator of the partnership on this page can be reached');
  });

  test('a renamed user\'s talk page redirect is followed to the new talk page', async () => {
    const wiki = wikiWith({Alice: 'ok'});
    wiki.redirects.set('User talk:Alice', 'User talk:Alice Renamed');
    wiki.pages.set('User talk:Alice Renamed', 'Welcome');
    const summary = await run(wiki, config(), checkOf({'Partnerships/Orsay': outreach('Orsay')}));
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Alice Renamed']);
    expect(summary.posted[0]?.target).toBe('User talk:Alice Renamed');
    expect((await run(wiki, config(), checkOf({'Partnerships/Orsay': outreach('Orsay')}))).posted).toEqual([]);
  });

  test('at most maxEditsPerRun posts; the rest waits for the next run', async () => {
    const wiki = wikiWith();
    const cfg = config({maxEditsPerRun: 1});
    const first = await run(wiki, cfg, checkOf(PAGES));
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Alice']);
    expect(first.skipped).toContainEqual({target: 'User talk:Bob', reason: 'edit-limit', findings: 1});
    await run(wiki, cfg, checkOf(PAGES));
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Alice', 'User talk:Bob']);
  });

  test('the shut-off page stops posting; what was not posted is not recorded', async () => {
    const wiki = wikiWith();
    const cfg = config();
    const summary = await runReminders(wiki, gate(1), cfg, checkOf(PAGES), {today: TODAY, dryRun: false, cwd: os.tmpdir()});
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Alice']);
    expect(summary.stopped).toMatch(/shut-off/);
    expect(summary.skipped).toContainEqual({target: 'User talk:Bob', reason: 'shutoff', findings: 1});
    const state = JSON.parse(readFileSync(path.join(cfg.statePath, 'reminders.json'), 'utf8'));
    expect(Object.keys(state.reminders).some((k) => k.endsWith('User talk:Bob'))).toBe(false);
  });

  test('a refused edit is reported and the others still go out', async () => {
    const wiki = wikiWith();
    wiki.protectedTitles.add('User talk:Alice');
    const summary = await run(wiki, config(), checkOf(PAGES));
    expect(wiki.edits.map((e) => e.title)).toEqual(['User talk:Bob']);
    expect(summary.skipped).toContainEqual(expect.objectContaining({target: 'User talk:Alice', reason: 'failed'}));
  });
});

describe('dry run and language', () => {
  test('--dry-run edits nothing, writes no state, and returns every message as it would be posted', async () => {
    const wiki = wikiWith();
    const cfg = config();
    const summary = await run(wiki, cfg, checkOf(PAGES), TODAY, true);
    expect(wiki.edits).toEqual([]);
    expect(existsSync(path.join(cfg.statePath, 'reminders.json'))).toBe(false);
    expect(summary.dryRun).toBe(true);
    expect(summary.posted.map((p) => p.target)).toEqual(['User talk:Alice', 'User talk:Bob']);
    expect(summary.posted[0]?.text).toMatch(/^<!-- partnership-tracker: .*~~~~$/s);
    await run(wiki, cfg, checkOf(PAGES));
    expect(wiki.edits.map((e) => e.text)).toEqual(summary.posted.map((p) => p.text));
  });

  test('wiki.language "ar" on an English wiki: Arabic, right to left', async () => {
    const wiki = wikiWith({Alice: 'ok'});
    await run(wiki, config({}, {wiki: {api: null, operatorContact: null, language: 'ar'}}), checkOf({'Partnerships/Orsay': outreach('Orsay')}));
    expect(wiki.edits[0]?.text).toContain('<div lang="ar" dir="rtl">');
    expect(wiki.edits[0]?.sectiontitle).toBe('تذكيرات الشراكات (2026-11-21)');
  });

  test('the wiki\'s own language when none is configured, English when it is not supported', async () => {
    const fr = wikiWith({Alice: 'ok'});
    fr.site = {...fr.site, language: 'fr', namespaces: {...CANONICAL_NAMESPACES}};
    await run(fr, config(), checkOf({'Partnerships/Orsay': outreach('Orsay')}));
    expect(fr.edits[0]?.sectiontitle).toBe('Rappels sur les partenariats (2026-11-21)');
    expect(fr.edits[0]?.text).not.toContain('<div');
    const de = wikiWith({Alice: 'ok'});
    de.site = {...de.site, language: 'de'};
    await run(de, config(), checkOf({'Partnerships/Orsay': outreach('Orsay')}));
    expect(de.edits[0]?.sectiontitle).toBe('Partnership reminders (2026-11-21)');
    expect(de.edits[0]?.text).toContain('<div lang="en" dir="ltr">');
  });
});
