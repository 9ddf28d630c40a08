/**
 * `partnership-bot report` on a real MediaWiki: the saved page is rendered by the wiki's own
 * parser (action=parse) and checked as HTML — rows, sort classes, highlights, and that a hostile
 * partner name adds no category, template or element. These tests use their own template name,
 * report pages, shut-off page and state directory, so they share the wiki with other test files.
 */
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type {Mwn} from 'mwn';
import {addDays, dayOf, formatDay} from '../../../shared/model/dates';
import {carriedText, escapeWikitext} from '../../../shared/report/escape';
import {REPORT_END, REPORT_START} from '../../../shared/report/markers';
import {pageRevisions, runBot, testClient, uniqueTitle} from '../helpers';
import {describeWiki} from '../wiki';

const TODAY = dayOf(new Date());
const daysAgo = (n: number) => formatDay(addDays(TODAY, -n));
const HOSTILE = 'Evil <script>alert(1)</script> [[Category:Hacked]] {{Delete}}';
const TEMPLATE_SOURCE = readFileSync(path.join(__dirname, '..', '..', '..', 'wiki', 'Template:Partnership.wikitext'), 'utf8');

/** What a browser shows for an HTML fragment without elements: its character references decoded. */
function htmlText(html: string): string {
  const named: Record<string, string> = {lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0', '#039': "'"};
  return html.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+|#039);/gi, (whole, ref: string) => {
    if (named[ref] !== undefined) return named[ref];
    if (/^#x/i.test(ref)) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (/^#\d/.test(ref)) return String.fromCodePoint(Number(ref.slice(1)));
    return whole;
  });
}

/** The visible text of an HTML fragment: tags dropped, references decoded, spaces collapsed. */
function visibleText(html: string): string {
  return htmlText(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

interface Parsed {
  readonly html: string;
  readonly categories: readonly unknown[];
  readonly templates: readonly unknown[];
}

async function parsePage(bot: Mwn, title: string): Promise<Parsed> {
  const response = await bot.request({action: 'parse', page: title, prop: 'text|categories|templates', disablelimitreport: true, disableeditsection: true});
  return {html: String(response.parse.text), categories: response.parse.categories ?? [], templates: response.parse.templates ?? []};
}

/** The sortable tables of a rendered report: the open partnerships, then the collapsed closed ones. */
function tables(html: string): string[] {
  return html.match(/<table class="wikitable sortable partnership-report-table"[\s\S]*?<\/table>/g) ?? [];
}

function rows(table: string): string[] {
  return (table.match(/<tr>[\s\S]*?<\/tr>/g) ?? []).slice(1);
}

function rowFor(table: string, partner: string): string {
  const row = rows(table).find((r) => visibleText(r).includes(partner));
  if (row === undefined) throw new Error(`no row for ${partner}`);
  return row;
}

interface Setup {
  readonly bot: Mwn;
  readonly template: string;
  readonly cwd: string;
  readonly main: string;
  readonly levant: string;
  readonly closed: string;
  readonly pages: Readonly<Record<'museo' | 'biblioteca' | 'evil' | 'closed' | 'broken', string>>;
}

async function edit(bot: Mwn, title: string, text: string): Promise<void> {
  await bot.request({action: 'edit', title, text, token: await bot.getCsrfToken(), bot: true});
}

function call(template: string, params: Record<string, string>): string {
  return `{{${template}\n${Object.entries(params).map(([k, v]) => `| ${k} = ${v}`).join('\n')}\n}}`;
}

async function setUp(): Promise<Setup> {
  const bot = await testClient();
  const unique = uniqueTitle('').trim();
  const template = `Partnership report ${unique}`;
  await edit(bot, `Template:${template}`, TEMPLATE_SOURCE);
  // Were a partner's name ever transcluded, this would show in the report and put it in a category.
  await edit(bot, 'Template:Delete', '<span class="pt-delete-ran">TEMPLATE DELETE RAN</span>[[Category:Deleted by a template]]');
  const base = `Report partners ${unique}`;
  const pages = {museo: `${base}/Museo`, biblioteca: `${base}/Biblioteca`, evil: `${base}/Evil`, closed: `${base}/Closed`, broken: `${base}/Broken`};
  await edit(bot, pages.museo, `Intro.\n\n== Museums ==\n${call(template, {partner: 'Museo Test', affiliate: 'Wikimedians of the Levant', stage: 'negotiation',
    stage_since: daysAgo(120), coordinator: 'Rami'})}\n`);
  await edit(bot, pages.biblioteca, call(template, {partner: 'Biblioteca Test', affiliate: 'Wikimedia Argentina', stage: 'active', stage_since: daysAgo(30),
    coordinator: 'Lucía', backup_contact: 'Ana', agreement: 'informal', next_action: 'Plan the edit-a-thon', next_action_due: daysAgo(5)}));
  await edit(bot, pages.evil, call(template, {partner: HOSTILE, affiliate: 'Wikimedia Argentina', stage: 'prospect', stage_since: daysAgo(5)}));
  await edit(bot, pages.closed, call(template, {partner: 'Closed Test', affiliate: 'Wikimedians of the Levant', stage: 'ended', stage_since: daysAgo(400)}));
  await edit(bot, pages.broken, call(template, {partner: 'Broken Test', affiliate: 'Wikimedia Argentina', stage: 'activ'}));

  const main = `Report test ${unique}`;
  const levant = `${main}/Levant`;
  const closed = `${main}/Closed`;
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'pt-report-it-'));
  writeFileSync(path.join(cwd, 'partnership-bot.config.json'), JSON.stringify({
    template: {names: [template]},
    report: {pages: [{title: main}, {title: levant, affiliate: 'wikimedians of the levant'}, {title: closed, stages: ['ended', 'declined']}]},
    reminders: {editDelaySeconds: 0},
    statePath: `.state-${unique}`,
    safety: {shutoffPage: `User:PartnershipBot/Shutoff ${unique}`},
  }));
  return {bot, template, cwd, main, levant, closed, pages};
}

