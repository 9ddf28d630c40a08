import type {CheckResult} from '../../shared/check';
import {supportedLanguage} from '../../shared/i18n/messages';
import type {Day} from '../../shared/model/dates';
import {composeReminder, type ComposeOptions, type ComposedReminder} from '../../shared/reminders/compose';
import {isDue, lastSentDays, noteCurrentFindings, recordSent, type History} from '../../shared/reminders/history';
import {readMarkers} from '../../shared/reminders/marker';
import {isUserPage, planDeliveries, type Delivery, type DeliveryItem, type Diversion} from '../../shared/reminders/routing';
import {allowsBot, REMINDER_MESSAGE_TYPE} from '../../shared/wikitext/bots';
import type {Config} from '../config';
import {WikiError} from '../io';
import {ShutoffError} from '../wiki/guard';
import {loadState, saveState, stateFile} from './state';
import {postSection, readOptOut, readTalkPage, userStatuses, type ReminderWiki} from './wiki';

export type SkipReason = Diversion['reason'] | 'bots-template' | 'already-reminded' | 'edit-limit' | 'shutoff' | 'failed' | 'redirect' | 'invalid-title';

export interface PostedReminder {
  /** The page the message went to (a renamed user's talk page is followed to the new name). */
  readonly target: string;
  readonly sectionTitle: string;
  readonly language: string;
  /** Points told in full, and those left for a later message by the per-message cap. */
  readonly findings: number;
  readonly omitted: number;
  readonly keys: readonly string[];
  readonly revid?: number;
  /** With --dry-run: the text exactly as it would be posted. */
  readonly text?: string;
}

export interface SkippedReminder {
  /** A talk page, or a recipient (`User:Alice`) who could not be reminded there. */
  readonly target: string;
  readonly reason: SkipReason;
  readonly findings: number;
  /** Where a blocked or missing user's reminders went instead. */
  readonly fallback?: readonly string[];
  readonly detail?: string;
}

export interface NudgeSummary {
  readonly dryRun: boolean;
  readonly posted: PostedReminder[];
  readonly skipped: SkippedReminder[];
  /** Why posting stopped before the end (the emergency shut-off page). */
  stopped?: string;
}

export interface EditGate {
  beforeEdit(): Promise<void>;
  edited(): void;
}

export interface CheckInput {
  readonly result: CheckResult;
  readonly unreadable: readonly {readonly page: string}[];
}

export interface ReminderOptions {
  readonly today: Day;
  readonly dryRun: boolean;
  /** Where a relative `statePath` starts from. */
  readonly cwd: string;
}

interface Run {
  readonly wiki: ReminderWiki;
  readonly gate: EditGate;
  readonly config: Config;
  readonly options: ReminderOptions;
  readonly compose: ComposeOptions;
  readonly file: string;
  readonly summary: NudgeSummary;
  history: History;
  posts: number;
}

function composeOptions(wiki: ReminderWiki, config: Config, check: CheckInput, today: Day): ComposeOptions {
  const perPage = new Map<string, number>();
  for (const p of check.result.partnerships) perPage.set(p.page, (perPage.get(p.page) ?? 0) + 1);
  return {
    language: supportedLanguage(config.wiki.language ?? wiki.site.language),
    siteLanguage: wiki.site.language,
    today,
    maxFindings: config.reminders.maxFindingsPerMessage,
    cooldownDays: config.reminders.cooldownDays,
    optOutPage: config.reminders.optOutPage,
    statusPage: config.report.pages[0]?.title ?? null,
    partnershipsOnPage: (page) => perPage.get(page) ?? 1,
  };
}

async function plan(wiki: ReminderWiki, config: Config, check: CheckInput) {
  const findings = check.result.findings.filter((f) => config.reminders.severities.includes(f.severity));
  const optedOut = await readOptOut(wiki, config.reminders.optOutPage, config.reminders.optOut ?? []);
  const users = findings.flatMap((f) => f.recipients).filter((r) => isUserPage(r) && !optedOut.has(r));
  const statuses = await userStatuses(wiki, users);
  // An account the wiki did not answer about is treated as missing: the partnership's talk page still hears.
  return planDeliveries(findings, {optedOut, namespaces: wiki.site.namespaces, status: (user) => statuses.get(user) ?? 'missing'});
}

const dueOf = (items: readonly DeliveryItem[], last: (key: string) => Day | undefined, run: Run) =>
  items.filter((item) => isDue(last(item.key), run.options.today, run.config.reminders.cooldownDays));

