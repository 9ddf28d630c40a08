import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {main} from '../../bot/cli';
import {ConfigError, loadConfig, type Config} from '../../bot/config';
import type {Io} from '../../bot/io';
import {effectiveConfig, loadOnWikiConfig, ON_WIKI_STATE_FILE} from '../../bot/wiki-config';

const API = 'https://partners.example.org/w/api.php';
const PAGE = 'Partnerships/Configuration.json';

/** The one thing loadOnWikiConfig asks of the wiki: the page's text. */
function fakeWiki(pages: Record<string, {text: string; revid: number} | undefined>, api = API) {
  return {
    credentials: {api, source: 'test'},
    pageText: async (title: string) => {
      const page = pages[title];
      return page ? {...page, timestamp: '2026-11-21T00:00:00Z'} : null;
    },
  };
}

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'pt-wiki-config-'));
}

function localConfig(layer: Record<string, unknown> = {}): Config {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'partnership-bot.config.json'), JSON.stringify(layer));
  return loadConfig(undefined, dir).config;
}

describe('the local file (exit 2, naming the file and the key)', () => {
  function io(cwd: string): Io & {err: () => string} {
    let err = '';
    return {stdout: () => undefined, stderr: (t) => void (err += t), stdoutIsTTY: false, env: {}, cwd, err: () => err};
  }

  it.each<[string, string, RegExp]>([
    ['an unknown key', JSON.stringify({reminders: {coolDownDays: 3}}), /^partnership-bot: bot\.json: unknown key reminders\.coolDownDays\n$/],
    ['an unknown top-level key', JSON.stringify({wikki: {}}), /^partnership-bot: bot\.json: unknown key wikki\n$/],
    ['a bad value', JSON.stringify({reminders: {cooldownDays: -1}}), /^partnership-bot: bot\.json: reminders\.cooldownDays: .*>=0/],
    ['not JSON', '{"reminders": ', /^partnership-bot: bot\.json: not valid JSON/],
    ['not an object', '[1, 2]', /^partnership-bot: bot\.json: the configuration must be a JSON object\n$/],
  ])('%s', async (_name, text, message) => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'bot.json'), text);
    const out = io(cwd);
    expect(await main(['check', '--file', 'x.wiki', '--config', 'bot.json'], out)).toBe(2);
    expect(out.err()).toMatch(message);
  });

  it('a missing file named with --config', async () => {
    const out = io(tempDir());
    expect(await main(['check', '--file', 'x.wiki', '--config', 'nowhere.json'], out)).toBe(2);
    expect(out.err()).toBe('partnership-bot: nowhere.json: cannot read the configuration file (ENOENT)\n');
  });

  it('the default file is found in the working directory, and its errors name it', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'partnership-bot.config.json'), JSON.stringify({rules: {staleAfterDays: {prospekt: 3}}}));
    expect(() => loadConfig(undefined, cwd)).toThrow(new ConfigError('partnership-bot.config.json: unknown key rules.staleAfterDays.prospekt'));
  });
});

describe('precedence: defaults < local file < on-wiki page (coordinator keys)', () => {
  it('layers the page over the file over the defaults', async () => {
    const config = localConfig({rules: {staleAfterDays: {contact: 10, assessment: 20}}, reminders: {cooldownDays: 7, editDelaySeconds: 0}});
    // Defaults say contact 30, assessment 45; the file 10 and 20; the page changes contact only.
    const wiki = fakeWiki({[PAGE]: {text: JSON.stringify({rules: {staleAfterDays: {contact: 60}}, reminders: {optOut: ['User:Zoe']}, schedule: {report: '0 * * * *'}}), revid: 5}});
    const result = await loadOnWikiConfig(wiki, config, tempDir());
    expect(result.problem).toBeUndefined();
    expect(result.source).toBe('page');
    expect(result.config.rules.staleAfterDays).toMatchObject({contact: 60, assessment: 20, prospect: 90});
    expect(result.config.reminders).toMatchObject({cooldownDays: 7, editDelaySeconds: 0, optOut: ['User:Zoe'], maxEditsPerRun: 50});
    expect(result.config.schedule).toEqual({reminders: '0 9 * * *', report: '0 * * * *', timezone: 'UTC'});
  });

  it('an array on the page replaces the file\'s', async () => {
    const config = localConfig({report: {pages: [{title: 'A'}, {title: 'B'}]}});
    const wiki = fakeWiki({[PAGE]: {text: JSON.stringify({report: {pages: [{title: 'C', stages: ['active']}]}}), revid: 1}});
    expect((await loadOnWikiConfig(wiki, config, tempDir())).config.report.pages).toEqual([{title: 'C', stages: ['active']}]);
  });

  it('keeps operator settings out of the page\'s reach', async () => {
    for (const layer of [{wiki: {api: 'https://evil.example/api.php'}}, {statePath: '/tmp/x'}, {safety: {shutoffPage: 'X'}},
      {reminders: {editDelaySeconds: 0}}, {schedule: {timezone: 'Asia/Tokyo'}}, {template: {names: ['X']}}]) {
      const result = await loadOnWikiConfig(fakeWiki({[PAGE]: {text: JSON.stringify(layer), revid: 1}}), localConfig(), tempDir());
      expect(result.problem).toMatch(/unknown key/);
      expect(result.config).toEqual(localConfig());
    }
  });

  it('a missing page, or no page configured, is no problem: the file and defaults apply', async () => {
    const config = localConfig({reminders: {cooldownDays: 3}});
    expect(await loadOnWikiConfig(fakeWiki({}), config, tempDir())).toEqual({config, source: 'none'});
    const none = {...config, onWikiConfigPage: null};
    expect(await loadOnWikiConfig(fakeWiki({[PAGE]: {text: '{"reminders": {"cooldownDays": 1}}', revid: 1}}), none, tempDir())).toEqual({config: none, source: 'none'});
  });
});