async function report(setup: Setup, ...args: string[]) {
  const result = await runBot(['report', '--today', formatDay(TODAY), '--json', ...args], {cwd: setup.cwd});
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as {pages: {title: string; action: string; partnerships: number}[]};
}

describeWiki('report on the wiki', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await setUp();
  });

  it('writes the status page: rows, sort classes, highlights, section links, and no markup from user values', async () => {
    const first = await report(setup);
    expect(first.pages.map((p) => [p.title, p.action, p.partnerships])).toEqual([
      [setup.main, 'created', 5], [setup.levant, 'created', 2], [setup.closed, 'created', 1],
    ]);
    const page = await parsePage(setup.bot, setup.main);

    // Nothing a user wrote became a category, a transclusion or an element.
    expect(page.categories).toEqual([]);
    expect(page.templates).toEqual([]);
    expect(page.html).not.toContain('TEMPLATE DELETE RAN');
    expect(page.html).not.toMatch(/<script/i);
    const [open, ended] = tables(page.html) as [string, string];
    const evil = rowFor(open, 'Evil');
    expect(visibleText(evil)).toContain(HOSTILE);
    expect(evil).not.toMatch(/Category:Hacked"|title="Category|<a [^>]*Category/);

    // The sortable table: one row per open partnership, numeric sort values on the numbers.
    expect(rows(open).map((r) => visibleText(r).split(' ')[0])).toEqual(['Evil', 'Museo', 'Biblioteca', 'Broken']);
    const museo = rowFor(open, 'Museo Test');
    expect(museo).toContain('data-sort-value="120"');
    // Stale stage and overdue next action are highlighted.
    expect(museo).toMatch(/<td data-sort-value="120" style="background:#fef6e7;[^"]*">⚠ 120/);
    const biblioteca = rowFor(open, 'Biblioteca Test');
    expect(biblioteca).toMatch(/<td data-sort-value="[\d-]+" style="background:#fee7e6">Plan the edit-a-thon<br \/><span style="color:#b32424;font-weight:bold">⚠ due /);
    // The partner links to its page, and to the section when the template sits under a heading.
    expect(museo).toMatch(/<a href="[^"]*Museo#Museums"/);
    expect(biblioteca).toMatch(/<a href="[^"]*Biblioteca"/);

    // Ended partnerships are in the collapsed section at the end.
    expect(page.html).toMatch(/<div class="mw-collapsible mw-collapsed partnership-report-closed"/);
    expect(rows(ended).map((r) => visibleText(r).split(' ')[0])).toEqual(['Closed']);

    // Needs attention: the missing backup contact is an error; the broken template is listed with its field.
    const attention = page.html.slice(page.html.indexOf('id="Needs_attention"'), page.html.indexOf('id="All_partnerships'));
    expect(visibleText(attention)).toContain('Museo Test');
    expect(visibleText(attention)).toContain('There is no backup contact at the partner');
    expect(visibleText(attention)).toMatch(/Broken Test stage "activ" is not a known stage/);
  });

  it('makes no edit when nothing changed, and keeps the text people write around the markers', async () => {
    const before = await pageRevisions(setup.bot, setup.main);
    const again = await report(setup);
    expect(again.pages.map((p) => p.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(await pageRevisions(setup.bot, setup.main)).toHaveLength(before.length);

    const current = (before[0] as {text: string}).text;
    const above = 'Coordinators: read this page every morning. ~~~~';
    const below = '== Notes ==\nDiscussed at the meetup. [[Category:Partnership reports]]';
    await edit(setup.bot, setup.main, `${above}\n\n${current}\n\n${below}`);
    const withPeople = ((await pageRevisions(setup.bot, setup.main))[0] as {text: string}).text;
    expect((await report(setup)).pages[0]?.action).toBe('unchanged');

    // A change to a partnership changes the report; what people wrote stays as it was saved.
    await edit(setup.bot, setup.pages.museo, `Intro.\n\n== Museums ==\n${call(setup.template, {partner: 'Museo Test', affiliate: 'Wikimedians of the Levant',
      stage: 'negotiation', stage_since: daysAgo(120), coordinator: 'Rami', backup_contact: 'Nour'})}\n`);
    expect((await report(setup)).pages[0]?.action).toBe('updated');
    const after = ((await pageRevisions(setup.bot, setup.main))[0] as {text: string}).text;
    const humanAbove = withPeople.slice(0, withPeople.indexOf(REPORT_START));
    const humanBelow = withPeople.slice(withPeople.indexOf(REPORT_END) + REPORT_END.length);
    expect(after.startsWith(`${humanAbove}${REPORT_START}`)).toBe(true);
    expect(after.endsWith(`${REPORT_END}${humanBelow}`)).toBe(true);
    expect(humanAbove).toMatch(/^Coordinators: read this page every morning\. \[\[User:PartnershipBot/);
    const revisions = await pageRevisions(setup.bot, setup.main);
    const parsed = await parsePage(setup.bot, setup.main);
    expect(parsed.categories.map((c) => (c as {category: string}).category)).toEqual(['Partnership_reports']);
    expect(revisions).toHaveLength(before.length + 2);
  });

  it('writes filtered pages: one affiliate, or some stages', async () => {
    const levant = await parsePage(setup.bot, setup.levant);
    expect(visibleText(levant.html)).toContain('Only the partnerships led by wikimedians of the levant.');
    const [open, ended] = tables(levant.html) as [string, string];
    expect(rows(open).map((r) => visibleText(r).split(' ')[0])).toEqual(['Museo']);
    expect(rows(ended).map((r) => visibleText(r).split(' ')[0])).toEqual(['Closed']);

    const closed = await parsePage(setup.bot, setup.closed);
    expect(visibleText(closed.html)).toContain('Only the partnerships in these stages: Ended, Declined.');
    expect(tables(closed.html)).toHaveLength(1);
    expect(rows(tables(closed.html)[0] as string).map((r) => visibleText(r).split(' ')[0])).toEqual(['Closed']);
  });

  it('exports the same table as CSV and JSON without editing', async () => {
    const before = await pageRevisions(setup.bot, setup.main);
    const csv = await runBot(['report', '--format', 'csv', '--today', formatDay(TODAY)], {cwd: setup.cwd});
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFPartner,')).toBe(true);
    expect(csv.stdout).toContain(HOSTILE);
    const json = await runBot(['report', '--format', 'json', '--today', formatDay(TODAY)], {cwd: setup.cwd});
    expect((JSON.parse(json.stdout) as {partnerships: unknown[]}).partnerships).toHaveLength(5);
    expect(await pageRevisions(setup.bot, setup.main)).toHaveLength(before.length);
  });
});

describeWiki('escapeWikitext through the wiki\'s parser', () => {
  // Text full of what wikitext reacts to, mixed with arbitrary Unicode.
  const MARKUP = ['[[', ']]', '{{', '}}', '{{{', '|', '||', '!!', "''", "'''", '~~~~', '__TOC__', '__NOTOC__', '<', '>', '<b>', '</nowiki>', '<!--', '-->',
    '&amp;', '&#91;', '&nbsp;', '=', '==', '*', '#', ':', ';', '----', ' ', '\n', '\t', 'http://example.org', 'mailto:a@b.c', 'ISBN 9782070368228', 'RFC 1234',
    ' ?', ' !', ' :', ' ;', ' %', '« ', '-{', '}-', '\r\n', '\r', '{{Delete}}', '[[Category:Hacked]]', '<script>alert(1)</script>', '\u007f', '\u0000', 'e\u0301', '\u00a0', '\u2028'];
  const markupText = fc.array(fc.oneof(fc.constantFrom(...MARKUP), fc.string({unit: 'grapheme', maxLength: 6})), {maxLength: 10}).map((parts) => parts.join(''));

  /** Each sample where the report puts user text: running text, a table cell, a link label. */
  const CONTEXTS = {
    text: {wrap: (i: number, w: string) => `<div id="probe-${i}">${w}</div>`, find: (i: number) => new RegExp(`<div id="probe-${i}">([^<]*)</div>`)},
    cell: {wrap: (i: number, w: string) => `{|\n|-\n| id="probe-${i}" | ${w}\n|}`, find: (i: number) => new RegExp(`<td id="probe-${i}">([^<]*?)\\n?</td>`)},
    label: {wrap: (i: number, w: string) => `<div id="probe-${i}">[[:Main Page|${w}]]</div>`, find: (i: number) => new RegExp(`<div id="probe-${i}"><a [^>]*>([^<]*)</a></div>`)},
  } as const;

  it.each(Object.keys(CONTEXTS) as (keyof typeof CONTEXTS)[])('property: the wiki shows exactly the text, and nothing more (%s)', async (context) => {
    const bot = await testClient();
    const {wrap, find} = CONTEXTS[context];
    // An empty link label would be the pipe trick; the report never writes one.
    const samples = fc.sample(markupText.filter((t) => context !== 'label' || carriedText(t) !== ''), {numRuns: 400, seed: 20261121});
    for (let start = 0; start < samples.length; start += 200) {
      const batch = samples.slice(start, start + 200);
      const wikitext = batch.map((text, i) => wrap(i, escapeWikitext(text))).join('\n');
      const response = await bot.request({action: 'parse', text: wikitext, contentmodel: 'wikitext', prop: 'text|categories|templates|links', disablelimitreport: true},
        {method: 'post'});
      expect(response.parse.categories ?? []).toEqual([]);
      expect(response.parse.templates ?? []).toEqual([]);
      expect((response.parse.links ?? []).filter((l: {title: string}) => l.title !== 'Main Page')).toEqual([]);
      const html = String(response.parse.text);
      for (const [i, text] of batch.entries()) {
        const match = find(i).exec(html);
        expect([text, match === null ? 'element inside or probe missing' : htmlText(match[1] as string)]).toEqual([text, carriedText(text)]);
      }
    }
  });
});
