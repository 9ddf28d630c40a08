/**
 * MediaWiki API error codes, grouped by what the user can do about them. Each group is one
 * message (`pt-gadget-error-<group>`), with the wiki's own explanation as `$1` where it helps.
 */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  protected: ['protectedpage', 'cascadeprotected', 'protectednamespace', 'protectednamespace-interface', 'protectedtitle', 'customcssprotected', 'customjsprotected', 'sitejsonprotected'],
  blocked: ['blocked', 'autoblocked', 'blockedtext', 'blockedtext-partial', 'systemblocked', 'globalblocking-blockedtext', 'globalblocking-ipblocked'],
  session: ['badtoken', 'notloggedin', 'assertuserfailed', 'assertnameduserfailed', 'assertbotfailed', 'mustbeloggedin'],
  readonly: ['readonly'],
  deleted: ['missingtitle', 'pagedeleted', 'nocreate-missing'],
  exists: ['articleexists'],
  permission: ['permissiondenied', 'writeapidenied', 'noedit', 'noedit-anon', 'cantcreate', 'cantcreate-anon', 'noimageredirect', 'noapiwrite'],
  filter: ['spamblacklist', 'abusefilter-disallowed', 'abusefilter-warning', 'titleblacklist-forbidden', 'contenttoobig', 'captcha'],
  ratelimited: ['ratelimited', 'actionthrottledtext'],
  network: ['http', 'timeout', 'abort', 'offline'],
};

const GROUP_OF = new Map(Object.entries(GROUPS).flatMap(([group, codes]) => codes.map((code) => [code, group] as const)));

/** The message key explaining an API error, and its parameters. */
export function apiErrorMessage(code: string, info: string): {key: string; params: string[]} {
  const group = GROUP_OF.get(code) ?? (code.startsWith('abusefilter') ? 'filter' : undefined);
  if (group === undefined) return {key: 'pt-gadget-error-other', params: [info || code, code]};
  return {key: `pt-gadget-error-${group}`, params: [info]};
}

/** Errors after which saving again, unchanged, may work (after logging in again, or a moment later). */
export function isRecoverable(code: string): boolean {
  const group = GROUP_OF.get(code);
  return group === 'session' || group === 'network' || group === 'ratelimited' || group === 'readonly';
}
