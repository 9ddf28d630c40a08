/**
 * Rewrites the <templatedata> block of wiki/Template:Partnership/doc.wikitext from the model
 * (shared/model/templatedata.ts). Nothing else in the file changes.
 *
 *   npx ts-node --transpile-only scripts/generate-templatedata.ts           # rewrite the file
 *   npx ts-node --transpile-only scripts/generate-templatedata.ts --check   # exit 1 if out of date
 */
import {readFileSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {withTemplateDataBlock} from '../shared/model/templatedata';

export const DOC_PATH = join(__dirname, '..', 'wiki', 'Template:Partnership', 'doc.wikitext');

function main(args: readonly string[]): number {
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`generate-templatedata: unknown argument: ${unknown[0]} (only --check)\n`);
    return 2;
  }
  const shown = relative(process.cwd(), DOC_PATH) || DOC_PATH;
  let before: string;
  let after: string;
  try {
    before = readFileSync(DOC_PATH, 'utf8');
    after = withTemplateDataBlock(before);
  } catch (error) {
    process.stderr.write(`generate-templatedata: ${shown}: ${(error as Error).message}\n`);
    return 2;
  }
  if (after === before) {
    process.stdout.write(`${shown}: TemplateData is up to date\n`);
    return 0;
  }
  if (args.includes('--check')) {
    process.stderr.write(`${shown}: TemplateData is out of date; run: npx ts-node --transpile-only scripts/generate-templatedata.ts\n`);
    return 1;
  }
  writeFileSync(DOC_PATH, after);
  process.stdout.write(`${shown}: TemplateData rewritten\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
