import {readTemplates} from '../shared/wikitext/reader';
import {templateMatcher} from '../shared/wikitext/template-name';
import {parseWikitext} from './wikitext';

/** What reading one page's text gives: each partnership's parameters, without offsets. */
export interface ReadTemplate {
  readonly index: number;
  readonly params: Record<string, string>;
  readonly values: Record<string, string>;
  readonly duplicates: string[];
}

export interface ReadRequest {
  readonly templateNames: readonly string[];
  readonly templateNamespaces: readonly string[];
  readonly texts: readonly string[];
}

/** Plain data in and out, so it runs the same in a worker thread or in the main thread. */
export function readTexts(request: ReadRequest): ReadTemplate[][] {
  const matches = templateMatcher(request.templateNames, request.templateNamespaces);
  return request.texts.map((text) => readTemplates(text, parseWikitext, matches)
    .map(({index, params, values, duplicates}) => ({index, params: {...params}, values: {...values}, duplicates: [...duplicates]})));
}
