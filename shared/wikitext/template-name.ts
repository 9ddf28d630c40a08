import {stripComments} from './syntax-tree';

/**
 * Titles as MediaWiki compares them: spaces and underscores alike, runs of them folded, first
 * letter case-insensitive. `Template:` (or a localised alias) is optional in a transclusion.
 */
export function normaliseTitle(text: string): string {
  const folded = text.replace(/[_\s]+/g, ' ').trim();
  return folded.charAt(0).toUpperCase() + folded.slice(1);
}

export interface TemplateMatcher {
  (rawName: string): boolean;
}

/**
 * @param names the template's title and its redirects, with or without the namespace
 * @param templateNamespaces `Template` plus the wiki's localised names and aliases for it
 */
export function templateMatcher(names: readonly string[], templateNamespaces: readonly string[] = ['Template']): TemplateMatcher {
  const prefixes = templateNamespaces.map((ns) => ns.toLowerCase().replace(/[_\s]+/g, ' '));
  const bare = (title: string): string => {
    const normalised = title.replace(/[_\s]+/g, ' ').trim();
    const colon = normalised.indexOf(':');
    if (colon > 0 && prefixes.includes(normalised.slice(0, colon).trim().toLowerCase())) {
      return normaliseTitle(normalised.slice(colon + 1));
    }
    return normaliseTitle(normalised);
  };
  const wanted = new Set(names.map(bare));
  return (rawName: string) => {
    const name = stripComments(rawName);
    // `{{:Partnership}}` transcludes the article, and `{{Partnership/doc}}` is another page.
    if (name.trim().startsWith(':')) return false;
    return wanted.has(bare(name));
  };
}