function skip(run: Run, delivery: Delivery, reason: SkipReason, detail?: string): void {
  run.summary.skipped.push({target: delivery.target, reason, findings: delivery.items.length, ...(detail === undefined ? {} : {detail})});
}

/** Markers on the talk page that the state file does not know (a crash after posting): learn them. */
function learnFromMarkers(run: Run, delivery: Delivery, last: ReadonlyMap<string, Day>): void {
  for (const {key} of delivery.items) {
    const day = last.get(key);
    if (day !== undefined && (run.history.get(key)?.sent ?? -Infinity) < day) run.history = recordSent(run.history, [key], day);
  }
}

async function post(run: Run, message: ComposedReminder, title: string): Promise<void> {
  const {summary} = run;
  const base = {target: title, sectionTitle: message.sectionTitle, language: run.compose.language, findings: message.keys.length, omitted: message.omitted, keys: message.keys};
  if (run.options.dryRun) {
    summary.posted.push({...base, text: message.text});
    run.posts += 1;
    return;
  }
  try {
    await run.gate.beforeEdit();
  } catch (error) {
    if (!(error instanceof ShutoffError)) throw error;
    summary.stopped = error.message;
    summary.skipped.push({target: title, reason: 'shutoff', findings: message.keys.length});
    return;
  }
  let revid: number | undefined;
  try {
    revid = await postSection(run.wiki, title, message.sectionTitle, message.text);
  } catch (error) {
    if (!(error instanceof WikiError)) throw error;
    summary.skipped.push({target: title, reason: 'failed', findings: message.keys.length, detail: error.message});
    return;
  }
  run.gate.edited();
  run.posts += 1;
  summary.posted.push({...base, ...(revid === undefined ? {} : {revid})});
  // Recorded at once: a crash later in the run must not lose what was already posted.
  run.history = recordSent(run.history, message.keys, run.options.today);
  saveState(run.file, run.wiki.api, run.history);
}

async function deliver(run: Run, delivery: Delivery): Promise<void> {
  if (run.summary.stopped !== undefined) return skip(run, delivery, 'shutoff');
  // The state file alone can say that nothing is due: no need to read the talk page then.
  if (dueOf(delivery.items, (key) => run.history.get(key)?.sent, run).length === 0) return skip(run, delivery, 'already-reminded');
  if (run.posts >= run.config.reminders.maxEditsPerRun) return skip(run, delivery, 'edit-limit');
  const page = await readTalkPage(run.wiki, delivery.target);
  if ('skip' in page) return skip(run, delivery, page.skip, page.detail);
  if (!allowsBot(page.text, run.wiki.site.userName, REMINDER_MESSAGE_TYPE)) return skip(run, delivery, 'bots-template');
  const last = lastSentDays(run.history, readMarkers(page.text));
  if (!run.options.dryRun) learnFromMarkers(run, delivery, last);
  const due = dueOf(delivery.items, (key) => last.get(key), run);
  if (due.length === 0) return skip(run, delivery, 'already-reminded');
  await post(run, composeReminder({...delivery, items: due}, run.compose), page.title);
}

/**
 * The reminders of one run: who is told what (coordinators, or the partnership's talk page when
 * they cannot be reached), minus what the state file or the talk page's markers say was told
 * within the cooldown, minus whoever opted out; then at most `maxEditsPerRun` posts, each through
 * the edit gate (shut-off page, pause between edits) and recorded as soon as it is made.
 */
export async function runReminders(wiki: ReminderWiki, gate: EditGate, config: Config, check: CheckInput, options: ReminderOptions): Promise<NudgeSummary> {
  const file = stateFile(config, options.cwd);
  const {deliveries, diversions} = await plan(wiki, config, check);
  const current = new Set(deliveries.flatMap((d) => d.items.map((i) => i.key)));
  const unreadable = new Set(check.unreadable.map((u) => u.page));
  const run: Run = {
    wiki, gate, config, options, file,
    compose: composeOptions(wiki, config, check, options.today),
    summary: {dryRun: options.dryRun, posted: [], skipped: []},
    history: noteCurrentFindings(loadState(file, wiki.api).history, current, unreadable, options.today, config.reminders.cooldownDays),
    posts: 0,
  };
  for (const d of diversions) run.summary.skipped.push({target: d.recipient, reason: d.reason, findings: d.findings, ...(d.fallback.length ? {fallback: d.fallback} : {})});
  for (const delivery of deliveries) await deliver(run, delivery);
  if (!options.dryRun) saveState(file, wiki.api, run.history);
  return run.summary;
}
