/**
 * Builds the gadget: bundles gadget/ and shared/ with esbuild, makes the result ES5 (see
 * `toEs5`), wraps each file in <nowiki> guards, and writes
 *   dist/gadget/   the built files and definition.txt (our section of MediaWiki:Gadgets-definition)
 *   dist/wiki/     the pages `partnership-bot install` puts on the wiki
 * It prints each file's size and gzip size, and fails when a budget is exceeded.
 *
 *   npx ts-node --transpile-only scripts/build-gadget.ts      (npm run build:gadget)
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {gzipSync} from 'node:zlib';
import * as esbuild from 'esbuild';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
export const LANGUAGES = ['en', 'fr', 'es', 'ar', 'ru', 'zh'] as const;

/** Gzip budgets, in bytes: the loader runs on every page view; the form only where needed. */
export const LOADER_BUDGET = 3 * 1024;
export const FORM_BUDGET = 45 * 1024;

export const GADGET = 'partnership';
export const FORM_GADGET = 'partnership-form';
export const SECTION = 'partnership-tracker';
const i18nGadget = (lang: string) => `${FORM_GADGET}-i18n-${lang}`;

/**
 * ResourceLoader modules the form uses. MediaWiki 1.39 has all of them; so do current wikis.
 * (`mediawiki.util` and `mediawiki.api` for links and saving, OOUI for the dialog, the date
 * picker, and the diff styles for the review step.)
 */
const FORM_DEPENDENCIES = ['oojs-ui-core', 'oojs-ui-widgets', 'oojs-ui-windows', 'mediawiki.api', 'mediawiki.util',
  'mediawiki.widgets.DateInputWidget', 'mediawiki.diff.styles'];

/**
 * Our section of MediaWiki:Gadgets-definition. The loader is on by default (it does nothing on
 * pages without a partnership box); the rest is hidden and loaded on demand. `requiresES6` is
 * for wikis whose Gadgets extension knows it (1.40): the code is ES5 syntax, but needs ES2017
 * built-ins, which the loader also tests for before loading anything (1.39 ignores the flag).
 */
export function gadgetDefinition(): string {
  const es6 = 'requiresES6';
  return [
    `== ${SECTION} ==`,
    `* ${GADGET}[ResourceLoader|default|${es6}|dependencies=mediawiki.util]|${GADGET}.js`,
    `* ${FORM_GADGET}[ResourceLoader|hidden|${es6}|dependencies=${FORM_DEPENDENCIES.join(',')}]|${FORM_GADGET}.js|${FORM_GADGET}.css`,
    ...LANGUAGES.map((l) => `* ${i18nGadget(l)}[ResourceLoader|hidden|${es6}]|${i18nGadget(l)}.js`),
    '',
  ].join('\n');
}

type Bundle = Readonly<Record<string, string>>;

function readBanana(dir: string, lang: string): Bundle {
  const file = path.join(ROOT, 'i18n', dir, `${lang}.json`);
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(json).filter((e): e is [string, string] => e[0] !== '@metadata' && typeof e[1] === 'string'));
}

/** Messages only the build (gadget descriptions) or the loader use: not shipped with the form. */
const NOT_IN_FORM = /^pt-gadget-(definition-|new)/;

/** Gadget sources must not use what the browser bundle leaves out of shared/ (see `trimmedSource`). */
const LEFT_OUT = /\b(?:spec|STAGE_INFO\[[^\]]+\]|PARAMS\[[^\]]+\])\??\.(?:label|description|example)\b|\bpartnershipSchema\b/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * shared/ as the browser bundle gets it. Two things the form never uses would cost ~3 KB gzip:
 * the English labels, descriptions and examples of shared/model/params.ts and stages.ts (for
 * TemplateData, the documentation and the bot; the form shows translated messages) become empty
 * strings, and `partnershipSchema` (the whole template as one zod object) goes, and with it
 * zod's object schemas. The build fails if gadget/ code uses either.
 */
