import type {Day} from '../model/dates';
import {pageOfKey} from './keys';
import type {Marker} from './marker';

/** What the bot remembers about one reminder. */
export interface ReminderRecord {
  /** The last day it was posted. */
  readonly sent: Day;
  /** The first run in which the finding was gone, while it stays gone. */
  readonly resolved?: Day;
}

export type History = ReadonlyMap<string, ReminderRecord>;

/**
 * A reminder is told again only once the cooldown has passed since it was last posted, whether
 * the problem stayed or went away and came back. A day in the future (the clock was moved back)
 * counts as recent.
 */
export function isDue(lastSent: Day | undefined, today: Day, cooldownDays: number): boolean {
  return lastSent === undefined || today - lastSent >= cooldownDays;
}

/** The last day each key was posted, from the state file and from markers found on a talk page. */
export function lastSentDays(history: History, markers: readonly Marker[]): Map<string, Day> {
  const days = new Map<string, Day>();
  const note = (key: string, day: Day) => {
    const known = days.get(key);
    if (known === undefined || day > known) days.set(key, day);
  };
  for (const [key, record] of history) note(key, record.sent);
  for (const marker of markers) for (const key of marker.keys) note(key, marker.day);
  return days;
}

export function recordSent(history: History, keys: Iterable<string>, day: Day): Map<string, ReminderRecord> {
  const next = new Map(history);
  for (const key of keys) {
    const known = next.get(key);
    if (known === undefined || day >= known.sent) next.set(key, {sent: day});
  }
  return next;
}

/**
 * After a full check: findings that are gone are marked resolved (those on pages that could not
 * be read are not known to be gone); those back again lose the mark; resolved ones whose cooldown
 * has passed are forgotten, since they can no longer hold anything back.
 */
export function noteCurrentFindings(history: History, current: ReadonlySet<string>, unreadablePages: ReadonlySet<string>, today: Day, cooldownDays: number): Map<string, ReminderRecord> {
  const next = new Map<string, ReminderRecord>();
  for (const [key, record] of history) {
    if (current.has(key)) {
      next.set(key, {sent: record.sent});
    } else if (unreadablePages.has(pageOfKey(key))) {
      next.set(key, record);
    } else if (!isDue(record.sent, today, cooldownDays)) {
      next.set(key, {sent: record.sent, resolved: record.resolved ?? today});
    }
  }
  return next;
}
