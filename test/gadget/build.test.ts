import {existsSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import * as esbuild from 'esbuild';
import {nodeWikitextTools} from '../../bot/wikitext';
import {browserScript, buildGadget, FORM_BUDGET, gadgetDefinition, LOADER_BUDGET, type BuildResult} from '../../scripts/build-gadget';
import {checkPartnerships, readPartnerships} from '../../shared/check';
import en from '../../i18n/core/en.json';
import {parseWikitext} from '../../gadget/parser';
import {createMessages} from '../../shared/i18n/messages';
import type {WikitextTools} from '../../shared/wikitext/edit';
import type {WikitextParser} from '../../shared/wikitext/syntax-tree';
import {templateMatcher} from '../../shared/wikitext/template-name';
import {parseIsoDate, type Day} from '../../shared/model/dates';
import {DEFAULT_RULES_CONFIG} from '../../shared/rules/config';
import {editPartnership, EditRefused} from '../../shared/wikitext/edit';
import {corpusCases} from '../helpers/corpus';

const ROOT = path.resolve(__dirname, '..', '..');
interface EsCore {
  readonly parseWikitext: WikitextParser;
  readonly templateMatcher: typeof templateMatcher;
  readonly editPartnership: typeof editPartnership;
  readonly readPartnerships: typeof readPartnerships;
  readonly checkPartnerships: typeof checkPartnerships;
  readonly createMessages: typeof createMessages;
  readonly EditRefused: typeof EditRefused;
}
const TS_CORE: EsCore = {parseWikitext, templateMatcher, editPartnership, EditRefused, readPartnerships, checkPartnerships, createMessages};
const CORE_KEYS = Object.keys(en).filter((k) => k !== '@metadata');
const MEDIAWIKI_JSMINPLUS = path.join(process.env.MW_INSTALL_PATH ?? '/usr/share/mediawiki', 'includes', 'libs', 'jsminplus.php');

describe('the gadget build', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'pt-gadget-'));
  let result: BuildResult;

  beforeAll(async () => {
    result = await buildGadget({root: out, quiet: true});
  }, 120_000);

  it('keeps the loader and the form within their gzip budgets', () => {
    expect(result.loaderGzip).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(result.formGzip).toBeLessThanOrEqual(FORM_BUDGET);
  });

  it('writes every page to install, each script and style guarded by <nowiki>', () => {
    const wiki = path.join(out, 'wiki');
    for (const name of ['partnership.js', 'partnership-form.js', 'partnership-form.css', ...['en', 'fr', 'es', 'ar', 'ru', 'zh'].map((l) => `partnership-form-i18n-${l}.js`)]) {
      const text = readFileSync(path.join(wiki, `MediaWiki:Gadget-${name}`), 'utf8');
      expect(text.startsWith('/* <nowiki> */\n')).toBe(true);
      expect(text.endsWith('\n/* </nowiki> */\n')).toBe(true);
      expect(text.slice(15, -17)).not.toContain('</nowiki>');
    }
    expect(readFileSync(path.join(wiki, 'MediaWiki:Gadget-partnership.wikitext'), 'utf8')).toContain('Partnership Tracker');
    expect(readFileSync(path.join(wiki, 'MediaWiki:Gadget-partnership', 'fr.wikitext'), 'utf8')).toContain('Suivi des partenariats');
    expect(readFileSync(path.join(out, 'gadget', 'definition.txt'), 'utf8')).toBe(gadgetDefinition());
  });

  it('defines the loader on by default and the form hidden, with the modules it needs', () => {
    const lines = gadgetDefinition().split('\n');
    expect(lines[0]).toBe('== partnership-tracker ==');
    expect(lines[1]).toBe('* partnership[ResourceLoader|default|requiresES6|dependencies=mediawiki.util]|partnership.js');
    expect(lines[2]).toMatch(/^\* partnership-form\[ResourceLoader\|hidden\|requiresES6\|dependencies=oojs-ui-core,oojs-ui-widgets,oojs-ui-windows,mediawiki\.api,mediawiki\.util,mediawiki\.widgets\.DateInputWidget,mediawiki\.diff\.styles\]\|partnership-form\.js\|partnership-form\.css$/);
    expect(lines.filter((l) => l.includes('-i18n-'))).toHaveLength(6);
  });

  it('writes ES5, which MediaWiki 1.39 requires of gadgets', async () => {
    for (const name of ['partnership.js', 'partnership-form.js', 'partnership-form-i18n-ar.js']) {
      const code = readFileSync(path.join(out, 'gadget', name), 'utf8');
      // esbuild refuses to print newer syntax for an ES5 target.
      await expect(esbuild.transform(code, {target: 'es5', loader: 'js'})).resolves.toBeDefined();
    }
    // And MediaWiki's own check, where MediaWiki is installed (as for the integration tests).
    expect(result.jsMinPlus).toBe(existsSync(MEDIAWIKI_JSMINPLUS) ? 'ok' : null);
  });
});