function trimmedSource(file: string): string {
  const text = readFileSync(file, 'utf8');
  const relative = path.relative(ROOT, file).split(path.sep).join('/');
  const docs = relative === 'shared/model/params.ts' || relative === 'shared/model/stages.ts';
  const schema = relative === 'shared/model/schema.ts';
  if (!docs && !schema) return text;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const cuts: [number, number, string][] = [];
  const visit = (node: ts.Node): void => {
    if (docs && ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && ['label', 'description', 'example'].includes(node.name.text)
      && (ts.isStringLiteral(node.initializer) || ts.isNoSubstitutionTemplateLiteral(node.initializer) || ts.isTemplateExpression(node.initializer))) {
      cuts.push([node.initializer.getStart(source), node.initializer.getEnd(), "''"]);
    }
    if (schema && ts.isVariableStatement(node) && node.declarationList.declarations.some((d) => d.name.getText(source) === 'partnershipSchema')) {
      cuts.push([node.getStart(source), node.getEnd(), '']);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let trimmed = text;
  for (const [start, end, by] of cuts.sort((a, b) => b[0] - a[0])) trimmed = `${trimmed.slice(0, start)}${by}${trimmed.slice(end)}`;
  return trimmed;
}

function browserSources(): esbuild.Plugin {
  for (const file of tsFiles(path.join(ROOT, 'gadget'))) {
    if (LEFT_OUT.test(readFileSync(file, 'utf8'))) throw new Error(`${file} uses what the gadget bundle leaves out of shared/`);
  }
  return {
    name: 'browser-sources',
    setup(build) {
      build.onLoad({filter: /[\\/]shared[\\/]model[\\/](params|stages|schema)\.ts$/}, (args) => ({contents: trimmedSource(args.path), loader: 'ts'}));
    },
  };
}

/**
 * `import {z} from 'zod/mini'` imports zod's namespace object, which esbuild cannot tree-shake
 * (it pulled in every locale: ~60 KB gzip). The shim exports an object with only the functions
 * the bundled sources call (`z.<name>(`); one zod/mini lacks fails the build.
 */
function zodMiniShim(): esbuild.Plugin {
  const used = new Set<string>();
  for (const file of [...tsFiles(path.join(ROOT, 'shared')), ...tsFiles(path.join(ROOT, 'gadget'))]) {
    for (const match of trimmedSource(file).matchAll(/\bz\.([a-zA-Z]+)\(/g)) used.add(match[1] as string);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const available = new Set(Object.keys(require('zod/mini') as object));
  const missing = [...used].filter((name) => !available.has(name));
  if (missing.length > 0) throw new Error(`zod/mini has no ${missing.join(', ')}`);
  const names = [...used].sort().join(', ');
  return {
    name: 'zod-mini-shim',
    setup(build) {
      build.onResolve({filter: /^zod\/mini$/}, () => ({path: 'zod-mini', namespace: 'zod-mini-shim'}));
      build.onLoad({filter: /.*/, namespace: 'zod-mini-shim'}, () => ({
        contents: `import {${names}} from 'zod/v4/mini';\nexport const z = {${names}};\n`,
        resolveDir: ROOT,
        loader: 'js',
      }));
    },
  };
}

const RESERVED = new Set(('break case catch class const continue debugger default delete do else enum export extends false finally for '
  + 'function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static '
  + 'implements interface package private protected public').split(' '));

/**
 * MediaWiki 1.39 checks gadget scripts with JSMinPlus, an ES5 parser older than ES5 in one
 * respect: an object literal's getter or setter must have a plain identifier as its name
 * (`get "~standard"()`, used by zod, is refused). Those become Object.defineProperty calls.
 */
const accessorsForJsMinPlus: ts.TransformerFactory<ts.SourceFile> = (context) => {
  const f = context.factory;
  const plain = (name: ts.PropertyName) => ts.isIdentifier(name) && !RESERVED.has(name.text);
  const visit = (node: ts.Node): ts.Node => {
    const visited = ts.visitEachChild(node, visit, context);
    if (!ts.isObjectLiteralExpression(visited)) return visited;
    const odd = visited.properties.filter((p): p is ts.AccessorDeclaration => ts.isAccessor(p) && !plain(p.name));
    if (odd.length === 0) return visited;
    const byKey = new Map<string, {key: ts.Expression; parts: ts.PropertyAssignment[]}>();
    for (const accessor of odd) {
      const name = accessor.name;
      const key = ts.isComputedPropertyName(name) ? name.expression
        : ts.isIdentifier(name) || ts.isPrivateIdentifier(name) ? f.createStringLiteral(name.text) : name as ts.Expression;
      const id = ts.isComputedPropertyName(name) ? `computed:${byKey.size}` : (name as ts.Identifier).text;
      const entry = byKey.get(id) ?? {key, parts: []};
      const fn = f.createFunctionExpression(undefined, undefined, undefined, undefined, accessor.parameters, undefined, accessor.body ?? f.createBlock([]));
      entry.parts.push(f.createPropertyAssignment(ts.isGetAccessor(accessor) ? 'get' : 'set', fn));
      byKey.set(id, entry);
    }
    let expression: ts.Expression = f.createObjectLiteralExpression(visited.properties.filter((p) => !odd.includes(p as ts.AccessorDeclaration)), true);
    for (const {key, parts} of byKey.values()) {
      expression = f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'defineProperty'), undefined, [
        expression, key, f.createObjectLiteralExpression([...parts, f.createPropertyAssignment('enumerable', f.createTrue()), f.createPropertyAssignment('configurable', f.createTrue())]),
      ]);
    }
    return expression;
  };
  return (file) => ts.visitNode(file, visit) as ts.SourceFile;
};

/** The one helper `iterablesAsArrays` needs: iterate anything iterable as an array (arrays as they are). */
const ITER_HELPER = '__ptIter';
const ITER_HELPER_SOURCE = `function ${ITER_HELPER}(x) { return Array.isArray(x) ? x : Array.from(x); }\n`;

/**
 * TypeScript lowers `for…of` and spreads over any iterable (`downlevelIteration`) to iterator
 * protocol code with try/finally at every loop: several kilobytes over this bundle. Instead,
 * each iterated or spread value goes through `__ptIter`, which gives an array (Array.from of a
 * Map, Set or string), and TypeScript lowers the loop as a plain index loop. The difference:
 * a Map or Set is iterated as it was when the loop began, not live; none of the bundled code
 * adds to a collection it is iterating (test/gadget/build.test.ts runs the lowered code on the
 * whole parser-test corpus against the TypeScript sources).
 */
const iterablesAsArrays: ts.TransformerFactory<ts.SourceFile> = (context) => {
  const f = context.factory;
  const wrap = (e: ts.Expression) => f.createCallExpression(f.createIdentifier(ITER_HELPER), undefined, [e]);
  const visit = (node: ts.Node): ts.Node => {
    const visited = ts.visitEachChild(node, visit, context);
    if (ts.isForOfStatement(visited)) return f.updateForOfStatement(visited, visited.awaitModifier, visited.initializer, wrap(visited.expression), visited.statement);
    if (ts.isSpreadElement(visited)) return f.updateSpreadElement(visited, wrap(visited.expression));
    return visited;
  };
  return (file) => ts.visitNode(file, visit) as ts.SourceFile;
};

/**
 * In ES5, `class X extends Error` builds a plain Error: `error instanceof X` is false, and the
 * gadget could no longer tell an EditRefused or an ApiFailure from any other error. The
 * constructor of each class that extends Error sets the prototype right after `super(…)`.
 */
const errorSubclasses: ts.TransformerFactory<ts.SourceFile> = (context) => {
  const f = context.factory;
  const extendsError = (node: ts.ClassLikeDeclaration) => node.heritageClauses?.some((h) => h.token === ts.SyntaxKind.ExtendsKeyword
    && h.types.some((t) => ts.isIdentifier(t.expression) && t.expression.text === 'Error')) ?? false;
  const fix = f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Object'), 'setPrototypeOf'), undefined,
    [f.createThis(), f.createPropertyAccessExpression(f.createMetaProperty(ts.SyntaxKind.NewKeyword, f.createIdentifier('target')), 'prototype')]));
  const isSuperCall = (s: ts.Statement) => ts.isExpressionStatement(s) && ts.isCallExpression(s.expression) && s.expression.expression.kind === ts.SyntaxKind.SuperKeyword;
  const visit = (node: ts.Node): ts.Node => {
    const visited = ts.visitEachChild(node, visit, context);
    if (!(ts.isClassDeclaration(visited) || ts.isClassExpression(visited)) || !extendsError(visited)) return visited;
    let found = false;
    const members = visited.members.map((member) => {
      if (!ts.isConstructorDeclaration(member) || !member.body) return member;
      const statements = member.body.statements;
      const at = statements.findIndex(isSuperCall);
      if (at < 0) return member;
      found = true;
      return f.updateConstructorDeclaration(member, member.modifiers, member.parameters,
        f.updateBlock(member.body, [...statements.slice(0, at + 1), fix, ...statements.slice(at + 1)]));
    });
    if (!found) throw new Error('a class extending Error without a constructor calling super(): add one, or handle it here');
    return ts.isClassDeclaration(visited)
      ? f.updateClassDeclaration(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, members)
      : f.updateClassExpression(visited, visited.modifiers, visited.name, visited.typeParameters, visited.heritageClauses, members);
  };
  return (file) => ts.visitNode(file, visit) as ts.SourceFile;
};

