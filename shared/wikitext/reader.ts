import {findTemplates, type ParamSyntax, type TemplateSyntax, type WikitextParser} from './syntax-tree';
import type {TemplateMatcher} from './template-name';

/** One {{Partnership}} as written on a page, before any validation. */
export interface TemplateOccurrence {
  /** 0-based, in page order, counting only templates MediaWiki would expand. */
  readonly index: number;
  readonly syntax: TemplateSyntax;
  /** Every parameter as written (trimmed); the last one wins when a name repeats, as in MediaWiki. */
  readonly params: Readonly<Record<string, string>>;
  /** The values the template receives: as `params`, with comments removed. */
  readonly values: Readonly<Record<string, string>>;
  /** Names given more than once, each listed once, in order of first repetition. */
  readonly duplicates: readonly string[];
}

/**
 * Finds every occurrence of the template on a page. A cheap substring test skips the parse for
 * the many pages that cannot contain it.
 */
export function readTemplates(wikitext: string, parse: WikitextParser, matches: TemplateMatcher): TemplateOccurrence[] {
  if (!wikitext.includes('{{')) return [];
  return findTemplates(parse(wikitext))
    .filter((t) => matches(t.rawName))
    .map((syntax, index) => occurrence(syntax, index));
}

function occurrence(syntax: TemplateSyntax, index: number): TemplateOccurrence {
  const params: Record<string, string> = {};
  const values: Record<string, string> = {};
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const param of syntax.params) {
    if (seen.has(param.name) && !duplicates.includes(param.name)) duplicates.push(param.name);
    seen.add(param.name);
    params[param.name] = param.rawValue.trim();
    values[param.name] = param.value;
  }
  return {index, syntax, params, values, duplicates};
}

/** The parameter MediaWiki uses for a name: the last one given. */
export function effectiveParam(syntax: TemplateSyntax, name: string): ParamSyntax | undefined {
  for (let i = syntax.params.length - 1; i >= 0; i--) {
    const param = syntax.params[i];
    if (param?.name === name) return param;
  }
  return undefined;
}
