import type {Finding} from '../rules/findings';
import {talkPageOf, type NamespaceNames} from '../rules/recipients';
import {reminderKey} from './keys';

export type UserStatus = 'ok' | 'blocked' | 'missing';

export interface RoutingContext {
  /** `User:Alice` → whether the account exists and can act. */
  readonly status: (user: string) => UserStatus;
  /** Users who asked not to be reminded (`User:Alice`). */
  readonly optedOut: ReadonlySet<string>;
  readonly namespaces: NamespaceNames;
}

export interface DeliveryItem {
  readonly finding: Finding;
  readonly key: string;
}

/** Everything one talk page is to be told in this run. */
export interface Delivery {
  readonly target: string;
  /** A coordinator's own talk page, or the talk page of a partnership's page. */
  readonly kind: 'user' | 'page';
  readonly items: readonly DeliveryItem[];
}

/** A recipient who gets nothing directly, and where their reminders went instead. */
export interface Diversion {
  readonly recipient: string;
  readonly reason: 'opted-out' | 'user-blocked' | 'user-missing';
  readonly findings: number;
  readonly fallback: readonly string[];
}

export function isUserPage(recipient: string): boolean {
  return recipient.startsWith('User:');
}

export function userTalkPage(user: string, namespaces: NamespaceNames): string {
  return `${namespaces[3] ?? 'User talk'}:${user.slice('User:'.length)}`;
}

type Route = {target: string; kind: Delivery['kind']} | {diverted: Diversion['reason']; target?: string};

function route(f: Finding, recipient: string, ctx: RoutingContext): Route {
  if (!isUserPage(recipient)) return {target: recipient, kind: 'page'};
  // An opt-out is the user's choice about this partnership too: nobody else is told instead.
  if (ctx.optedOut.has(recipient)) return {diverted: 'opted-out'};
  const status = ctx.status(recipient);
  if (status === 'ok') return {target: userTalkPage(recipient, ctx.namespaces), kind: 'user'};
  return {diverted: status === 'blocked' ? 'user-blocked' : 'user-missing', target: talkPageOf(f.page, ctx.namespaces)};
}

/**
 * One delivery per talk page: a coordinator's, or, when a coordinator cannot be reached (blocked,
 * no such account) or none is named, the talk page of the partnership's page. A finding told to
 * two recipients who both end up on the same page is told there once.
 */
export function planDeliveries(findings: readonly Finding[], ctx: RoutingContext): {deliveries: Delivery[]; diversions: Diversion[]} {
  const byTarget = new Map<string, {kind: Delivery['kind']; items: Map<string, DeliveryItem>}>();
  const diversions = new Map<string, {reason: Diversion['reason']; findings: number; fallback: Set<string>}>();
  const add = (target: string, kind: Delivery['kind'], finding: Finding) => {
    const entry = byTarget.get(target) ?? {kind, items: new Map()};
    const key = reminderKey(finding, target);
    if (!entry.items.has(key)) entry.items.set(key, {finding, key});
    byTarget.set(target, entry);
  };
  for (const finding of findings) {
    for (const recipient of new Set(finding.recipients)) {
      const r = route(finding, recipient, ctx);
      if ('kind' in r) {
        add(r.target, r.kind, finding);
        continue;
      }
      const diversion = diversions.get(recipient) ?? {reason: r.diverted, findings: 0, fallback: new Set<string>()};
      diversion.findings += 1;
      if (r.target !== undefined) {
        diversion.fallback.add(r.target);
        add(r.target, 'page', finding);
      }
      diversions.set(recipient, diversion);
    }
  }
  return {
    deliveries: [...byTarget].sort(([a], [b]) => a.localeCompare(b)).map(([target, e]) => ({target, kind: e.kind, items: [...e.items.values()]})),
    diversions: [...diversions].map(([recipient, d]) => ({recipient, reason: d.reason, findings: d.findings, fallback: [...d.fallback]})),
  };
}
