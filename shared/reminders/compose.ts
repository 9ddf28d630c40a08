import {formatDay, type Day} from '../model/dates';
import {isRtl} from '../i18n/messages';
import type {Messages} from '../i18n/messages';
import {RULE_IDS, SEVERITY_ORDER, type Finding} from '../rules/findings';
import {REMINDER_MESSAGE_TYPE} from '../wikitext/bots';
import {plainText} from './escape';
import {formatMarker} from './marker';
import {reminderMessages} from './messages';
import type {Delivery, DeliveryItem} from './routing';

export interface ComposeOptions {
  /** The language to write in (one of the supported ones). */
  readonly language: string;
  /** The wiki's content language: a message in another language is marked up as such. */
  readonly siteLanguage: string;
  readonly today: Day;
  readonly maxFindings: number;
  readonly cooldownDays: number;
  readonly optOutPage: string | null;
  readonly statusPage: string | null;
  /** How many partnerships the page holds, to say which one is meant when there are several. */
  readonly partnershipsOnPage: (page: string) => number;
}

export interface ComposedReminder {
  readonly target: string;
  readonly sectionTitle: string;
  /** The section's text, as sent with `section=new` (the heading comes from `sectionTitle`). */
  readonly text: string;
  /** The reminders told in full, which the marker names. */
  readonly keys: readonly string[];
  /** Points left out by the per-message cap: they stay due for a later run. */
  readonly omitted: number;
}

const ruleOrder = (f: Finding) => RULE_IDS.indexOf(f.rule);

function byImportance(a: DeliveryItem, b: DeliveryItem): number {
  const [x, y] = [a.finding, b.finding];
  return SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] || x.page.localeCompare(y.page) || x.index - y.index
    || ruleOrder(x) - ruleOrder(y) || (x.field ?? '').localeCompare(y.field ?? '');
}

/** The items of each partnership together, the partnership with the most serious point first. */
function groupByPartnership(items: readonly DeliveryItem[]): DeliveryItem[][] {
  const groups = new Map<string, DeliveryItem[]>();
  for (const item of [...items].sort(byImportance)) {
    const id = `${item.finding.page}\u0000${item.finding.index}`;
    groups.set(id, [...(groups.get(id) ?? []), item]);
  }
  return [...groups.values()];
}

function link(title: string): string {
  // The leading colon links a category or file page instead of adding the message to it.
  return `[[:${title}]]`;
}

function code(wikitext: string): string {
  return `<code><nowiki>${wikitext}</nowiki></code>`;
}

function partnershipLine(f: Finding, msg: Messages, options: ComposeOptions): string {
  const partner = f.partner === null ? msg('pt-reminder-no-partner') : plainText(f.partner);
  const page = `'''${link(f.page)}'''`;
  const count = options.partnershipsOnPage(f.page);
  return count > 1 ? msg('pt-reminder-partnership-several', page, partner, f.index + 1, count) : msg('pt-reminder-partnership', page, partner);
}

function severityLabel(f: Finding, msg: Messages): string {
  const label = msg(`pt-severity-${f.severity}`);
  return label.charAt(0).toLocaleUpperCase(msg.language) + label.slice(1);
}

/** The finding in the message's language; every value from the template is shown as text. */
function findingText(f: Finding, msg: Messages): string {
  const params = f.messageParams.map((p) => (typeof p === 'string' ? plainText(p) : p));
  return msg(f.messageKey, ...params);
}

function listLines(groups: readonly DeliveryItem[][], msg: Messages, options: ComposeOptions): string[] {
  const advised = new Set<string>();
  const lines: string[] = [];
  for (const group of groups) {
    const [first] = group;
    if (!first) continue;
    lines.push(`* ${partnershipLine(first.finding, msg, options)}`);
    for (const {finding} of group) {
      lines.push(`** ${msg('pt-reminder-finding', severityLabel(finding, msg), findingText(finding, msg))}`);
      lines.push(`**: ${advised.has(finding.rule) ? msg('pt-reminder-advice-same') : msg('pt-reminder-advice', msg(`pt-reminder-advice-${finding.rule}`))}`);
      advised.add(finding.rule);
    }
  }
  return lines;
}

function footer(kind: Delivery['kind'], msg: Messages, options: ComposeOptions): string {
  const nobots = code('{{nobots}}');
  const optout = code(`{{bots|optout=${REMINDER_MESSAGE_TYPE}}}`);
  const sentences = [
    ...(options.statusPage ? [msg('pt-reminder-status', link(options.statusPage))] : []),
    msg('pt-reminder-cooldown', options.cooldownDays),
    kind === 'page' ? msg('pt-reminder-optout-page', nobots, optout)
      : options.optOutPage ? msg('pt-reminder-optout-user', link(options.optOutPage), nobots, optout)
        : msg('pt-reminder-optout-user-nolist', nobots, optout),
  ];
  return `${sentences.join(' ')} ~~~~`;
}

function wrapForLanguage(body: string, options: ComposeOptions): string {
  const base = (code: string) => code.toLowerCase().split('-')[0];
  if (base(options.language) === base(options.siteLanguage)) return body;
  // In another language than the wiki's, the text says so, so that it reads right to left where it should.
  return `<div lang="${options.language}" dir="${isRtl(options.language) ? 'rtl' : 'ltr'}">\n${body}\n</div>`;
}

/**
 * One talk-page message for everything a delivery holds that is due: the partnerships (linked),
 * what is wrong with each, what to do about it, how to opt out, and a marker naming what it told.
 */
export function composeReminder(delivery: Pick<Delivery, 'target' | 'kind'> & {readonly items: readonly DeliveryItem[]}, options: ComposeOptions): ComposedReminder {
  const msg = reminderMessages(options.language);
  const ordered = groupByPartnership(delivery.items).flat();
  const shown = ordered.slice(0, Math.max(1, options.maxFindings));
  const omitted = ordered.length - shown.length;
  const intro = msg(delivery.kind === 'user' ? 'pt-reminder-intro-user' : 'pt-reminder-intro-page', ordered.length);
  const more = omitted === 0 ? []
    : [options.statusPage ? msg('pt-reminder-more', omitted, link(options.statusPage)) : msg('pt-reminder-more-no-table', omitted)];
  const body = [intro, '', ...listLines(groupByPartnership(shown), msg, options), ...more, '', footer(delivery.kind, msg, options)].join('\n');
  const keys = shown.map((item) => item.key);
  return {
    target: delivery.target,
    sectionTitle: msg('pt-reminder-heading', formatDay(options.today)),
    text: `${formatMarker(keys, options.today)}\n${wrapForLanguage(body, options)}`,
    keys,
    omitted,
  };
}
