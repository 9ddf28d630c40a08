/**
 * User fields accept the forms editors actually type: `Alice`, `User:Alice`, `[[User:Alice]]`
 * and `[[User:Alice|anything]]`. They all mean the account `User:Alice`.
 */
const USER_PREFIX = /^user\s*:\s*/i;
const LINK = /^\[\[\s*([^\][|]*?)\s*(?:\|[^\][]*)?\]\]$/;
// Characters MediaWiki never allows in a user name (title-invalid ones, the link syntax, and `/`:
// `User:Alice/Sandbox` is a subpage, not an account).
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
const FORBIDDEN = /[#<>[\]|{}/\n\r\t\u0000-\u001f\u007f]/;

export type UserPage = `User:${string}`;

export function normaliseUser(text: string, userNamespaces: readonly string[] = []): UserPage | null {
  let value = text.trim();
  const link = LINK.exec(value);
  if (link) {
    value = link[1] ?? '';
    // Inside a link the namespace is mandatory: [[Alice]] is an article, not a user.
    if (!hasUserPrefix(value, userNamespaces)) return null;
  }
  value = stripUserPrefix(value, userNamespaces);
  // Checked before spaces are folded, so a two-line value is not taken for one account name.
  if (FORBIDDEN.test(value)) return null;
  value = value.replace(/_/g, ' ').replace(/ +/g, ' ').trim();
  if (value === '' || value.includes(':')) return null;
  return `User:${value.charAt(0).toUpperCase()}${value.slice(1)}`;
}

function hasUserPrefix(value: string, userNamespaces: readonly string[]): boolean {
  return stripUserPrefix(value, userNamespaces) !== value;
}

function stripUserPrefix(value: string, userNamespaces: readonly string[]): string {
  if (USER_PREFIX.test(value)) return value.replace(USER_PREFIX, '');
  const lower = value.toLowerCase();
  for (const ns of userNamespaces) {
    const prefix = `${ns.toLowerCase()}:`;
    if (lower.startsWith(prefix)) return value.slice(prefix.length).trimStart();
  }
  return value;
}

export function userName(page: UserPage): string {
  return page.slice('User:'.length);
}
