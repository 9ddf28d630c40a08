/**
 * What a wiki can change about the gadget, without editing its code: set in MediaWiki:Common.js
 * (or a user's common.js) before the gadget runs, e.g.
 *   mw.config.set('partnershipTracker', {parentPage: 'Wikimedia France/Partnerships/'});
 */
export interface GadgetConfig {
  /** New partnerships are created as `parentPage + partner name`. */
  readonly parentPage: string;
  /** The template's title and its redirects (as the bot's `template.names`). */
  readonly templateNames: readonly string[];
  /** The bot's on-wiki configuration page; the form reads the rule thresholds from it. Null: defaults. */
  readonly configPage: string | null;
}

export const DEFAULT_CONFIG: GadgetConfig = {
  parentPage: 'Partnerships/',
  templateNames: ['Partnership'],
  configPage: 'Partnerships/Configuration.json',
};

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Takes what is valid from the wiki's setting and the defaults for the rest. */
export function gadgetConfig(raw: unknown): GadgetConfig {
  const given = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const names = Array.isArray(given.templateNames) ? given.templateNames.filter(isText) : [];
  return {
    parentPage: isText(given.parentPage) ? given.parentPage.trim() : DEFAULT_CONFIG.parentPage,
    templateNames: names.length > 0 ? names : DEFAULT_CONFIG.templateNames,
    configPage: given.configPage === null ? null : isText(given.configPage) ? given.configPage.trim() : DEFAULT_CONFIG.configPage,
  };
}

// Characters MediaWiki never allows in a title.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const ILLEGAL_IN_TITLE = /[#<>[\]|{}\u0000-\u001f\u007f]/g;

/** The page a new partnership goes to: the parent page plus the partner's name, made title-safe. */
export function newPageTitle(parentPage: string, partner: string): string {
  const name = partner.replace(ILLEGAL_IN_TITLE, ' ').replace(/[\s_]+/g, ' ').trim();
  return name === '' ? '' : `${parentPage}${name}`;
}

/** Whether the "New partnership" link belongs on this page: the parent page and the pages under it. */
export function isUnderParent(pageTitle: string, parentPage: string): boolean {
  const norm = (title: string) => title.replace(/_/g, ' ').trim();
  const parent = norm(parentPage);
  const page = norm(pageTitle);
  return page.startsWith(parent) || page === parent.replace(/\/$/, '');
}
