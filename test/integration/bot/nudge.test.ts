/**
 * `nudge` against the real throwaway wiki. Every test has its own template name, users, opt-out
 * list, shut-off page and state folder, so it sees only its own partnerships and talk pages.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Mwn} from 'mwn';
import {pageRevisions, runBot, testClient, uniqueTitle, type RunResult} from '../helpers';
import {describeWiki, testWiki} from '../wiki';

const TODAY = '2026-11-21';
const LATER = (days: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function adminClient(): Promise<Mwn> {
  const wiki = await testWiki();
  if (!wiki.adminUsername || !wiki.adminPassword) throw new Error('this test needs the Admin account (PT_TEST_ADMIN_USERNAME/PASSWORD)');
  return Mwn.init({apiUrl: wiki.api, username: wiki.adminUsername, password: wiki.adminPassword, userAgent: 'PartnershipTracker-tests (test@example.invalid)', silent: true,
    defaultParams: {formatversion: 2}});
}

interface Setup {
  readonly unique: string;
  readonly template: string;
  readonly cwd: string;
  readonly stateDir: string;
  readonly optOutPage: string;
  readonly shutoffPage: string;
  readonly bot: Mwn;
  edit(title: string, text: string): Promise<void>;
  /** An account that exists on the wiki. */
  user(suffix: string): Promise<string>;
  /** An outreach partnership with no backup contact (one warning) on its own page. */
  partnership(page: string, partner: string, coordinator: string, extra?: string): Promise<string>;
  nudge(args?: string[], config?: Record<string, unknown>, today?: string): Promise<RunResult>;
  /** `nudge --json`, `days` after the first run's day. */
  runDay(days: number): Promise<RunResult>;
}

async function setup(): Promise<Setup> {
  const unique = uniqueTitle('Nudge').replace(/\s+/g, '');
  const template = `Partnership nudge ${unique}`;
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'pt-nudge-'));
  const stateDir = path.join(cwd, 'state');
  const optOutPage = `${unique}/Opt-out`;
  const shutoffPage = `User:PartnershipBot/Shutoff ${unique}`;
  const bot = await testClient();
  const token = await bot.getCsrfToken();
  const edit = async (title: string, text: string) => {
    const response = await bot.request({action: 'edit', title, text, token, bot: true});
    expect(response.edit?.result).toBe('Success');
  };
  await edit(`Template:${template}`, '<div class="partnership-box">{{{partner|}}}</div>');
  let admin: Mwn | undefined;
  const baseConfig = {
    template: {names: [template]}, statePath: stateDir,
    reminders: {editDelaySeconds: 0, optOutPage},
    report: {pages: [{title: `${unique}/Status`}]},
    safety: {shutoffPage},
  };
  const nudge = (args: string[] = [], config: Record<string, unknown> = {}, today = TODAY) => {
    writeFileSync(path.join(cwd, 'partnership-bot.config.json'), JSON.stringify(merge(baseConfig, config)));
    return runBot(['nudge', '--today', today, ...args], {cwd});
  };
  return {
    unique, template, cwd, stateDir, optOutPage, shutoffPage, bot, edit,
    async user(suffix) {
      admin ??= await adminClient();
      const name = `${unique}${suffix}`;
      const tokens = await admin.request({action: 'query', meta: 'tokens', type: 'createaccount'});
      const password = `pw-${Math.random().toString(36)}-${Date.now()}`;
      const created = await admin.request({action: 'createaccount', username: name, password, retype: password,
        createreturnurl: 'http://127.0.0.1/', createtoken: tokens.query?.tokens.createaccounttoken, reason: 'nudge test'});
      expect(created.createaccount?.status).toBe('PASS');
      return name;
    },
    async partnership(page, partner, coordinator, extra = '') {
      const title = `${unique}/${page}`;
      await edit(title, `Notes.\n{{${template}\n| partner = ${partner}\n| stage = outreach\n| stage_since = 2026-11-16\n| contact = Ana\n| coordinator = ${coordinator}${extra}\n}}`);
      return title;
    },
    nudge,
    runDay: (days) => nudge(['--json'], {}, LATER(days)),
  };
}

