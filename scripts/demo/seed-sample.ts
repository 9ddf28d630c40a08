/**
 * Puts the demo's sample partnerships on the demo wiki, once: a second `npm run demo` keeps what
 * people changed there.
 */
import {existsSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {dayOf} from '../../shared/model/dates';
import {seedWiki} from '../seed-wiki';
import {samplePages} from './sample';

const wikiDir = process.argv[2] ?? '.dev-wiki/demo';
const marker = path.join(wikiDir, '.sample-imported');
if (existsSync(marker)) {
  console.log('Sample partnerships: already imported (npm run demo -- reset starts over)');
} else {
  const pages = samplePages(dayOf(new Date()));
  seedWiki(wikiDir, pages);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  console.log(`Sample partnerships: imported ${pages.length} pages`);
}
