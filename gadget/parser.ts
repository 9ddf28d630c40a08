import * as wikiparserTemplate from 'wikiparser-template';
import type {Config} from 'wikiparser-template';
import {EXTENSION_TAGS} from '../shared/wikitext/extension-tags';
import type {SyntaxNode, WikitextParser} from '../shared/wikitext/syntax-tree';

interface TemplateParser {
  getConfig(): Config;
  parse(wikitext: string, include: boolean, maxStage: number, config: Config): SyntaxNode;
}

/**
 * wikiparser-template is a CommonJS bundle exporting `{default: Parser}`; some builds set a
 * global `Parser` instead. Both are accepted so that an update of the package cannot silently
 * break the gadget.
 */
function templateParser(): TemplateParser {
  const module = wikiparserTemplate as unknown as {default?: TemplateParser};
  const parser = module.default ?? (globalThis as {Parser?: TemplateParser}).Parser;
  if (!parser) throw new Error('wikiparser-template did not load');
  return parser;
}

const Parser = templateParser();

/**
 * The bot's parser (wikiparser-node) and this one must number templates alike, so they get the
 * same extension tags: the content of `<nowiki>`, `<pre>`, `<syntaxhighlight>`… is not wikitext.
 */
const config: Config = {...Parser.getConfig(), ext: [...EXTENSION_TAGS]};

/**
 * Extension tags whose content wikiparser-node parses as wikitext (so the bot counts a
 * {{Partnership}} inside them) but wikiparser-template keeps as opaque text. Found by
 * test/gadget/parser.test.ts, which fails when this list and the two parsers drift apart.
 * (`ref`, `poem`, `indicator`, `references`, `translate` and `tvar` both parsers already parse.)
 */
export const REPARSED_TAGS: readonly string[] = ['inputbox', 'poll', 'seo', 'tab', 'tabs', 'combooption', 'langconvert', 'phonos'];
const REPARSED = new Set(REPARSED_TAGS);
const MAY_NEED_REPARSE = new RegExp(`<(?:${REPARSED_TAGS.join('|')})[\\s/>]`, 'i');

interface ExtNode extends SyntaxNode {
  readonly name?: string;
}

/** A stand-in for a node whose children were replaced; keeps what syntax-tree.ts reads. */
function withChildren(node: SyntaxNode, childNodes: readonly SyntaxNode[]): SyntaxNode {
  const {modifier, name, anon} = node as SyntaxNode & {modifier?: string; name?: string; anon?: boolean};
  const text = String(node);
  return {type: node.type, childNodes, toString: () => text, modifier, name, anon} as SyntaxNode;
}

function reparseOpaqueTags(node: SyntaxNode): SyntaxNode {
  if (node.type === 'comment') return node;
  if (node.type === 'ext' && REPARSED.has(((node as ExtNode).name ?? '').toLowerCase())) {
    const children = node.childNodes.map((child) => (child.type === 'ext-inner'
      ? withChildren(child, [reparseOpaqueTags(Parser.parse(String(child), false, 2, config))])
      : child));
    return withChildren(node, children);
  }
  let changed = false;
  const children = node.childNodes.map((child) => {
    const view = reparseOpaqueTags(child);
    changed ||= view !== child;
    return view;
  });
  return changed ? withChildren(node, children) : node;
}

/** Stops after templates (stage 2), like the bot's adapter in bot/wikitext.ts. */
export const parseWikitext: WikitextParser = (wikitext) => {
  const root = Parser.parse(wikitext, false, 2, config);
  return MAY_NEED_REPARSE.test(wikitext) ? reparseOpaqueTags(root) : root;
};
