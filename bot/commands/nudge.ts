import type {Day} from '../../shared/model/dates';
import type {CommandContext} from '../cli';
import type {Config} from '../config';
import {WikiError, type Io} from '../io';
import {runReminders, type NudgeSummary, type PostedReminder} from '../reminders/run';
import {reminderWiki} from '../reminders/wiki';
import type {WikiClient} from '../wiki/client';
import {EditGuard, ShutoffError} from '../wiki/guard';
import {checkWiki, openWiki, type WikiCheck} from './wiki';

export type {NudgeSummary} from '../reminders/run';

export interface NudgeOptions {
  readonly today: Day;
  readonly dryRun: boolean;
  /** Where a relative `statePath` starts from (default: the process's working directory). */
  readonly cwd?: string;
}

/** Posts (or, with dryRun, composes) the reminders due for a check already made. */
export async function nudge(client: WikiClient, guard: EditGuard, config: Config, check: WikiCheck, options: NudgeOptions): Promise<NudgeSummary> {
  return runReminders(reminderWiki(client), guard, config, check, {today: options.today, dryRun: options.dryRun, cwd: options.cwd ?? process.cwd()});
}

/** The message as it would be saved: MediaWiki puts the heading above the text of a new section. */
function asPosted(p: PostedReminder): string {
  return `== ${p.sectionTitle} ==\n\n${p.text ?? ''}`;
}

export function formatNudgeSummary(summary: NudgeSummary): string {
  const lines: string[] = [];
  for (const p of summary.posted) {
    if (summary.dryRun) {
      lines.push(`--- would post to ${p.target} (${p.findings} ${p.findings === 1 ? 'point' : 'points'}${p.omitted ? `, ${p.omitted} left for later` : ''}) ---`, asPosted(p), '');
    } else {
      lines.push(`posted   ${p.target}: ${p.findings} ${p.findings === 1 ? 'point' : 'points'}${p.omitted ? ` (${p.omitted} left for later)` : ''}${p.revid ? ` (revision ${p.revid})` : ''}`);
    }
  }
  for (const s of summary.skipped) {
    const fallback = s.fallback?.length ? ` → ${s.fallback.join(', ')}` : '';
    lines.push(`skipped  ${s.target}: ${s.reason}${fallback}${s.detail ? ` (${s.detail})` : ''}`);
  }
  if (summary.stopped) lines.push(`stopped: ${summary.stopped}`);
  const verb = summary.dryRun ? 'would post' : 'posted';
  lines.push(`${summary.posted.length} ${summary.posted.length === 1 ? 'message' : 'messages'} ${verb}, ${summary.skipped.length} skipped${summary.dryRun ? ' (dry run: nothing was edited)' : ''}`);
  return `${lines.join('\n')}\n`;
}

export function printNudgeSummary(summary: NudgeSummary, io: Io, json: boolean): void {
  io.stdout(json ? `${JSON.stringify(summary, null, 2)}\n` : formatNudgeSummary(summary));
}

export async function nudgeCommand(ctx: CommandContext): Promise<void> {
  const client = await openWiki(ctx.config, ctx.io);
  const check = await checkWiki(client, ctx.config, ctx);
  for (const page of check.unreadable) ctx.io.stderr(`partnership-bot: ${page.page}: cannot read the page: ${page.reason}\n`);
  const dryRun = Boolean(ctx.values['dry-run']);
  const summary = await nudge(client, new EditGuard(client, ctx.config), ctx.config, check, {today: ctx.today, dryRun, cwd: ctx.io.cwd});
  printNudgeSummary(summary, ctx.io, Boolean(ctx.values.json));
  // The summary is out first, so whoever stopped the bot sees what was done before the stop.
  if (summary.stopped) throw new ShutoffError(summary.stopped);
  const failed = summary.skipped.filter((s) => s.reason === 'failed');
  if (failed.length > 0) throw new WikiError(`${failed.length} ${failed.length === 1 ? 'reminder' : 'reminders'} could not be posted: ${failed.map((f) => f.detail ?? f.target).join('; ')}`);
}
