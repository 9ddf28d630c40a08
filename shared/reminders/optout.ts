import {normaliseUser} from '../model/users';
import {stripInactive} from '../wikitext/bots';

/**
 * The users who asked for no reminders: those linked from the opt-out page (`[[User:Alice]]`,
 * `[[User talk:Alice]]`, signatures, `{{u|Alice}}`: the wiki reports the links), those listed one
 * a line (`* Alice`, `# User:Alice`), and those in the configuration. Each as `User:Alice`.
 */
export function optOutUsers(pageText: string, linkedUsers: readonly string[], configured: readonly string[], userNamespaces: readonly string[] = []): Set<string> {
  const users = new Set<string>();
  const add = (text: string) => {
    const user = normaliseUser(text, userNamespaces);
    if (user) users.add(user);
  };
  for (const line of stripInactive(pageText).split('\n')) {
    const item = /^[*#]+\s*(.*)$/.exec(line.trim());
    if (item?.[1]) add(item[1]);
  }
  for (const name of linkedUsers) add(name);
  for (const name of configured) add(name);
  return users;
}

/**
 * The account a link into the User or User talk namespace is about: `User talk:Alice/Archive 1`
 * is Alice's.
 */
export function userOfLinkedTitle(title: string): string | null {
  const colon = title.indexOf(':');
  if (colon < 0) return null;
  const name = title.slice(colon + 1).split('/')[0]?.trim();
  return name ? name : null;
}
