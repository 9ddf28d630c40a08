import {formatDay, type Day} from './model/dates';
import {partnerName, stageLabel, toPartnership, type Partnership} from './model/partnership';
import type {Messages} from './i18n/messages';
import type {RulesConfig} from './rules/config';
import {evaluate} from './rules/evaluate';
import {SEVERITY_ORDER, findingJson, type Finding} from './rules/findings';
import type {NamespaceNames} from './rules/recipients';
import {readTemplates} from './wikitext/reader';
import type {WikitextTools} from './wikitext/edit';

export interface PageInput {
  readonly title: string;
  readonly text: string;
  /** Per template index: when `stage_since` is missing, the date its stage began, from the page history. */
  readonly derivedStageSince?: Readonly<Record<number, Day>>;
}

export interface CheckOptions {
  readonly today: Day;
  readonly rules: RulesConfig;
  readonly tools: WikitextTools;
  readonly messages: Messages;
  readonly namespaces?: NamespaceNames;
}

export interface CheckResult {
  readonly today: Day;
  readonly partnerships: readonly Partnership[];
  readonly findings: readonly Finding[];
}

export function readPartnerships(page: PageInput, tools: WikitextTools): Partnership[] {
  return readTemplates(page.text, tools.parse, tools.matches)
    .map((occurrence) => toPartnership(page.title, occurrence, page.derivedStageSince?.[occurrence.index]));
}

export function checkPartnerships(partnerships: readonly Partnership[], options: Omit<CheckOptions, 'tools'>): Finding[] {
  return partnerships.flatMap((p) => evaluate(p, {...options, config: options.rules}));
}

export function checkPages(pages: readonly PageInput[], options: CheckOptions): CheckResult {
  const partnerships = pages.flatMap((page) => readPartnerships(page, options.tools));
  return {today: options.today, partnerships, findings: checkPartnerships(partnerships, options)};
}

/** The contract's `check --json` object. */
export function checkResultJson(result: CheckResult): Record<string, unknown> {
  return {
    today: formatDay(result.today),
    partnerships: result.partnerships.map((p) => ({
      page: p.page,
      index: p.index,
      partner: partnerName(p),
      stage: stageLabel(p),
      params: p.params,
    })),
    findings: result.findings.map(findingJson),
  };
}

/** Findings of one page, errors first, then by template and rule order. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.index - b.index);
}
