import {addDays, formatDay, parseIsoDate, type Day} from '../../shared/model/dates';

/**
 * Today as the person filling in the form sees it: a stage that began "today" begins on their
 * calendar day, not on UTC's (the bot's default day differs from it for a few hours at most).
 */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function dayOfIso(iso: string): Day {
  const day = parseIsoDate(iso);
  if (day === null) throw new Error(`not a date: ${iso}`);
  return day;
}

export function isoPlusDays(iso: string, days: number): string {
  return formatDay(addDays(dayOfIso(iso), days));
}
