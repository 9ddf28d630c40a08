/**
 * The report command against a fake wiki (what is read, what is saved, with which flags), and
 * offline on wikitext files. test/integration/bot/report.test.ts runs it on a real MediaWiki.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {main} from '../../bot/cli';
import {report} from '../../bot/commands/report';
import {loadConfig, type Config} from '../../bot/config';
import type {Io} from '../../bot/io';
import type {WikiClient} from '../../bot/wiki/client';
import {ShutoffError, type EditGuard} from '../../bot/wiki/guard';
import {addDays, type Day} from '../../shared/model/dates';
import {REPORT_END, REPORT_START} from '../../shared/report/markers';
import {CANONICAL_NAMESPACES} from '../../shared/rules/recipients';
import {check, HOSTILE, PAGES, TODAY} from '../shared/report/fixtures';

type Json = Record<string, unknown>;

interface Save {
  readonly title: string;
  readonly text: string;
  readonly summary: string;
  readonly options: {bot?: boolean; baseRevId?: number; createOnly?: boolean};
}

/** Page texts, the batched reads the report makes for section anchors, and saves. */
class FakeClient {
  readonly site = {language: 'en', namespaces: CANONICAL_NAMESPACES, templateNamespaces: ['Template'], highLimits: false, userName: 'Bot', isBot: true};
  readonly credentials = {api: 'http://fake.invalid/api.php'};
  readonly batchLimit = 2;
  readonly pages = new Map<string, {text: string; revid: number}>(PAGES.map((p, i) => [p.title, {text: p.text, revid: i + 1}]));
  readonly saves: Save[] = [];
  readonly batches: string[][] = [];
  private revid = 100;

  async *queryAll(params: Json): AsyncGenerator<Json> {
    const titles = String(params.titles).split('|');
    this.batches.push(titles);
    yield {query: {pages: titles.map((title) => ({title, revisions: [{slots: {main: {content: this.pages.get(title)?.text ?? ''}}}]}))}};
  }

  async pageText(title: string) {
    const page = this.pages.get(title);
    return page ? {...page, timestamp: '2026-11-21T00:00:00Z'} : null;
  }

  async save(title: string, text: string, summary: string, options: Save['options'] = {}) {
    this.saves.push({title, text, summary, options});
    const nochange = this.pages.get(title)?.text === text;
    if (!nochange) this.pages.set(title, {text, revid: ++this.revid});
    return nochange ? {nochange} : {nochange, newrevid: this.revid};
  }
}

class FakeGuard {
  calls = 0;
  edits = 0;
  shutoff = false;
  async beforeEdit() {
    this.calls++;
    if (this.shutoff) throw new ShutoffError('the emergency shut-off page is not empty');
  }
  edited() {
    this.edits++;
  }
}

function io(): Io & {out: string; err: string} {
  const result = {out: '', err: '', stdoutIsTTY: false, env: {}, cwd: os.tmpdir()} as Io & {out: string; err: string};
  return Object.assign(result, {stdout: (t: string) => void (result.out += t), stderr: (t: string) => void (result.err += t)});
}

function config(report: Partial<Config['report']> = {}): Config {
  const base = loadConfig(undefined, mkdtempSync(path.join(os.tmpdir(), 'pt-report-'))).config;
  return {...base, report: {...base.report, ...report}};
}

async function run(client: FakeClient, guard: FakeGuard, cfg: Config, options: {dryRun?: boolean; now?: string; today?: Day} = {}) {
  const output = io();
  const summary = await report(client as unknown as WikiClient, guard as unknown as EditGuard, cfg, {result: check(), unreadable: [], scan: {pages: 5, reread: 5, unreadable: []}},
    {today: options.today ?? TODAY, dryRun: options.dryRun ?? false, io: output, now: new Date(options.now ?? '2026-11-21T08:00:00Z')});
  return {summary, output};
}