/**
 * ES5 syntax, because MediaWiki 1.39 refuses anything else in a gadget: it validates gadget
 * scripts as ECMAScript 5 and replaces a script that fails with an error message (its Gadgets
 * extension has no `requiresES6` flag; that came in 1.40). esbuild bundles and lowers to ES2017;
 * TypeScript lowers ES2017 to ES5 (classes, let/const, arrows, destructuring, async); esbuild
 * then minifies for ES5, which also rewrites regular expressions with newer flags (`/…/s`, `/…/u`)
 * as `new RegExp()` calls, and fails the build if any newer syntax is left.
 */
async function toEs5(code: string, name: string): Promise<string> {
  const lowered = ts.transpileModule(`(function () {\n${ITER_HELPER_SOURCE}${code}\n}());`, {
    fileName: `${name}.js`,
    transformers: {before: [accessorsForJsMinPlus, iterablesAsArrays, errorSubclasses]},
    compilerOptions: {target: ts.ScriptTarget.ES5, module: ts.ModuleKind.None, allowJs: true, removeComments: true},
  }).outputText;
  const result = await esbuild.transform(lowered, {loader: 'js', target: 'es5', minify: true, charset: 'utf8', legalComments: 'none'});
  return result.code;
}

async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.resolve(ROOT, entry)],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2017',
    charset: 'utf8',
    legalComments: 'none',
    define,
    plugins: [zodMiniShim(), browserSources()],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Any entry point, bundled and lowered exactly as the gadget is (for tests of the lowering). */
