import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Mwn} from 'mwn';
import {exportXml} from '../../../scripts/seed-wiki';
import {runBot, testClient, uniqueTitle} from '../helpers';
import {describeWiki, testWiki} from '../wiki';

const TODAY = '2026-11-21';

/** A wiki of its own for this test: its own template name and state folder, so other tests' pages don't count. */
async function adminClient(): Promise<Mwn> {
  const wiki = await testWiki();
  if (!wiki.adminUsername || !wiki.adminPassword) throw new Error('this test needs the Admin account (PT_TEST_ADMIN_USERNAME/PASSWORD)');
  return Mwn.init({apiUrl: wiki.api, username: wiki.adminUsername, password: wiki.adminPassword, userAgent: 'PartnershipTracker-tests (test@example.invalid)', silent: true});
}

async function isolatedSetup() {
  const unique = uniqueTitle('Scan').replace(/\s+/g, '');
  const template = `Partnership ${unique}`;
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'pt-scan-'));
  writeFileSync(path.join(cwd, 'partnership-bot.config.json'), JSON.stringify({
    template: {names: [template]}, statePath: path.join(cwd, 'state'), reminders: {editDelaySeconds: 0},
  }));
  const bot = await testClient();
  const token = await bot.getCsrfToken();
  const edit = (title: string, text: string) => bot.request({action: 'edit', title, text, token, bot: true});
  await edit(`Template:${template}`, '<div class="partnership-box">{{{partner|}}}</div>');
  return {unique, template, cwd, bot, edit, token};
}

type CheckJson = {partnerships: {page: string; index: number; params: Record<string, string>}[]; findings: {page: string; rule: string}[]; errors?: unknown};

async function check(cwd: string, extra: string[] = []): Promise<CheckJson> {
  const result = await runBot(['check', '--json', '--today', TODAY, ...extra], {cwd});
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as CheckJson;
}

describeWiki('incremental scans', () => {
  it('re-reads only what changed, and always gives the answer of a full scan', async () => {
    const {unique, template, cwd, edit} = await isolatedSetup();
    const page = (n: number) => `${unique} page ${n}`;
    const body = (n: number, stage: string) => `Intro.\n{{${template}\n| partner = Partner ${n}\n| stage = ${stage}\n| stage_since = 2026-01-01\n| coordinator = Alice\n}}`;
    for (let n = 0; n < 6; n++) await edit(page(n), body(n, 'contact'));

    const first = await check(cwd);
    expect(first.partnerships).toHaveLength(6);
    const cache = JSON.parse(readFileSync(path.join(cwd, 'state', 'scan-cache.json'), 'utf8'));
    expect(Object.keys(cache.pages)).toHaveLength(6);

    // Edit one, add one, delete one; a page that stops using the template leaves too.
    await edit(page(1), body(1, 'active'));
    await edit(page(6), body(6, 'outreach'));
    await (await adminClient()).delete(page(2), 'test');
    await edit(page(3), 'No partnership here any more.');

    const incremental = await check(cwd);
    const full = await check(cwd, ['--config', path.join(cwd, 'partnership-bot.config.json')]);
    expect(incremental).toEqual(full);
    expect(incremental.partnerships.map((p) => p.page).sort()).toEqual([page(0), page(1), page(4), page(5), page(6)].sort());
    expect(incremental.partnerships.find((p) => p.page === page(1))?.params.stage).toBe('active');

    // A full scan from nothing agrees too.
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'pt-scan-fresh-'));
    writeFileSync(path.join(fresh, 'partnership-bot.config.json'), JSON.stringify({template: {names: [template]}, statePath: path.join(fresh, 'state')}));
    expect(await check(fresh)).toEqual(incremental);
  });

  it('rebuilds a corrupt or foreign cache and never answers from it', async () => {
    const {unique, template, cwd, edit} = await isolatedSetup();
    await edit(`${unique} a`, `{{${template}|partner=A|stage=contact|coordinator=Alice}}`);
    const good = await check(cwd);
    const file = path.join(cwd, 'state', 'scan-cache.json');
    const cache = JSON.parse(readFileSync(file, 'utf8'));
    // A cache that lies about the page (same revision, other content) but was made by another version.
    for (const entry of Object.values(cache.pages) as {templates: {params: Record<string, string>}[]}[]) entry.templates[0]!.params.partner = 'LIE';
    writeFileSync(file, JSON.stringify({...cache, key: 'another version'}));
    expect(await check(cwd)).toEqual(good);
    writeFileSync(file, '{"format": 1, "key": ');
    expect(await check(cwd)).toEqual(good);
    writeFileSync(file, JSON.stringify({format: 1, key: cache.key, pages: {x: {title: 1}}}));
    expect(await check(cwd)).toEqual(good);
  });
});

describeWiki('stage dates from history', () => {
  it('derives stage_since from the revision where the current stage began, and says so', async () => {
    const {unique, template, cwd} = await isolatedSetup();
    const admin = await adminClient();
    const title = `${unique} history`;
    const revision = (stage: string, notes: string) => `{{${template}\n| partner = Museo\n| stage = ${stage}\n| coordinator = Alice\n| notes = ${notes}\n}}`;
    // Three revisions with dates of our choosing: the stage became `outreach` on 2026-03-02.
    const xml = [['2026-01-10T10:00:00Z', revision('contact', 'first call')], ['2026-03-02T09:00:00Z', revision('outreach', 'met them')],
      ['2026-05-20T09:00:00Z', revision('outreach', 'still talking')]]
      .map(([timestamp, text]) => exportXml([{title, text: text!}], 'Admin', timestamp))
      .map((doc, i, all) => (i === 0 ? doc.replace('</mediawiki>\n', '') : i === all.length - 1 ? doc.replace(/^<mediawiki[^>]*>\n/, '') : doc.replace(/^<mediawiki[^>]*>\n/, '').replace('</mediawiki>\n', '')))
      .join('').replace(/<\/page>\n {2}<page>\n {4}<title>[^<]*<\/title>\n/g, '');
    await admin.request({action: 'import', interwikiprefix: 'import', token: await admin.getCsrfToken(), xml: {stream: Buffer.from(xml) as never, name: 'history.xml'}},
      {headers: {'Content-Type': 'multipart/form-data'}});

    const result = await check(cwd);
    const stale = result.findings.find((f) => f.page === title && f.rule === 'stale-stage') as {message: string; field: string} | undefined;
    // outreach goes stale after 30 days; since 2026-03-02 it has been 264 days.
    expect(stale?.field).toBe('stage_since');
    expect(stale?.message).toContain('2026-03-02');
    expect(stale?.message).toMatch(/derived from the page history/);
    const offline = await runBot(['check', '--json', '--today', TODAY, '--file', writeTemp(revision('outreach', 'still talking'))], {cwd});
    expect((JSON.parse(offline.stdout) as CheckJson).findings.map((f) => f.rule)).not.toContain('stale-stage');
  });
});

function writeTemp(text: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pt-file-')), 'history.wiki');
  writeFileSync(file, text);
  return file;
}
