import Parser from 'wikiparser-node';
import {REPORT_END, REPORT_START} from '../../../shared/report/markers';
import {reportMessages} from '../../../shared/report/messages';
import {renderReport} from '../../../shared/report/wikitext';
import {model} from './fixtures';

const UPDATED = new Date('2026-11-21T09:30:00Z');
const render = (language = 'en', ...args: Parameters<typeof model>) => renderReport(model(...args), reportMessages(language), {updated: UPDATED});

interface Node {
  readonly type: string;
  readonly name?: string;
  readonly childNodes?: readonly Node[];
  toString(): string;
}

function nodes(wikitext: string): Node[] {
  const all: Node[] = [];
  const walk = (node: Node) => {
    all.push(node);
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(Parser.parse(wikitext) as unknown as Node);
  return all;
}

/** The lines of the table row whose first cell links to `page`. */
function rowOf(wikitext: string, page: string): string {
  const rows = wikitext.split('\n|-\n');
  const row = rows.find((r) => r.startsWith(`| [[:${page}`));
  if (!row) throw new Error(`no row for ${page}`);
  return row.split('\n|}')[0] as string;
}

describe('renderReport', () => {
  const text = render();

  it('is one block between the bot\'s markers, with the three parts in order', () => {
    expect(text.startsWith(`${REPORT_START}\n`)).toBe(true);
    expect(text.endsWith(`\n${REPORT_END}`)).toBe(true);
    const headings = text.split('\n').filter((l) => l.startsWith('='));
    expect(headings).toEqual(['== Summary ==', '== Needs attention ==', '=== Errors (1) ===', '=== Templates that cannot be read (2) ===', '=== Warnings (2) ===', '== All partnerships (5) ==']);
    expect(text).toContain('Last updated: 2026-11-21 09&#58;30 (UTC)');
  });

  it('draws the funnel in lifecycle order with bars as wide as their share of the largest stage', () => {
    const funnel = text.slice(text.indexOf('Partnerships by stage'), text.indexOf('== Needs attention'));
    const labels = [...funnel.matchAll(/text-align:end;white-space:nowrap[^|]*\| (.+)/g)].map((m) => m[1]);
    expect(labels).toEqual(['Prospect', 'First contact', 'Assessment', 'Outreach', 'Negotiation', 'Active', 'Debrief', 'Evaluation', 'On hold', 'Ended', 'Declined', 'Stage missing or unknown']);
    expect(funnel).toContain('width:100%;height:1.3em;margin:0 auto;border-radius:2px;background:#36c');
    expect(funnel).toContain('background:#14866d');
  });

  it('links each partnership to its page and section', () => {
    expect(text).toContain('[[:WMFR/Louvre#Museum|Musée du Louvre]]');
    expect(text).toContain('[[:WMFR/BnF|BnF]]');
    expect(text).toContain('[[User:Alice|Alice]]');
  });

  it('makes a sortable table with numeric sort values, highlighting stale stages and overdue actions', () => {
    expect(text).toContain('{| class="wikitable sortable partnership-report-table"');
    expect(text).toContain('! data-sort-type="number" | Days in stage');
    const bnf = rowOf(text.slice(text.indexOf('== All partnerships')), 'WMFR/BnF');
    expect(bnf).toContain('| data-sort-value="204" style="background:#fef6e7;color:#6d4c00;font-weight:bold" | ⚠ 204');
    expect(bnf).toContain('stale</span>');
    const louvre = rowOf(text.slice(text.indexOf('== All partnerships')), 'WMFR/Louvre');
    expect(louvre).toContain('| data-sort-value="324" | 324');
    expect(louvre).toContain('| data-sort-value="2026-11-01" style="background:#fee7e6" | Plan the edit-a-thon<br /><span style="color:#b32424;font-weight:bold">⚠ due 2026-11-01</span>');
    expect(louvre).toContain('| data-sort-value="2026-11-01" style="white-space:nowrap" | 2026-11-01');
    expect(louvre).toContain('✓ Backup contact named');
  });

  it('folds ended and declined partnerships into a collapsed section at the end', () => {
    const closed = text.slice(text.indexOf('mw-collapsible mw-collapsed'));
    expect(closed).toContain('Ended and declined (1)');
    expect(closed).toContain('[[:WMDE/Archiv|Bundesarchiv]]');
    expect(text.indexOf('[[:WMDE/Archiv|')).toBeGreaterThan(text.indexOf('mw-collapsible mw-collapsed'));
  });

  it('lists templates that cannot be read with their page and field', () => {
    const unreadable = text.slice(text.indexOf('=== Templates that cannot be read'), text.indexOf('=== Warnings'));
    expect(unreadable).toContain('[[:WMDE/Broken|WMDE/Broken]]');
    expect(unreadable).toContain('<code>stage_since</code>');
    expect(unreadable).toContain('last spring');
  });

  it('lets no user value add a category, a template, an extension tag or an unexpected element', () => {
    const parsed = nodes(text);
    expect(parsed.filter((n) => ['template', 'magic-word', 'category', 'ext', 'arg', 'double-underscore', 'free-ext-link', 'ext-link', 'quote'].includes(n.type))).toEqual([]);
    const elements = new Set(parsed.filter((n) => n.type === 'html').map((n) => n.name));
    expect([...elements].sort()).toEqual(['br', 'code', 'div', 'span']);
    const targets = parsed.filter((n) => n.type === 'link-target').map(String);
    expect(targets.every((t) => t.startsWith(':') || t.startsWith('User:'))).toBe(true);
    expect(text).toContain('Evil &#60;script&#62;alert(1)&#60;/script&#62; &#91;&#91;Category&#58;Hacked&#93;&#93; &#123;&#123;Delete&#125;&#125;');
  });

  it('writes headings and labels in the wiki\'s language, right to left for Arabic by the wiki itself', () => {
    const french = render('fr');
    expect(french).toContain('== Synthèse ==');
    expect(french).toContain('=== Avertissements (2) ===');
    expect(french).toContain('! data-sort-type="number" | Jours à l\'étape');
    expect(french).toMatch(/À l'étape «\S{0,6}\s?negotiation\s?\S{0,6}» depuis 204 jours/);
    expect(render('ar')).toContain('== ملخص ==');
    expect(render('zh-hant')).toContain('== 概况 ==');
    expect(render('de')).toContain('== Summary ==');
  });

  it('describes its filter', () => {
    const filtered = render('en', {affiliate: 'Wikimedia Deutschland', stages: ['ended']});
    expect(filtered).toContain('Only the partnerships led by Wikimedia Deutschland.');
    expect(filtered).toContain('Only the partnerships in these stages: Ended.');
    expect(filtered).not.toContain('Museum');
  });

  it('says so when there is nothing to show', () => {
    const empty = render('en', {affiliate: 'Nobody'});
    expect(empty).toContain('✓ No errors.');
    expect(empty).toContain('No partnerships found.');
    expect(empty).not.toContain('wikitable sortable');
  });
});
