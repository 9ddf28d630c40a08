import type {Finding} from '../rules/findings';

/**
 * One reminder: this problem of this partnership, told on this talk page. `|` cannot occur in a
 * title, a rule id or a parameter name, so the parts never run into each other.
 */
export function reminderKey(f: Pick<Finding, 'page' | 'index' | 'rule' | 'field'>, target: string): string {
  return [f.page, String(f.index), f.rule, f.field ?? '', target].join('|');
}

/** The page of the partnership a key is about. */
export function pageOfKey(key: string): string {
  return key.slice(0, key.indexOf('|'));
}
