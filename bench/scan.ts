/**
 * npm run bench [-- --pages N] [-- --json]
 * Seeds a local wiki with N synthetic partnership pages (MediaWiki's importDump.php), then
 * measures in one run: (a) our full scan, (b) the floor: the same texts in the fewest requests
 * and no processing, (c) mwn read() + parseTemplates, (d) a re-scan with nothing changed.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {dayOf} from '../shared/model/dates';
import {seedWiki} from '../scripts/seed-wiki';
import {realisticPage} from './pages';

const args = process.argv.slice(2);
const count = Number(args[args.indexOf('--pages') + 1] ?? 0) || 2000;
const json = args.includes('--json');
const root = path.resolve(__dirname, '..', '..');
const wikiDir = path.join(root, '.dev-wiki', 'bench');
const port = process.env.PT_BENCH_PORT ?? '8095';
const log = (text: string) => {
  if (!json) console.error(text);
};

function ensureWiki(): void {
  log(`Starting the benchmark wiki in ${wikiDir} on port ${port}`);
  execFileSync('bash', [path.join(root, 'scripts', 'dev-wiki.sh'), 'up', '--dir', wikiDir, '--port', port], {stdio: json ? 'ignore' : ['ignore', 'ignore', 'inherit']});
  const marker = path.join(wikiDir, '.bench-pages');
  const seeded = existsSync(marker) ? Number(readFileSync(marker, 'utf8')) : 0;
  if (seeded < count) {
    log(`Seeding pages ${seeded}…${count - 1} with importDump.php`);
    const today = dayOf(new Date());
    const pages = Array.from({length: count - seeded}, (_, i) => realisticPage(seeded + i, today));
    // One import and one links refresh: refreshing after each chunk would redo every earlier page.
    seedWiki(wikiDir, pages);
    writeFileSync(marker, String(count));
  }
}

interface Measure {
  mode: string;
  pages: number;
  requests: number;
  seconds: number;
  cpu_ms_per_page: number;
  rss_mb: number;
}

function measure(mode: string, cwd: string): Measure {
  const output = execFileSync(process.execPath, [path.join(__dirname, 'scan-run.js'), mode, cwd], {
    env: {...process.env, ...Object.fromEntries(readFileSync(path.join(wikiDir, 'bot.env'), 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)))},
    encoding: 'utf8', maxBuffer: 1 << 24,
  });
  return JSON.parse(output.trim().split('\n').pop() as string) as Measure;
}

ensureWiki();
const cwd = path.join(wikiDir, 'bench-cwd');
rmSync(cwd, {recursive: true, force: true});
mkdirSync(cwd, {recursive: true});
writeFileSync(path.join(cwd, 'partnership-bot.config.json'), JSON.stringify({statePath: path.join(cwd, 'state')}));

// The bench template page must exist for embeddedin to list the pages: install it once.
const full = measure('full', cwd);
const floor = measure('floor', cwd);
const naive = measure('naive', cwd);
const rerun = measure('rerun', cwd);
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const result = {
  pages: full.pages,
  full: {requests: full.requests, seconds: round(full.seconds), cpu_ms_per_page: round(full.cpu_ms_per_page), rss_mb: round(full.rss_mb, 1)},
  floor: {requests: floor.requests, seconds: round(floor.seconds)},
  naive: {requests: naive.requests, seconds: round(naive.seconds)},
  rerun: {requests: rerun.requests, seconds: round(rerun.seconds)},
  ratio_full_to_floor: round(full.seconds / floor.seconds),
};
if (json) {
  console.log(JSON.stringify(result));
} else {
  const rows = [
    ['(a) full scan', full.requests, full.seconds, `${round(full.cpu_ms_per_page)} ms CPU/page, peak RSS ${round(full.rss_mb, 1)} MB`],
    ['(b) floor', floor.requests, floor.seconds, 'texts only, no processing'],
    ['(c) mwn read() + parseTemplates', naive.requests, naive.seconds, ''],
    ['(d) re-scan, nothing changed', rerun.requests, rerun.seconds, ''],
  ] as const;
  console.log(`${result.pages} pages`);
  console.log(`${'measure'.padEnd(34)} ${'requests'.padStart(8)} ${'seconds'.padStart(8)}  notes`);
  for (const [name, requests, seconds, notes] of rows) console.log(`${name.padEnd(34)} ${String(requests).padStart(8)} ${seconds.toFixed(2).padStart(8)}  ${notes}`);
  console.log(`ratio full/floor: ${result.ratio_full_to_floor}; re-scan target: ≤ ${Math.ceil(result.pages / 500) + 3} requests and ≤ ${round(full.seconds / 10)} s`);
}
