/**
 * Shared by the fault tests: an isolated set of partnerships (a template name of its own, a
 * config and state folder in a temp cwd, as scan.test.ts does) and ways to run the bot against
 * it, in-process or as a child process, directly or through the fault proxy.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Mwn} from 'mwn';
import {pageRevisions, runBot, testClient, uniqueTitle, type RunResult} from '../helpers';
import {testWiki} from '../wiki';

export const TODAY = '2026-11-21';
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(REPO_ROOT, 'bin', 'partnership-bot.js');

export interface Isolated {
  readonly unique: string;
  readonly template: string;
  readonly cwd: string;
  readonly stateDir: string;
  readonly pages: readonly string[];
  readonly statusPage: string;
  readonly bot: Mwn;
  edit(title: string, text: string): Promise<void>;
  /** The bot in-process, with MW_API pointing at `api` (the proxy) or at the wiki. */
  run(args: readonly string[], api?: string, env?: Record<string, string>): Promise<RunResult>;
  /** Forget the scan cache, so the next run reads every page again (through the faults). */
  forgetCache(): void;
  revisions(title: string): Promise<{revid: number; text: string}[]>;
}

/**
 * `count` partnerships, one per page, each with a coordinator account that does not exist: the
 * reminder then goes to the partnership page's own talk page, one talk page per partnership.
 */
export async function isolated(prefix: string, count: number, config: Record<string, unknown> = {}): Promise<Isolated> {
  const unique = uniqueTitle(prefix).replace(/\s+/g, '');
  const template = `Partnership ${unique}`;
  const cwd = mkdtempSync(path.join(os.tmpdir(), `pt-${prefix.toLowerCase()}-`));
  const stateDir = path.join(cwd, 'state');
  const statusPage = `${unique}/Status`;
  writeFileSync(path.join(cwd, 'partnership-bot.config.json'), JSON.stringify({
    template: {names: [template]}, statePath: stateDir,
    reminders: {editDelaySeconds: 0, optOutPage: `${unique}/Opt-out`},
    report: {pages: [{title: statusPage}]},
    safety: {shutoffPage: `User:PartnershipBot/Shutoff ${unique}`},
    onWikiConfigPage: null,
    ...config,
  }));
  const bot = await testClient();
  const token = await bot.getCsrfToken();
  const edit = async (title: string, text: string) => {
    const response = await bot.request({action: 'edit', title, text, token, bot: true});
    if (response.edit?.result !== 'Success') throw new Error(`test setup could not edit ${title}`);
  };
  await edit(`Template:${template}`, '<div class="partnership-box">{{{partner|}}}</div>');
  const pages: string[] = [];
  for (let n = 0; n < count; n++) {
    const title = `${unique}/Partner ${n}`;
    // outreach without a backup contact: one warning, so one reminder per page.
    await edit(title, `Notes.\n{{${template}\n| partner = Partner ${n}\n| stage = outreach\n| stage_since = 2026-11-16\n| contact = Ana\n| coordinator = ${unique}Ghost${n}\n}}`);
    pages.push(title);
  }
  return {
    unique, template, cwd, stateDir, pages, statusPage, bot, edit,
    run: async (args, api, env = {}) => {
      const wiki = await testWiki();
      return runBot(args, {cwd, env: {MW_API: api ?? wiki.api, ...env}});
    },
    forgetCache: () => rmSync(path.join(stateDir, 'scan-cache.json'), {force: true}),
    revisions: (title) => pageRevisions(bot, title),
  };
}

/** Sections the bot posted, by their reminder marker. */
export function reminderMarkers(text: string): string[] {
  return [...text.matchAll(/<!-- partnership-tracker: (\{.*?\}) -->/g)].map((m) => m[1] as string);
}

export interface Child {
  readonly process: ChildProcess;
  output(): string;
  exited: Promise<{code: number | null; signal: NodeJS.Signals | null}>;
}

/** `node bin/partnership-bot.js …` as a child process, with the wiki's credentials in its environment. */
export async function spawnBot(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Child> {
  const wiki = await testWiki();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: {PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), MW_API: wiki.api, MW_USERNAME: wiki.username, MW_PASSWORD: wiki.password, ...env},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve) => {
    child.on('exit', (code, signal) => resolve({code, signal}));
  });
  return {process: child, output: () => output, exited};
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` is true (or throws after `timeoutMs`). */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
