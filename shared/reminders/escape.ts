/**
 * A value someone typed into a template, shown as text in a message: `[[Category:X]]`,
 * `{{Delete}}`, `<script>`, `~~~~` and `''` do nothing inside <nowiki>. MediaWiki still decodes
 * entities there, so `&` and `<` are written as entities: the reader sees exactly what was typed,
 * and no `</nowiki>` (in any spelling) can end the tag early.
 */
export function plainText(value: string): string {
  const text = value.replace(/\s+/g, ' ').trim().replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<nowiki>${text}</nowiki>`;
}