describe('the ES5 lowering of the shared core', () => {
  // The code the gadget runs is not the TypeScript the unit tests run: it is lowered to ES5 with
  // loops over Maps and Sets rewritten (scripts/build-gadget.ts). It must behave the same.
  const entry = path.join(mkdtempSync(path.join(os.tmpdir(), 'pt-es5-')), 'entry.ts');
  writeFileSync(entry, [
    `import {parseWikitext} from ${JSON.stringify(path.join(ROOT, 'gadget/parser'))};`,
    `import {templateMatcher} from ${JSON.stringify(path.join(ROOT, 'shared/wikitext/template-name'))};`,
    `import {editPartnership, EditRefused} from ${JSON.stringify(path.join(ROOT, 'shared/wikitext/edit'))};`,
    `import {readPartnerships, checkPartnerships} from ${JSON.stringify(path.join(ROOT, 'shared/check'))};`,
    `import {createMessages} from ${JSON.stringify(path.join(ROOT, 'shared/i18n/messages'))};`,
    `(globalThis as any).ptCore = {parseWikitext, templateMatcher, editPartnership, EditRefused, readPartnerships, checkPartnerships, createMessages};`,
  ].join('\n'));
  const tools = nodeWikitextTools(['Partnership']);
  const today = parseIsoDate('2026-11-21') as Day;
  const EMBEDDED = '{{Partnership\n| partner = Corpus partner\n| stage = negotiation\n| stage_since = 2026-01-01\n| contact_left = 2026-02-30\n| notes = kept\n| notes = twice\n}}';

  it('reads, checks and edits every parser-test case exactly as the TypeScript does', async () => {
    const context = vm.createContext({});
    vm.runInContext(await browserScript(entry), context);
    const core = (context as unknown as {ptCore: EsCore}).ptCore;
    const es5Tools: WikitextTools = {parse: core.parseWikitext, matches: core.templateMatcher(['Partnership'])};
    // Message keys as messages: the findings are compared by key and parameters.
    const keysAsMessages = (create: typeof createMessages) => create('en', {en: Object.fromEntries(CORE_KEYS.map((k) => [k, k]))});
    const differences: number[] = [];
    for (const [n, text] of corpusCases().entries()) {
      const page = {title: `Case ${n}`, text: `${text}\n${EMBEDDED}`};
      const run = (impl: EsCore, t: WikitextTools) => {
        const partnerships = impl.readPartnerships(page, t);
        const findings = impl.checkPartnerships(partnerships, {today, rules: DEFAULT_RULES_CONFIG, messages: keysAsMessages(impl.createMessages)});
        let edited: string;
        try {
          edited = impl.editPartnership(page.text, Math.max(partnerships.length - 1, 0), {stage: 'active', backup_contact: 'A | B', notes: ''}, t).text;
        } catch (error) {
          edited = `refused: ${(error as Error).message}`;
        }
        return JSON.stringify({partnerships, findings, edited});
      };
      if (run(TS_CORE, tools) !== run(core, es5Tools)) differences.push(n);
    }
    expect(differences).toEqual([]);

    // Errors keep their class in ES5 (the form tells a refused value from a failure by it).
    let refusal: unknown;
    try {
      core.editPartnership('{{Partnership|partner=A}}', 0, {notes: 'a }} b'}, es5Tools);
    } catch (error) {
      refusal = error;
    }
    expect(refusal instanceof core.EditRefused).toBe(true);
    expect((refusal as EditRefused).code).toBe('breaks-template');
  }, 120_000);
});
