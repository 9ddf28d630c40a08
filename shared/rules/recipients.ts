import type {Partnership} from '../model/partnership';

/** Namespace names of a wiki, by id, as `siteinfo` gives them (English canonical names offline). */
export type NamespaceNames = Readonly<Record<number, string>>;

export const CANONICAL_NAMESPACES: NamespaceNames = {
  0: '', 1: 'Talk', 2: 'User', 3: 'User talk', 4: 'Project', 5: 'Project talk', 6: 'File', 7: 'File talk',
  8: 'MediaWiki', 9: 'MediaWiki talk', 10: 'Template', 11: 'Template talk', 12: 'Help', 13: 'Help talk',
  14: 'Category', 15: 'Category talk',
};

/** The discussion page of a page: `Talk:X` for an article, `Help talk:X` for `Help:X`. */
export function talkPageOf(title: string, namespaces: NamespaceNames = CANONICAL_NAMESPACES): string {
  const colon = title.indexOf(':');
  if (colon > 0) {
    const prefix = title.slice(0, colon).replace(/_/g, ' ').trim().toLowerCase();
    for (const [id, name] of Object.entries(namespaces)) {
      const ns = Number(id);
      if (ns <= 0 || name.toLowerCase() !== prefix) continue;
      if (ns % 2 === 1) return title;
      const talk = namespaces[ns + 1];
      if (talk) return `${talk}:${title.slice(colon + 1).trimStart()}`;
    }
  }
  return `${namespaces[1] ?? 'Talk'}:${title}`;
}

/** Coordinators' user pages (their talk pages get the reminder); with neither, the partnership's talk page. */
export function recipientsOf(p: Partnership, namespaces?: NamespaceNames): string[] {
  const users = [p.fields.coordinator, p.fields.coordinator2].filter((u): u is NonNullable<typeof u> => u !== undefined);
  const unique = [...new Set<string>(users)];
  return unique.length > 0 ? unique : [talkPageOf(p.page, namespaces)];
}
