/**
 * npm run bench:model [-- --pages N]
 * Reads and checks N realistic pages with the project's reader (wikiparser-node stopped after
 * templates) and, in the same run, fully parses the same pages with wikiparser-node.
 */
import Parser from 'wikiparser-node';
import {checkPages} from '../shared/check';
import {coreMessages} from '../shared/i18n/core';
import {dayOf} from '../shared/model/dates';
import {DEFAULT_RULES_CONFIG} from '../shared/rules/config';
import {nodeWikitextTools} from '../bot/wikitext';
import {realisticPage} from './pages';

const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--pages') + 1] ?? 0) || 3000;
const json = args.includes('--json');
const today = dayOf(new Date('2026-11-21T00:00:00Z'));
const pages = Array.from({length: count}, (_, n) => realisticPage(n, today));
const bytes = pages.reduce((sum, p) => sum + Buffer.byteLength(p.text), 0);
const tools = nodeWikitextTools(['Partnership']);
const options = {today, rules: DEFAULT_RULES_CONFIG, tools, messages: coreMessages('en')};

function time(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// Warm both paths up (JIT, parser configuration) before measuring.
checkPages(pages.slice(0, 50), options);
for (const page of pages.slice(0, 50)) Parser.parse(page.text, false);

let findings = 0;
const ours = time(() => {
  findings = checkPages(pages, options).findings.length;
});
const full = time(() => {
  for (const page of pages) Parser.parse(page.text, false);
});

const result = {
  pages: count,
  kb_per_page: Math.round(bytes / count / 102.4) / 10,
  findings,
  read_and_check_ms_per_page: Math.round((ours / count) * 1000) / 1000,
  full_parse_ms_per_page: Math.round((full / count) * 1000) / 1000,
  ratio_ours_to_full_parse: Math.round((ours / full) * 1000) / 1000,
};
if (json) {
  console.log(JSON.stringify(result));
} else {
  console.log(`${count} pages, ${result.kb_per_page} KB each on average, ${findings} findings`);
  console.log(`read + check (templates only): ${result.read_and_check_ms_per_page.toFixed(3)} ms/page`);
  console.log(`full wikiparser-node parse:    ${result.full_parse_ms_per_page.toFixed(3)} ms/page`);
  console.log(`ratio (ours / full parse):     ${result.ratio_ours_to_full_parse.toFixed(3)}`);
}
