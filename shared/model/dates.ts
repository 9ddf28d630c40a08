/**
 * Calendar days as integers (days since 1970-01-01, UTC), so that rule thresholds are plain
 * subtraction and no time zone can shift a date by one.
 */
export type Day = number & {readonly __day: unique symbol};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function parseIsoDate(text: string): Day | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(ms / MS_PER_DAY) as Day;
}

export function formatDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayOf(date: Date): Day {
  return Math.floor(date.getTime() / MS_PER_DAY) as Day;
}

export function addDays(day: Day, days: number): Day {
  return (day + days) as Day;
}
