import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';

/** MediaWiki's parserTests.txt, from ../shared/corpus beside the checkout (CI has it there). */
export const CORPUS_PATH = path.resolve(__dirname, '../../../shared/corpus/mediawiki-parserTests.txt');

/** Every `!! wikitext` (and `!! wikitext/edited`) section, in file order. */
export function corpusCases(): string[] {
  if (!existsSync(CORPUS_PATH)) {
    throw new Error(`the wikitext corpus is missing: expected ${CORPUS_PATH} (the project's shared/ folder beside the checkout)`);
  }
  const lines = readFileSync(CORPUS_PATH, 'utf8').split('\n');
  const cases: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^!!\s*wikitext(\/edited)?\s*$/.test(lines[i] ?? '')) continue;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('!!'); i++) body.push(lines[i]!);
    i--;
    cases.push(body.join('\n'));
  }
  return cases;
}
