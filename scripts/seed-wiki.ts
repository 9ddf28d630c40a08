import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SeedPage {
  readonly title: string;
  readonly text: string;
}

const MEDIAWIKI = '/usr/share/mediawiki';

function maxPageId(php: (script: string, ...args: string[]) => string): number {
  const output = php('sql.php', '--query', 'SELECT MAX(page_id) AS id FROM page', '--json');
  const match = /"id"\s*:\s*"?(\d+)/.exec(output);
  return match ? Number(match[1]) : 0;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A MediaWiki XML export of the pages, one revision each, by `user`. */
export function exportXml(pages: readonly SeedPage[], user = 'Admin', timestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z')): string {
  const body = pages.map((page) => `  <page>
    <title>${xmlEscape(page.title)}</title>
    <revision>
      <timestamp>${timestamp}</timestamp>
      <contributor><username>${xmlEscape(user)}</username></contributor>
      <comment>Sample partnership</comment>
      <model>wikitext</model>
      <format>text/x-wiki</format>
      <text xml:space="preserve">${xmlEscape(page.text)}</text>
    </revision>
  </page>`).join('\n');
  return `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">\n${body}\n</mediawiki>\n`;
}

/**
 * Imports pages with MediaWiki's own importDump.php (thousands of pages in seconds, no API
 * edits), then refreshes link tables so `list=embeddedin` sees every transclusion at once.
 */
export function seedWiki(wikiDir: string, pages: readonly SeedPage[]): void {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'pt-seed-'));
  try {
    const dump = path.join(tmp, 'pages.xml');
    writeFileSync(dump, exportXml(pages));
    const env = {...process.env, MW_CONFIG_FILE: path.resolve(wikiDir, 'LocalSettings.php')};
    const php = (script: string, ...args: string[]) =>
      execFileSync('php', [path.join(MEDIAWIKI, 'maintenance', script), ...args], {env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26});
    const firstNewId = maxPageId(php) + 1;
    php('importDump.php', '--no-updates', dump);
    // Only the imported pages: earlier ones already have their links.
    php('refreshLinks.php', '--namespace', '0', String(firstNewId));
    php('initSiteStats.php', '--update');
  } finally {
    rmSync(tmp, {recursive: true, force: true});
  }
}