describe('report', () => {
  it('creates the status page, unflagged as a bot edit by default, after asking the guard', async () => {
    const client = new FakeClient();
    const guard = new FakeGuard();
    const {summary} = await run(client, guard, config());
    expect(summary.pages).toEqual([{title: 'Partnerships/Status', action: 'created', partnerships: 5, errors: 3, warnings: 2, revid: 101}]);
    expect(client.saves).toHaveLength(1);
    const [save] = client.saves as [Save];
    expect(save.options).toEqual({bot: false, createOnly: true});
    expect(save.summary).toBe('Partnership report: 5 partnerships, 3 errors, 2 warnings');
    expect(save.text.startsWith(REPORT_START)).toBe(true);
    expect(save.text).toContain('[[:WMFR/Louvre#Museum|Musée du Louvre]]');
    expect([guard.calls, guard.edits]).toEqual([1, 1]);
    // Section anchors come from batched reads, as many titles a request as the API allows.
    expect(client.batches.map((b) => b.length)).toEqual([2, 2, 1]);
  });

  it('makes no edit when only the time changed, and keeps people\'s text around the markers', async () => {
    const client = new FakeClient();
    const guard = new FakeGuard();
    await run(client, guard, config());
    const page = client.pages.get('Partnerships/Status') as {text: string};
    client.pages.set('Partnerships/Status', {text: `People wrote this.\n\n${page.text}\n\n== Talk ==\nAnd this.`, revid: 150});
    const again = await run(client, guard, config(), {now: '2026-11-21T11:00:00Z'});
    expect(again.summary.pages[0]?.action).toBe('unchanged');
    expect(client.saves).toHaveLength(1);
    expect(guard.calls).toBe(1);

    // A new day changes the days in stage: that is a change.
    const later = await run(client, guard, config(), {now: '2026-11-22T08:00:00Z', today: addDays(TODAY, 1)});
    expect(later.summary.pages[0]?.action).toBe('updated');
    const saved = client.saves[1] as Save;
    expect(saved.options).toEqual({bot: false, baseRevId: 150});
    expect(saved.text.startsWith(`People wrote this.\n\n${REPORT_START}`)).toBe(true);
    expect(saved.text.endsWith(`${REPORT_END}\n\n== Talk ==\nAnd this.`)).toBe(true);
  });

  it('flags its edits as bot edits when the configuration says so, and writes every configured page with its filter', async () => {
    const client = new FakeClient();
    const cfg = config({markBotEdits: true, pages: [{title: 'Status'}, {title: 'Status/DE', affiliate: 'wikimedia deutschland'}, {title: 'Status/Closed', stages: ['ended', 'declined']}]});
    const {summary} = await run(client, new FakeGuard(), cfg);
    expect(summary.pages.map((p) => [p.title, p.action, p.partnerships])).toEqual([['Status', 'created', 5], ['Status/DE', 'created', 2], ['Status/Closed', 'created', 1]]);
    expect(client.saves.map((s) => s.options.bot)).toEqual([undefined, undefined, undefined]);
    expect(client.pages.get('Status/DE')?.text).not.toContain('Louvre');
  });

  it('appends to a page without markers, and leaves a page with damaged markers alone', async () => {
    const client = new FakeClient();
    client.pages.set('Partnerships/Status', {text: 'Intro by people.', revid: 50});
    client.pages.set('Broken', {text: `${REPORT_START}\nno end marker`, revid: 51});
    const {summary, output} = await run(client, new FakeGuard(), config({pages: [{title: 'Partnerships/Status'}, {title: 'Broken'}]}));
    expect(summary.pages.map((p) => p.action)).toEqual(['updated', 'refused']);
    expect(client.pages.get('Partnerships/Status')?.text.startsWith(`Intro by people.\n\n${REPORT_START}`)).toBe(true);
    expect(client.pages.get('Broken')?.text).toBe(`${REPORT_START}\nno end marker`);
    expect(output.err).toContain('Broken: not written: the report markers are damaged');
  });

  it('prints the wikitext with --dry-run and saves nothing', async () => {
    const client = new FakeClient();
    const guard = new FakeGuard();
    const {summary, output} = await run(client, guard, config(), {dryRun: true});
    expect(summary.pages[0]?.action).toBe('would create');
    expect(output.out).toContain(REPORT_START);
    expect(output.out).toContain('Evil &#60;script&#62;');
    expect(client.saves).toEqual([]);
    expect(guard.calls).toBe(0);
  });

  it('stops at the shut-off page before editing', async () => {
    const client = new FakeClient();
    const guard = new FakeGuard();
    guard.shutoff = true;
    await expect(run(client, guard, config())).rejects.toThrow(ShutoffError);
    expect(client.saves).toEqual([]);
  });

  it('writes in the configured language over the wiki\'s', async () => {
    const client = new FakeClient();
    const cfg = config();
    await run(client, new FakeGuard(), {...cfg, wiki: {...cfg.wiki, language: 'fr'}});
    expect(client.saves[0]?.summary).toBe('Tableau des partenariats : 5 partenariats, 3 erreurs, 2 avertissements');
    expect(client.saves[0]?.text).toContain('== Synthèse ==');
  });
});

describe('partnership-bot report --file (offline)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pt-report-files-'));
  const files = PAGES.map((page) => {
    const file = path.join(dir, `${page.title.replace('/', '_')}.wiki`);
    writeFileSync(file, page.text);
    return file;
  });
  const cli = async (...args: string[]) => {
    const output = io();
    const code = await main([...args, '--today', '2026-11-21', ...files.flatMap((f) => ['--file', f])], {...output, cwd: dir});
    return {code, out: output.out, err: output.err};
  };

  it('--format csv prints the table for a spreadsheet', async () => {
    const {code, out, err} = await cli('report', '--format', 'csv');
    expect([code, err]).toEqual([0, '']);
    expect(out.startsWith('\uFEFFPartner,Affiliate,Stage,')).toBe(true);
    expect(out.split('\r\n')).toHaveLength(7);
    expect(out).toContain('WMFR_Louvre');
  });

  it('--format json prints the same rows for a program', async () => {
    const {code, out} = await cli('report', '--format', 'json');
    expect(code).toBe(0);
    const json = JSON.parse(out) as {partnerships: {partner: string; section: string | null}[]};
    expect(json.partnerships.map((p) => p.partner)).toContain(HOSTILE);
    expect(json.partnerships.find((p) => p.partner === 'Musée du Louvre')?.section).toBe('Museum');
  });

  it('prints the wikitext without a format, and refuses an unknown format', async () => {
    const {code, out} = await cli('report');
    expect(code).toBe(0);
    expect(out.startsWith(REPORT_START)).toBe(true);
    const bad = await cli('report', '--format', 'xlsx');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format must be one of wikitext, csv, json');
  });
});
