/**
 * Extension tags whose content MediaWiki does not parse as ordinary wikitext (or parses on its
 * own terms). Both parsers get the same list, so the bot and the gadget number templates alike.
 * Taken from wikiparser-node's default configuration (Wikimedia wikis).
 */
export const EXTENSION_TAGS: readonly string[] = ["nowiki","pre","gallery","indicator","poem","ref","references","categorytree","charinsert","choose","imagemap","inputbox","templatestyles","dynamicpagelist","poll","score","seo","tab","tabs","combobox","combooption","ce","chem","graph","languages","hiero","langconvert","mapframe","maplink","math","phonos","rss","translate","tvar","quiz","section","source","syntaxhighlight","templatedata","timeline","page-collection","wish","img"];
