/**
 * Links in the report. A target goes into `[[…]]` only when it is plain (no character that could
 * end the link, start markup, or be decoded into another title); otherwise the report shows the
 * text without a link. Labels are always escaped.
 */
import {escapeWikitext} from './escape';

// `[]{}|<>` end or open markup, `#` starts a fragment, `%` and `&` are decoded in targets,
// `~~~` is a signature on save, `''` is bold or italic in the label MediaWiki would make.
// eslint-disable-next-line no-control-regex -- a control character is no part of a title
const UNSAFE_TARGET = /[[\]{}|<>#%&\u0000-\u001f\u007f]|~~~|''/;

export function isPlainTarget(text: string): boolean {
  return text.trim() === text && text !== '' && !UNSAFE_TARGET.test(text) && !/^[/:.]/.test(text);
}

/**
 * `[[:Page#Section|label]]`. The leading colon makes a category or file page a link rather than
 * a category for the report or an embedded image.
 */
export function pageLink(title: string, section: string | null, label: string): string {
  // `[[Page|]]` would be the pipe trick: an empty label shows the title instead.
  const text = escapeWikitext(label === '' ? title : label);
  if (!isPlainTarget(title)) return text;
  const fragment = section !== null && isPlainTarget(section) ? `#${section}` : '';
  return `[[:${title}${fragment}|${text}]]`;
}

/** `User:Alice` as a link to the user page labelled `Alice`. */
export function userLink(userPage: string): string {
  const name = userPage.replace(/^User:/, '');
  return isPlainTarget(name) ? `[[User:${name}|${escapeWikitext(name)}]]` : escapeWikitext(name);
}
