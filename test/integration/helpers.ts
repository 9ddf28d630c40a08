import {mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Mwn} from 'mwn';
import {main} from '../../bot/cli';
import type {Io} from '../../bot/io';
import {testWiki} from './wiki';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process against the test wiki, from an empty working directory. */
export async function runBot(args: readonly string[], options: {cwd?: string; env?: Record<string, string>} = {}): Promise<RunResult> {
  const wiki = await testWiki();
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdoutIsTTY: false,
    env: {MW_API: wiki.api, MW_USERNAME: wiki.username, MW_PASSWORD: wiki.password, ...options.env},
    cwd: options.cwd ?? mkdtempSync(path.join(os.tmpdir(), 'pt-cwd-')),
  };
  const code = await main(args, io);
  return {code, stdout, stderr};
}

/** A separate client for the test's own reads and writes (not the code under test). */
export async function testClient(): Promise<Mwn> {
  const wiki = await testWiki();
  return Mwn.init({apiUrl: wiki.api, username: wiki.username, password: wiki.password, userAgent: 'PartnershipTracker-tests (test@example.invalid)', silent: true,
    defaultParams: {formatversion: 2}});
}

export async function pageRevisions(bot: Mwn, title: string): Promise<{revid: number; text: string}[]> {
  const response = await bot.request({action: 'query', prop: 'revisions', titles: title, rvprop: 'ids|content', rvslots: 'main', rvlimit: 50});
  const page = response.query?.pages?.[0];
  return (page?.revisions ?? []).map((r: {revid: number; slots: {main: {content: string}}}) => ({revid: r.revid, text: r.slots.main.content}));
}

/** A title no other test run has used, so tests can run again on a kept wiki. */
export function uniqueTitle(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
