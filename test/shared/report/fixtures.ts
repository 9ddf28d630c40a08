import {nodeWikitextTools} from '../../../bot/wikitext';
import {checkPages, type CheckResult, type PageInput} from '../../../shared/check';
import {coreMessages} from '../../../shared/i18n/core';
import {parseIsoDate, type Day} from '../../../shared/model/dates';
import {buildReport, type ReportFilter, type ReportModel, type UnreadablePage} from '../../../shared/report/model';
import {templateSections} from '../../../shared/report/sections';
import {DEFAULT_RULES_CONFIG} from '../../../shared/rules/config';

export const TODAY = parseIsoDate('2026-11-21') as Day;
export const tools = nodeWikitextTools(['Partnership']);
export const HOSTILE = 'Evil <script>alert(1)</script> [[Category:Hacked]] {{Delete}}';

export function template(params: Record<string, string>): string {
  return `{{Partnership\n${Object.entries(params).map(([k, v]) => `| ${k} = ${v}`).join('\n')}\n}}`;
}

/** A few partnerships covering each column and highlight of the report. */
export const PAGES: readonly PageInput[] = [
  {title: 'WMFR/Louvre', text: `Intro.\n== Museum ==\n${template({partner: 'Musée du Louvre', affiliate: 'Wikimédia France', stage: 'active', stage_since: '2026-01-01',
    coordinator: 'Alice', coordinator2: 'User:Bruno', contact: 'Jeanne', backup_contact: 'Paul', agreement_signed: '2025-01-01', last_event: '2026-11-01',
    last_evaluation: '2026-02-01', next_action: 'Plan the edit-a-thon', next_action_due: '2026-11-01'})}`},
  {title: 'WMFR/BnF', text: template({partner: 'BnF', affiliate: 'wikimédia france', stage: 'negotiation', stage_since: '2026-05-01', coordinator: 'Alice'})},
  {title: 'WMDE/Archiv', text: template({partner: 'Bundesarchiv', affiliate: 'Wikimedia Deutschland', stage: 'ended', coordinator: 'Greta'})},
  {title: 'WMDE/Broken', text: template({partner: 'Stadtbibliothek', affiliate: 'Wikimedia Deutschland', stage: 'activ', stage_since: 'last spring'})},
  // The hostile name is written as the sample writes it: braces as references, so the template does not run it.
  {title: 'WMAR/Evil', text: `== Prospects ==\n${template({partner: HOSTILE.replace('{{Delete}}', '&#123;&#123;Delete&#125;&#125;'), affiliate: 'Wikimedia Argentina',
    stage: 'prospect', stage_since: '2026-11-16', coordinator: 'Diego', next_action: '=HYPERLINK("http://evil.example")'})}`},
];

export function check(pages: readonly PageInput[] = PAGES): CheckResult {
  return checkPages(pages, {today: TODAY, rules: DEFAULT_RULES_CONFIG, tools, messages: coreMessages('en')});
}

export function model(filter: ReportFilter = {}, unreadable: readonly UnreadablePage[] = [], pages: readonly PageInput[] = PAGES): ReportModel {
  const sections = new Map(pages.map((p) => [p.title, templateSections(p.text, tools)]));
  return buildReport({result: check(pages), unreadable, filter, sectionOf: (page, index) => sections.get(page)?.[index] ?? null}, TODAY);
}
