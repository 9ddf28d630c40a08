import Parser from 'wikiparser-node';
import {EXTENSION_TAGS} from '../shared/wikitext/extension-tags';
import type {SyntaxNode, WikitextParser} from '../shared/wikitext/syntax-tree';
import {templateMatcher} from '../shared/wikitext/template-name';
import type {WikitextTools} from '../shared/wikitext/edit';

const config = {...Parser.getConfig(), ext: [...EXTENSION_TAGS]};

/**
 * wikiparser-node, stopped after templates (stage 2): comments, extension tags and transclusions
 * are all the reader needs, and later stages (links, tables, quotes) cost most of a full parse.
 */
export const parseWikitext: WikitextParser = (wikitext) => Parser.parse(wikitext, false, 2, config) as unknown as SyntaxNode;

export function nodeWikitextTools(templateNames: readonly string[], templateNamespaces?: readonly string[]): WikitextTools {
  return {parse: parseWikitext, matches: templateMatcher(templateNames, templateNamespaces)};
}