export async function browserScript(entry: string): Promise<string> {
  return toEs5(await bundle(entry), path.basename(entry, '.ts'));
}

/**
 * A language module: the core and the form's messages in one language, completed with English
 * where a translation is missing, registered for the form to find. The form's code holds no
 * messages: each user downloads one language.
 */
function i18nModule(lang: string): string {
  const all = {...readBanana('core', 'en'), ...readBanana('gadget', 'en'), ...readBanana('core', lang), ...readBanana('gadget', lang)};
  const messages = Object.fromEntries(Object.entries(all).filter(([k]) => !NOT_IN_FORM.test(k)));
  return `(function(){var l=mw.libs.partnershipTrackerMessages=mw.libs.partnershipTrackerMessages||{};l[${JSON.stringify(lang)}]=${JSON.stringify(messages)};}());`;
}

/**
 * JS and CSS pages are pre-save transformed like wikitext (`~~~~` becomes a signature, `{{subst:}}`
 * is expanded) and their `[[links]]` are recorded; <nowiki> inside a comment prevents all that.
 */
// NFC, as MediaWiki stores every page: otherwise each install would see a difference and save again.
const guard = (code: string) => `/* <nowiki> */\n${code.trim()}\n/* </nowiki> */\n`.normalize('NFC');

/** What MediaWiki 1.39 itself says of the script, when PHP and MediaWiki are installed here. */
function checkWithJsMinPlus(file: string): string | null {
  const lib = path.join(process.env.MW_INSTALL_PATH ?? '/usr/share/mediawiki', 'includes', 'libs', 'jsminplus.php');
  if (!existsSync(lib)) return null;
  const php = `require ${JSON.stringify(lib)}; $p = new JSParser(); try { @$p->parse(file_get_contents($argv[1]), 'x', 1); echo 'ok'; } catch (Exception $e) { echo $e->getMessage(); }`;
  try {
    return execFileSync('php', ['-r', php, file], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
  } catch {
    return null;
  }
}

export interface BuiltFile {
  readonly name: string;
  readonly bytes: number;
  readonly gzip: number;
}

export interface BuildResult {
  readonly files: readonly BuiltFile[];
  /** The loader, and the largest form download (form + styles + one language module). */
  readonly loaderGzip: number;
  readonly formGzip: number;
  /** MediaWiki 1.39's own syntax check of every script: 'ok', or null when PHP/MediaWiki are not installed. */
  readonly jsMinPlus: string | null;
}

/**
 * Gadget descriptions (MediaWiki:Gadget-<name>), in English, and the two that Special:Preferences
 * shows (the section and the loader) also as /xx subpages, which MediaWiki uses for users of that
 * language. Hidden gadgets are listed only on Special:Gadgets: English is enough there.
 */
function descriptions(lang: string): Record<string, string> {
  const bundle = {...readBanana('gadget', 'en'), ...readBanana('gadget', lang)};
  const shown = {
    [`Gadget-section-${SECTION}`]: bundle['pt-gadget-definition-section'] ?? '',
    [`Gadget-${GADGET}`]: bundle['pt-gadget-definition-loader'] ?? '',
  };
  if (lang !== 'en') return shown;
  return {
    ...shown,
    [`Gadget-${FORM_GADGET}`]: bundle['pt-gadget-definition-form'] ?? '',
    ...Object.fromEntries(LANGUAGES.map((l) => [`Gadget-${i18nGadget(l)}`, bundle['pt-gadget-definition-i18n'] ?? ''])),
  };
}

export async function buildGadget(options: {root?: string; quiet?: boolean} = {}): Promise<BuildResult> {
  const out = options.root ?? path.join(ROOT, 'dist');
  const gadgetDir = path.join(out, 'gadget');
  const wikiDir = path.join(out, 'wiki');
  rmSync(gadgetDir, {recursive: true, force: true});
  mkdirSync(gadgetDir, {recursive: true});
  mkdirSync(wikiDir, {recursive: true});
  // dist/wiki may hold other pages one day: remove only ours.
  for (const name of readdirSync(wikiDir)) {
    if (name.startsWith('MediaWiki:Gadget-partnership') || name.startsWith(`MediaWiki:Gadget-section-${SECTION}`)) rmSync(path.join(wikiDir, name), {recursive: true, force: true});
  }

  const loaderMessages = Object.fromEntries(LANGUAGES.map((lang) => {
    const b = {...readBanana('gadget', 'en'), ...readBanana('gadget', lang)};
    return [lang, {label: b['pt-gadget-new'], tooltip: b['pt-gadget-new-tooltip']}];
  }));
  const sources: [string, string][] = [
    [`${GADGET}.js`, await toEs5(await bundle('gadget/loader.ts', {PT_LOADER_MESSAGES: JSON.stringify(loaderMessages)}), GADGET)],
    [`${FORM_GADGET}.js`, await toEs5(await bundle('gadget/form.ts'), FORM_GADGET)],
    ...await Promise.all(LANGUAGES.map(async (l): Promise<[string, string]> => [`${i18nGadget(l)}.js`, await toEs5(i18nModule(l), i18nGadget(l))])),
  ];
  const css = await esbuild.transform(readFileSync(path.join(ROOT, 'gadget', 'form.css'), 'utf8'), {loader: 'css', minify: true});
  sources.push([`${FORM_GADGET}.css`, css.code]);

  const files: BuiltFile[] = [];
  let jsMinPlus: string | null = 'ok';
  for (const [name, code] of sources) {
    const text = guard(code);
    writeFileSync(path.join(gadgetDir, name), text);
    writeFileSync(path.join(wikiDir, `MediaWiki:Gadget-${name}`), text);
    files.push({name, bytes: Buffer.byteLength(text), gzip: gzipSync(text, {level: 9}).length});
    if (name.endsWith('.js')) {
      const verdict = checkWithJsMinPlus(path.join(gadgetDir, name));
      if (verdict === null) jsMinPlus = null;
      else if (verdict !== 'ok') throw new Error(`${name}: MediaWiki 1.39 would refuse this script: ${verdict}`);
    }
  }
  writeFileSync(path.join(gadgetDir, 'definition.txt'), gadgetDefinition());
  // Gadget descriptions (Special:Preferences), in English and, as /xx subpages, in each language.
  for (const lang of LANGUAGES) {
    for (const [title, text] of Object.entries(descriptions(lang))) {
      const file = lang === 'en' ? path.join(wikiDir, `MediaWiki:${title}.wikitext`) : path.join(wikiDir, `MediaWiki:${title}`, `${lang}.wikitext`);
      mkdirSync(path.dirname(file), {recursive: true});
      writeFileSync(file, `${text}\n`);
    }
  }

  const size = (name: string) => files.find((f) => f.name === name)?.gzip ?? 0;
  const loaderGzip = size(`${GADGET}.js`);
  const formGzip = size(`${FORM_GADGET}.js`) + size(`${FORM_GADGET}.css`) + Math.max(...LANGUAGES.map((l) => size(`${i18nGadget(l)}.js`)));
  if (!options.quiet) {
    for (const f of files) process.stdout.write(`${f.name.padEnd(34)} ${String(f.bytes).padStart(7)} bytes  ${String(f.gzip).padStart(6)} gzip\n`);
    process.stdout.write(`loader: ${loaderGzip} bytes gzip (budget ${LOADER_BUDGET}); form with styles and its largest language: ${formGzip} bytes gzip (budget ${FORM_BUDGET})\n`);
    process.stdout.write(jsMinPlus === 'ok' ? 'MediaWiki 1.39 (JSMinPlus) accepts every script.\n' : 'PHP/MediaWiki not found: scripts not checked with JSMinPlus.\n');
  }
  if (loaderGzip > LOADER_BUDGET) throw new Error(`the loader is ${loaderGzip} bytes gzip, over its ${LOADER_BUDGET}-byte budget`);
  if (formGzip > FORM_BUDGET) throw new Error(`the form is ${formGzip} bytes gzip, over its ${FORM_BUDGET}-byte budget`);
  return {files, loaderGzip, formGzip, jsMinPlus};
}

if (require.main === module) {
  buildGadget().catch((error: unknown) => {
    process.stderr.write(`build-gadget: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