describe('a bad page: the last good version, and the problem said', () => {
  const good = JSON.stringify({reminders: {cooldownDays: 21}});

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"reminders": {"cooldownDays": 21', /^Partnerships\/Configuration\.json \(revision 8\): not valid JSON/],
    ['empty (blanked)', '  \n', /the page is empty/],
    ['an unknown key', JSON.stringify({reminders: {cooldown: 3}}), /unknown key reminders\.cooldown/],
    ['a value out of range', JSON.stringify({reminders: {cooldownDays: -2}}), /reminders\.cooldownDays: /],
    ['a stage that does not exist', JSON.stringify({rules: {staleAfterDays: {dormant: 3}}}), /unknown key rules\.staleAfterDays\.dormant/],
    ['a schedule that is not cron', JSON.stringify({schedule: {reminders: 'every day at nine'}}), /schedule\.reminders: "every day at nine" is not a cron expression/],
    ['a report filter on an unknown stage', JSON.stringify({report: {pages: [{title: 'S', stages: ['activ']}]}}), /report\.pages\.0\.stages\.0/],
  ])('%s', async (_name, text, problem) => {
    const config = localConfig();
    const state = tempDir();
    const first = await loadOnWikiConfig(fakeWiki({[PAGE]: {text: good, revid: 7}}), config, state);
    expect(first.config.reminders.cooldownDays).toBe(21);
    const stored = JSON.parse(readFileSync(path.join(state, ON_WIKI_STATE_FILE), 'utf8'));
    expect(stored).toMatchObject({format: 1, wiki: API, page: PAGE, revid: 7, layer: {reminders: {cooldownDays: 21}}});

    const bad = await loadOnWikiConfig(fakeWiki({[PAGE]: {text, revid: 8}}), config, state);
    // The whole last good configuration, never a half-applied page.
    expect(bad.config).toEqual(first.config);
    expect(bad.source).toBe('last good');
    expect(bad.revid).toBe(7);
    expect(bad.problem).toMatch(problem);
    expect(bad.problem).toMatch(/using the last good version of the page \(revision 7\) until it is fixed$/);
    // The bad page did not replace the last good one.
    expect(JSON.parse(readFileSync(path.join(state, ON_WIKI_STATE_FILE), 'utf8')).revid).toBe(7);
  });

  it('with no last good version: the file and defaults, and it says so', async () => {
    const config = localConfig({reminders: {cooldownDays: 3}});
    const result = await loadOnWikiConfig(fakeWiki({[PAGE]: {text: '{oops', revid: 2}}), config, tempDir());
    expect(result.config).toEqual(config);
    expect(result.problem).toMatch(/no earlier good version is known, so only the local configuration and the defaults apply/);
  });

  it('never takes a last good version from another wiki', async () => {
    const config = localConfig();
    const state = tempDir();
    await loadOnWikiConfig(fakeWiki({[PAGE]: {text: good, revid: 7}}, 'https://other.example.org/w/api.php'), config, state);
    const result = await loadOnWikiConfig(fakeWiki({[PAGE]: {text: '{oops', revid: 8}}), config, state);
    expect(result.config).toEqual(config);
    expect(result.source).toBe('none');
  });

  it('a corrupt state file is as if there were none', async () => {
    const state = tempDir();
    writeFileSync(path.join(state, ON_WIKI_STATE_FILE), '{"format": 1, "wiki"');
    const result = await loadOnWikiConfig(fakeWiki({[PAGE]: {text: '[]', revid: 3}}), localConfig(), state);
    expect(result.source).toBe('none');
    expect(result.problem).toBeDefined();
  });

  it('a fixed page is used again at once', async () => {
    const config = localConfig();
    const state = tempDir();
    await loadOnWikiConfig(fakeWiki({[PAGE]: {text: good, revid: 7}}), config, state);
    await loadOnWikiConfig(fakeWiki({[PAGE]: {text: '{oops', revid: 8}}), config, state);
    const fixed = await loadOnWikiConfig(fakeWiki({[PAGE]: {text: JSON.stringify({reminders: {cooldownDays: 30}}), revid: 9}}), config, state);
    expect(fixed).toMatchObject({source: 'page', revid: 9});
    expect(fixed.problem).toBeUndefined();
    expect(fixed.config.reminders.cooldownDays).toBe(30);
  });
});

describe('effectiveConfig', () => {
  it('keeps the last good version under statePath, relative to the working directory, and logs the problem on stderr', async () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'partnership-bot.config.json'), JSON.stringify({statePath: 'state'}));
    const {config} = loadConfig(undefined, cwd);
    let err = '';
    const io: Io = {stdout: () => undefined, stderr: (t) => void (err += t), stdoutIsTTY: false, env: {}, cwd};
    await effectiveConfig(fakeWiki({[PAGE]: {text: '{"reminders": {"cooldownDays": 2}}', revid: 1}}), config, io);
    expect(JSON.parse(readFileSync(path.join(cwd, 'state', ON_WIKI_STATE_FILE), 'utf8')).revid).toBe(1);
    expect(err).toBe('');
    const result = await effectiveConfig(fakeWiki({[PAGE]: {text: '{"reminders": {"cooldownDays": "two"}}', revid: 2}}), config, io);
    expect(result.config.reminders.cooldownDays).toBe(2);
    expect(err).toMatch(/^\S+ warn {2}on-wiki configuration refused: Partnerships\/Configuration\.json \(revision 2\): reminders\.cooldownDays: .*using the last good version/);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});