function merge(base: Record<string, unknown>, layer: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = {...base};
  for (const [key, value] of Object.entries(layer)) {
    const under = base[key];
    merged[key] = value && typeof value === 'object' && !Array.isArray(value) && under && typeof under === 'object' ? merge(under as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return merged;
}

interface Summary {
  dryRun: boolean;
  posted: {target: string; findings: number; text?: string; revid?: number}[];
  skipped: {target: string; reason: string; fallback?: string[]}[];
}

function summaryOf(result: RunResult): Summary {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Summary;
}

const count = async (bot: Mwn, title: string) => (await pageRevisions(bot, title)).length;
const latest = async (bot: Mwn, title: string) => (await pageRevisions(bot, title))[0]?.text ?? '';

describeWiki('nudge on the wiki', () => {
  it('posts one message per coordinator (or the partnership\'s talk page), as a bot edit in a new section; a second run posts nothing', async () => {
    const s = await setup();
    const alice = await s.user('Alice');
    const louvre = await s.partnership('Louvre', 'Louvre [[Category:Injected]] {{Delete}} <script>alert(1)</script> </nowiki>\'\'\'x\'\'\'', alice);
    const orsay = await s.partnership('Orsay', 'Orsay', alice);
    const ghostly = await s.partnership('Ghostly', 'Ghostly', `${s.unique}Ghost`);

    const first = summaryOf(await s.nudge(['--json']));
    expect(first.dryRun).toBe(false);
    expect(first.posted.map((p) => [p.target, p.findings]).sort()).toEqual([[`Talk:${ghostly}`, 1], [`User talk:${alice}`, 2]]);
    expect(first.skipped).toContainEqual({target: `User:${s.unique}Ghost`, reason: 'user-missing', findings: 1, fallback: [`Talk:${ghostly}`]});

    const text = await latest(s.bot, `User talk:${alice}`);
    expect(text).toMatch(/^== Partnership reminders \(2026-11-21\) ==\n\n<!-- partnership-tracker: \{"v":1,"keys":\[.*\],"day":"2026-11-21"\} -->\n/);
    expect(text).toContain(`[[:${louvre}]]`);
    expect(text).toContain(`[[:${orsay}]]`);
    expect(await count(s.bot, `User talk:${s.unique}Ghost`)).toBe(0);
    expect(await latest(s.bot, `Talk:${ghostly}`)).toContain('No coordinator of the partnership on this page can be reached');

    // Signed, marked as a bot edit, and the partner's name is only text.
    expect(text).toMatch(/\[\[User:PartnershipBot\|PartnershipBot\]\].*\(UTC\)/);
    const changes = await s.bot.request({action: 'query', list: 'recentchanges', rctitle: `User talk:${alice}`, rcprop: 'flags|title', rclimit: 5});
    expect(changes.query?.recentchanges[0]).toMatchObject({bot: true});
    const parsed = (await s.bot.request({action: 'parse', page: `User talk:${alice}`, prop: 'text|categories|templates'})).parse;
    expect(parsed.categories).toEqual([]);
    expect(parsed.templates.map((t: {title: string}) => t.title)).not.toContain('Template:Delete');
    expect(parsed.text).not.toMatch(/<script>alert/);
    expect(parsed.text).toContain('[[Category:Injected]] {{Delete}} &lt;script&gt;alert(1)&lt;/script&gt; &lt;/nowiki&gt;\'\'\'x\'\'\'');

    const before = [await count(s.bot, `User talk:${alice}`), await count(s.bot, `Talk:${ghostly}`)];
    const second = summaryOf(await s.nudge(['--json']));
    expect(second.posted).toEqual([]);
    expect([await count(s.bot, `User talk:${alice}`), await count(s.bot, `Talk:${ghostly}`)]).toEqual(before);
  });

  it('a run that dies after posting and before recording, then a run with a lost or corrupt state file: no duplicate', async () => {
    const s = await setup();
    const bob = await s.user('Bob');
    await s.partnership('Museo', 'Museo', bob);
    // A folder where the state file goes: the scan's cache is saved, the post is made, and recording
    // it fails, as a crash between the two would.
    mkdirSync(path.join(s.stateDir, 'reminders.json', 'in-the-way'), {recursive: true});
    const crashed = await s.nudge();
    expect(crashed.code).toBe(1);
    expect(crashed.stderr).toMatch(/reminders\.json/);
    expect(await count(s.bot, `User talk:${bob}`)).toBe(1);
    rmSync(path.join(s.stateDir, 'reminders.json'), {recursive: true});

    const fresh = summaryOf(await s.nudge(['--json']));
    expect(fresh.posted).toEqual([]);
    expect(fresh.skipped).toContainEqual({target: `User talk:${bob}`, reason: 'already-reminded', findings: 1});
    expect(await count(s.bot, `User talk:${bob}`)).toBe(1);

    writeFileSync(path.join(s.stateDir, 'reminders.json'), '{"format":1,"wiki":');
    expect(summaryOf(await s.nudge(['--json'])).posted).toEqual([]);
    rmSync(s.stateDir, {recursive: true, force: true});
    expect(summaryOf(await s.nudge(['--json'])).posted).toEqual([]);
    expect(await count(s.bot, `User talk:${bob}`)).toBe(1);
  });

  it('honours {{nobots}}, {{bots|deny=PartnershipBot}} and the on-wiki opt-out list', async () => {
    const s = await setup();
    const [nobots, deny, listed, plain] = [await s.user('Nobots'), await s.user('Deny'), await s.user('Listed'), await s.user('Plain')];
    await s.edit(`User talk:${nobots}`, 'Please, no bots.\n{{nobots}}');
    await s.edit(`User talk:${deny}`, '{{bots|deny=PartnershipBot}}');
    await s.edit(s.optOutPage, `Users who want no partnership reminders:\n* ${listed}\n`);
    for (const user of [nobots, deny, listed, plain]) await s.partnership(user, `Partner of ${user}`, user);

    const summary = summaryOf(await s.nudge(['--json']));
    expect(summary.posted.map((p) => p.target)).toEqual([`User talk:${plain}`]);
    expect(summary.skipped).toEqual(expect.arrayContaining([
      {target: `User talk:${nobots}`, reason: 'bots-template', findings: 1},
      {target: `User talk:${deny}`, reason: 'bots-template', findings: 1},
      {target: `User:${listed}`, reason: 'opted-out', findings: 1},
    ]));
    expect(await count(s.bot, `User talk:${nobots}`)).toBe(1);
    expect(await count(s.bot, `User talk:${deny}`)).toBe(1);
    expect(await count(s.bot, `User talk:${listed}`)).toBe(0);
    expect(await count(s.bot, `User talk:${plain}`)).toBe(1);
    expect(await latest(s.bot, `User talk:${plain}`)).toContain(`[[:${s.optOutPage}]]`);
  });

  it('a blocked coordinator is skipped: the reminder goes to the partnership\'s talk page', async () => {
    const s = await setup();
    const blocked = await s.user('Blocked');
    const admin = await adminClient();
    const block = await admin.request({action: 'block', user: blocked, expiry: 'infinite', reason: 'nudge test', token: await admin.getCsrfToken()});
    expect(block.block?.user).toBe(blocked);
    const page = await s.partnership('Blocked', 'Blocked partner', blocked);
    const summary = summaryOf(await s.nudge(['--json']));
    expect(summary.posted.map((p) => p.target)).toEqual([`Talk:${page}`]);
    expect(summary.skipped).toContainEqual({target: `User:${blocked}`, reason: 'user-blocked', findings: 1, fallback: [`Talk:${page}`]});
    expect(await count(s.bot, `User talk:${blocked}`)).toBe(0);
  });

  it('a finding resolved and then back is reminded again once the cooldown has passed', async () => {
    const s = await setup();
    const carol = await s.user('Carol');
    const page = await s.partnership('Cycle', 'Cycle', carol);
    const talk = `User talk:${carol}`;
    expect(summaryOf(await s.nudge(['--json'])).posted).toHaveLength(1);

    await s.partnership('Cycle', 'Cycle', carol, '\n| backup_contact = Luis');
    expect(summaryOf(await s.runDay(1)).posted).toEqual([]);
    await s.partnership('Cycle', 'Cycle', carol);
    expect(summaryOf(await s.runDay(5)).posted).toEqual([]);
    expect(await count(s.bot, talk)).toBe(1);

    const after = summaryOf(await s.runDay(14));
    expect(after.posted.map((p) => p.target)).toEqual([talk]);
    const revisions = await pageRevisions(s.bot, talk);
    expect(revisions).toHaveLength(2);
    expect(revisions[0]?.text.match(/== Partnership reminders/g)).toHaveLength(2);
    expect(revisions[0]?.text).toContain(`== Partnership reminders (${LATER(14)}) ==`);
    expect(revisions[0]?.text).toContain(`[[:${page}]]`);
  });

  it('posts in Arabic, right to left, when the configured language is Arabic', async () => {
    const s = await setup();
    const dana = await s.user('Dana');
    await s.partnership('Arabic', 'متحف', dana);
    const summary = summaryOf(await s.nudge(['--json'], {wiki: {language: 'ar'}}));
    expect(summary.posted).toHaveLength(1);
    const text = await latest(s.bot, `User talk:${dana}`);
    expect(text).toContain('== تذكيرات الشراكات (2026-11-21) ==');
    const html = (await s.bot.request({action: 'parse', page: `User talk:${dana}`, prop: 'text'})).parse.text as string;
    expect(html).toMatch(/<div lang="ar" dir="rtl">[\s\S]*ما العمل:[\s\S]*<\/div>/);
  });

  it('--dry-run prints every message with its target and edits nothing', async () => {
    const s = await setup();
    const erin = await s.user('Erin');
    await s.partnership('Dry', 'Dry partner', erin);
    const printed = await s.nudge(['--dry-run']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain(`--- would post to User talk:${erin} (1 point) ---\n== Partnership reminders (2026-11-21) ==\n\n<!-- partnership-tracker: `);
    expect(printed.stdout).toContain('~~~~');
    const json = summaryOf(await s.nudge(['--dry-run', '--json']));
    expect(json.dryRun).toBe(true);
    expect(json.posted.map((p) => p.target)).toEqual([`User talk:${erin}`]);
    expect(printed.stdout).toContain(json.posted[0]?.text);
    expect(await count(s.bot, `User talk:${erin}`)).toBe(0);

    // The real run posts exactly what the dry run showed (the signature is expanded on save).
    await s.nudge();
    const saved = await latest(s.bot, `User talk:${erin}`);
    expect(saved.replace(/\[\[User:PartnershipBot.*\(UTC\)/, '~~~~')).toBe(`== Partnership reminders (2026-11-21) ==\n\n${json.posted[0]?.text}`);
  });

  it('the emergency shut-off page stops posting until it is emptied', async () => {
    const s = await setup();
    const frank = await s.user('Frank');
    await s.partnership('Stop', 'Stop partner', frank);
    await s.edit(s.shutoffPage, 'Stop! Something is wrong. ~~~~');
    const stopped = await s.nudge(['--json']);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/shut-off page .* is not empty/);
    expect(JSON.parse(stopped.stdout).skipped).toContainEqual({target: `User talk:${frank}`, reason: 'shutoff', findings: 1});
    expect(await count(s.bot, `User talk:${frank}`)).toBe(0);

    await s.edit(s.shutoffPage, '');
    expect(summaryOf(await s.nudge(['--json'])).posted).toHaveLength(1);
    expect(await count(s.bot, `User talk:${frank}`)).toBe(1);
  });
});
