import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {dayOf, formatDay} from '../../../shared/model/dates';
import {samplePages} from '../../../scripts/demo/sample';
import {changedSpan} from '../../helpers/diff';
import {pageRevisions, runBot, testClient, uniqueTitle} from '../helpers';
import {describeWiki} from '../wiki';

const TODAY = '2026-11-21';

describeWiki('install', () => {
  it('puts the template, its documentation and the configuration page on the wiki, then makes no edit the second time', async () => {
    const first = await runBot(['install', '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const pages = JSON.parse(first.stdout).pages as {title: string; action: string}[];
    const titles = pages.map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['Template:Partnership', 'Template:Partnership/doc', 'Partnerships/Configuration.json']));

    const bot = await testClient();
    const before = await Promise.all(titles.map((t) => pageRevisions(bot, t)));
    expect(before.every((revisions) => revisions.length > 0)).toBe(true);

    const second = await runBot(['install', '--json']);
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout).pages as {action: string}[]).map((p) => p.action)).toEqual(titles.map(() => 'unchanged'));
    const after = await Promise.all(titles.map((t) => pageRevisions(bot, t)));
    expect(after.map((r) => r.length)).toEqual(before.map((r) => r.length));

    const doc = await bot.request({action: 'templatedata', titles: 'Template:Partnership'});
    const params = Object.values(doc.pages as Record<string, {params: Record<string, unknown>}>)[0]?.params ?? {};
    expect(Object.keys(params)).toEqual(expect.arrayContaining(['partner', 'stage', 'backup_contact', 'next_action_due']));
  });

  it('renders a partnership box on a page using the template', async () => {
    await runBot(['install']);
    const bot = await testClient();
    const title = uniqueTitle('Render test');
    await bot.request({action: 'edit', title, text: '{{Partnership|partner=Musée test|stage=negotiation|coordinator=Alice}}', token: await bot.getCsrfToken(), bot: true});
    const html = (await bot.request({action: 'parse', page: title, prop: 'text'})).parse.text as string;
    expect(html).toContain('partnership-box');
    expect(html).toContain('Musée test');
  });
});

describeWiki('check on the wiki', () => {
  it('finds the same partnerships and findings as an offline check of the same pages', async () => {
    await runBot(['install']);
    const bot = await testClient();
    const token = await bot.getCsrfToken();
    const prefix = uniqueTitle('Sample');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pt-offline-'));
    const pages = samplePages(dayOf(new Date(`${TODAY}T00:00:00Z`)));
    const files: string[] = [];
    for (const [i, page] of pages.entries()) {
      const title = `${prefix} ${i}`;
      await bot.request({action: 'edit', title, text: page.text, token, bot: true});
      const file = path.join(dir, `${title}.wiki`);
      writeFileSync(file, page.text);
      files.push(file);
    }
    const online = await runBot(['check', '--json', '--today', TODAY]);
    expect(online.stderr).toBe('');
    expect(online.code).toBe(0);
    const offline = await runBot(['check', '--json', '--today', TODAY, ...files.flatMap((f) => ['--file', f])]);
    expect(offline.code).toBe(0);

    const ours = (result: {partnerships: {page: string}[]; findings: {page: string}[]}) => ({
      partnerships: result.partnerships.filter((p) => p.page.startsWith(prefix)).sort(byPageIndex),
      findings: result.findings.filter((f) => f.page.startsWith(prefix)).sort(byPageIndex),
    });
    const wiki = ours(JSON.parse(online.stdout));
    const local = ours(JSON.parse(offline.stdout));
    expect(wiki.partnerships).toHaveLength(pages.length + 1);
    expect(wiki.findings.length).toBeGreaterThan(20);
    expect(wiki).toEqual(local);
    expect(JSON.parse(online.stdout).today).toBe(TODAY);
  });
});

describeWiki('set on the wiki', () => {
  it('changes only the values asked for, as one new revision', async () => {
    const bot = await testClient();
    const title = uniqueTitle('Set test');
    const text = 'Intro with [[a link|pipe]] and {{Other|x=1}}.\n{{Partnership\n | partner   = Museo <!-- official name -->\n | stage     = outreach\n | stage_since = 2026-10-01\n | contact   = Ana\n | custom    = kept\n}}\n== Notes ==\nKeep me.\n';
    await bot.request({action: 'edit', title, text, token: await bot.getCsrfToken(), bot: true});

    const result = await runBot(['set', title, 'stage=negotiation', `stage_since=${formatDay(dayOf(new Date()))}`, 'backup_contact=Luis | archives', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({page: title, index: 0, changed: ['stage', 'stage_since', 'backup_contact'], edited: true});

    const revisions = await pageRevisions(bot, title);
    expect(revisions).toHaveLength(2);
    const [latest, original] = revisions as unknown as [{text: string}, {text: string}];
    expect(original.text).toBe(text.trimEnd());
    expect(latest.text).toBe(text.trimEnd()
      .replace('stage     = outreach', 'stage     = negotiation')
      .replace('stage_since = 2026-10-01', `stage_since = ${formatDay(dayOf(new Date()))}`)
      .replace(' | contact   = Ana\n', ' | contact   = Ana\n | backup_contact = Luis {{!}} archives\n'));
    const span = changedSpan(original.text, latest.text);
    expect(original.text.slice(0, span.start)).toContain('partner   = Museo <!-- official name -->');

    const again = await runBot(['set', title, 'stage=negotiation', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({changed: [], edited: false});
    expect(await pageRevisions(bot, title)).toHaveLength(2);
  });

  it('refuses a value that would break the template, and leaves the page alone', async () => {
    const bot = await testClient();
    const title = uniqueTitle('Set refused');
    await bot.request({action: 'edit', title, text: '{{Partnership|partner=P|stage=contact}}', token: await bot.getCsrfToken(), bot: true});
    const result = await runBot(['set', title, 'notes=oops }} broken']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/notes/);
    expect(await pageRevisions(bot, title)).toHaveLength(1);
  });
});

function byPageIndex(a: {page: string; index?: number; rule?: string}, b: {page: string; index?: number; rule?: string}): number {
  return a.page.localeCompare(b.page) || (a.index ?? 0) - (b.index ?? 0) || (a.rule ?? '').localeCompare(b.rule ?? '');
}
