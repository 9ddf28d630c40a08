import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
import {formatDay, parseIsoDate, type Day} from '../../shared/model/dates';
import type {History, ReminderRecord} from '../../shared/reminders/history';
import type {Config} from '../config';

/**
 * The reminders sent and resolved, kept between runs. Talk pages stay the source of truth (their
 * markers say what was posted); this file spares reading talk pages that have nothing due, and
 * records what was resolved.
 */
const isoDay = z.string().refine((s) => parseIsoDate(s) !== null, 'not a YYYY-MM-DD date');
const stateSchema = z.strictObject({
  format: z.literal(1),
  /** The wiki's API: a state file never carries over to another wiki. */
  wiki: z.string(),
  reminders: z.record(z.string(), z.strictObject({sent: isoDay, resolved: isoDay.optional()})),
});

export interface LoadedState {
  readonly history: History;
  /** Why the file was not used, when it was not. */
  readonly discarded?: string;
}

export function stateFile(config: Config, cwd: string): string {
  return path.resolve(cwd, config.statePath, 'reminders.json');
}

const day = (text: string): Day => parseIsoDate(text) as Day;

/** A missing or broken file is an empty history: the markers on the talk pages still prevent repeats. */
export function loadState(file: string, wiki: string): LoadedState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {history: new Map(), discarded: 'no state yet'};
  }
  let parsed;
  try {
    parsed = stateSchema.safeParse(JSON.parse(text));
  } catch {
    return {history: new Map(), discarded: 'the state file is not valid JSON'};
  }
  if (!parsed.success) return {history: new Map(), discarded: 'the state file is malformed'};
  if (parsed.data.wiki !== wiki) return {history: new Map(), discarded: 'the state file belongs to another wiki'};
  const history = new Map<string, ReminderRecord>();
  for (const [key, record] of Object.entries(parsed.data.reminders)) {
    history.set(key, {sent: day(record.sent), ...(record.resolved ? {resolved: day(record.resolved)} : {})});
  }
  return {history};
}

/** Written to a temporary file and renamed, so a crash never leaves half a state. */
export function saveState(file: string, wiki: string, history: History): void {
  const reminders: Record<string, {sent: string; resolved?: string}> = {};
  for (const [key, record] of [...history].sort(([a], [b]) => a.localeCompare(b))) {
    reminders[key] = {sent: formatDay(record.sent), ...(record.resolved === undefined ? {} : {resolved: formatDay(record.resolved)})};
  }
  mkdirSync(path.dirname(file), {recursive: true});
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({format: 1, wiki, reminders}, null, 1)}\n`);
  renameSync(temporary, file);
}
