/**
 * Bot exclusion ({{bots}} / {{nobots}}), the convention documented at
 * https://en.wikipedia.org/wiki/Template:Bots:
 *
 *   {{nobots}}                       no bot may edit
 *   {{bots}}                         every bot may edit
 *   {{bots|allow=A,B}}               only the bots listed (`all`: every bot; `none`: no bot)
 *   {{bots|deny=A,B}}                every bot but those listed (`all`: no bot; `none`: every bot)
 *   {{bots|optout=type1,type2}}      no message of these types (`all`: no message at all)
 *   {{nobots|A,B}}                   the bots listed may not edit (pywikibot's reading)
 *
 * Where templates disagree, the most specific word wins: an opt-out of the message type first,
 * then the bot named in a deny list, then the bot named in an allow list, then `all`/`none`.
 * {{nobots}} with named parameters still refuses every bot that its `allow` does not name: a
 * reminder that should not have been posted is worse than one that was not.
 */

export const REMINDER_MESSAGE_TYPE = 'partnership-reminders';

interface BotsTemplate {
  readonly name: 'bots' | 'nobots';
  readonly named: ReadonlyMap<string, string>;
  readonly positional: readonly string[];
}

// Where MediaWiki expands no template, a {{nobots}} means nothing (someone discussing it).
const INACTIVE = [
  /<!--[\s\S]*?(?:-->|$)/g,
  /<(nowiki|pre|syntaxhighlight|source|includeonly)(?:\s[^>]*)?>[\s\S]*?(?:<\/\1\s*>|$)/gi,
  /<(nowiki|pre|syntaxhighlight|source|includeonly)(?:\s[^>]*)?\/>/gi,
];

/** The wikitext without comments and the parts MediaWiki shows as plain text. */
export function stripInactive(wikitext: string): string {
  return INACTIVE.reduce((text, pattern) => text.replace(pattern, ' '), wikitext);
}

// `{{bots…}}` but not `{{{bots}}}` (a parameter); values holding templates are not part of the convention.
const TEMPLATE = /(?<!\{)\{\{(?!\{)\s*(?:template\s*:\s*)?(no)?bots\s*(\|[^{}]*)?\}\}/gi;

export function botsTemplates(wikitext: string): BotsTemplate[] {
  const found: BotsTemplate[] = [];
  for (const match of stripInactive(wikitext).matchAll(TEMPLATE)) {
    const named = new Map<string, string>();
    const positional: string[] = [];
    for (const part of (match[2] ?? '').split('|').slice(1)) {
      const equals = part.indexOf('=');
      if (equals < 0) positional.push(part.trim());
      else named.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).trim());
    }
    found.push({name: match[1] ? 'nobots' : 'bots', named, positional});
  }
  return found;
}

function normaliseName(name: string): string {
  return name.replace(/^\s*user\s*:/i, '').replace(/_/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
}

function listOf(value: string): string[] {
  return value.split(',').map(normaliseName).filter((v) => v !== '');
}

interface Verdict {
  optedOut: boolean;
  deniedByName: boolean;
  allowedByName: boolean;
  deniedByDefault: boolean;
}

// Other keys (allowscript, denyscript, …) are about scripts, not about us.
function judgeList(key: string, value: string, bot: string, messageType: string | undefined, verdict: Verdict): void {
  const list = listOf(value);
  const names = (...words: string[]) => words.some((w) => list.includes(w));
  if (key === 'allow') {
    if (names(bot)) verdict.allowedByName = true;
    else if (!names('all')) verdict.deniedByDefault = true;
  } else if (key === 'deny') {
    if (names(bot)) verdict.deniedByName = true;
    else if (names('all')) verdict.deniedByDefault = true;
  } else if (key === 'optout' && messageType !== undefined && names('all', messageType.toLowerCase())) {
    verdict.optedOut = true;
  }
}

/**
 * May the bot `botName` edit a page with this wikitext, for a message of `messageType`
 * (e.g. {@link REMINDER_MESSAGE_TYPE})?
 */
export function allowsBot(wikitext: string, botName: string, messageType?: string): boolean {
  const bot = normaliseName(botName);
  const verdict: Verdict = {optedOut: false, deniedByName: false, allowedByName: false, deniedByDefault: false};
  for (const template of botsTemplates(wikitext)) {
    const lists = template.positional.filter((p) => p !== '');
    if (template.name === 'nobots' && lists.length > 0 && template.named.size === 0) {
      for (const value of lists) judgeList('deny', value, bot, messageType, verdict);
      continue;
    }
    // {{nobots}}, whatever else it says, refuses every bot it does not name in `allow`.
    if (template.name === 'nobots') verdict.deniedByDefault = true;
    for (const [key, value] of template.named) judgeList(key, value, bot, messageType, verdict);
  }
  if (verdict.optedOut || verdict.deniedByName) return false;
  if (verdict.allowedByName) return true;
  return !verdict.deniedByDefault;
}
