import path from 'node:path';
import type {CommandContext} from '../cli';
import {WikiError} from '../io';
import {withRunLock} from '../lock';
import {EditGuard, ShutoffError} from '../wiki/guard';
import {nudge, type NudgeSummary} from './nudge';
import {report, type ReportSummary} from './report';
import {checkWiki, openWiki} from './wiki';

export interface RunSteps {
  readonly nudge: boolean;
  readonly report: boolean;
}

export interface RunSummary {
  readonly partnerships: number;
  readonly findings: Readonly<Record<'error' | 'warning' | 'info', number>>;
  readonly unreadable: number;
  readonly reread: number;
  readonly nudge?: NudgeSummary;
  readonly report?: ReportSummary;
  /** Why the run stopped early (the shut-off page), when it did. */
  readonly stopped?: string;
}

/**
 * One pass: a single scan of the wiki, then reminders and status tables from that same check,
 * so both speak of the same state and the wiki is read once.
 */
export async function runOnce(ctx: CommandContext, steps: RunSteps = {nudge: true, report: true}): Promise<RunSummary> {
  const client = await openWiki(ctx.config, ctx.io);
  const check = await checkWiki(client, ctx.config, ctx);
  const guard = new EditGuard(client, ctx.config);
  const dryRun = Boolean(ctx.values['dry-run']);
  const count = (severity: 'error' | 'warning' | 'info') => check.result.findings.filter((f) => f.severity === severity).length;
  let summary: RunSummary = {
    partnerships: check.result.partnerships.length,
    findings: {error: count('error'), warning: count('warning'), info: count('info')},
    unreadable: check.unreadable.length,
    reread: check.scan.reread,
  };
  try {
    if (steps.nudge) summary = {...summary, nudge: await nudge(client, guard, ctx.config, check, {today: ctx.today, dryRun, cwd: ctx.io.cwd})};
    if (steps.report) summary = {...summary, report: await report(client, guard, ctx.config, check, {today: ctx.today, dryRun, io: ctx.io, json: Boolean(ctx.values.json)})};
  } catch (error) {
    if (!(error instanceof ShutoffError)) throw error;
    summary = {...summary, stopped: error.message};
  }
  return summary;
}

export function formatRunSummary(summary: RunSummary): string {
  const parts = [
    `${summary.partnerships} partnerships (${summary.reread} pages re-read)`,
    `${summary.findings.error} errors, ${summary.findings.warning} warnings, ${summary.findings.info} notes`,
  ];
  if (summary.unreadable) parts.push(`${summary.unreadable} pages unreadable`);
  if (summary.nudge) parts.push(`${summary.nudge.posted.length} reminders ${summary.nudge.dryRun ? 'to post' : 'posted'}, ${summary.nudge.skipped.length} skipped`);
  if (summary.report) {
    const edited = summary.report.pages.filter((p) => p.action === 'created' || p.action === 'updated').length;
    parts.push(`${summary.report.pages.length} status pages (${edited} edited)`);
  }
  if (summary.stopped) parts.push(`stopped: ${summary.stopped}`);
  return `${parts.join('; ')}\n`;
}

export async function runCommand(ctx: CommandContext): Promise<void> {
  // The same lock as `start`, so a manual run never overlaps a scheduled one.
  const locked = await withRunLock(path.resolve(ctx.io.cwd, ctx.config.statePath), 'run', () => runOnce(ctx));
  if (!locked.ran) throw new WikiError(`another run is in progress: ${locked.reason}`);
  const summary = locked.value;
  ctx.io.stdout(ctx.values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatRunSummary(summary));
}
