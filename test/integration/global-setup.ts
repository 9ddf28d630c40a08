// Jest global setup of the integration project: find or start the MediaWiki the tests use.
//
// - PT_TEST_API set: use that wiki (with PT_TEST_USERNAME / PT_TEST_PASSWORD).
// - otherwise: a fresh throwaway wiki from scripts/dev-wiki.sh in .dev-wiki/test on port 8091
//   (reset first, so every run starts empty), stopped again by global-teardown.ts.
// The credentials reach the tests through process.env (inherited by the test workers).
// No wiki: under CI=true the run fails with the reason; elsewhere the tests are skipped.
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';

export const ENV = {
  api: 'PT_TEST_API',
  username: 'PT_TEST_USERNAME',
  password: 'PT_TEST_PASSWORD',
  adminUsername: 'PT_TEST_ADMIN_USERNAME',
  adminPassword: 'PT_TEST_ADMIN_PASSWORD',
  dir: 'PT_TEST_WIKI_DIR',
  /** '1' when global setup started the wiki itself (teardown then stops it). */
  startedBySetup: 'PT_TEST_WIKI_STARTED',
  /** Set by global setup (outside CI) when no wiki could be had: the reason. */
  unavailable: 'PT_TEST_WIKI_UNAVAILABLE',
  /** '1': teardown leaves the throwaway wiki running (for poking at it afterwards). */
  keep: 'PT_KEEP_WIKI',
} as const;

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DEV_WIKI_SCRIPT = path.join(REPO_ROOT, 'scripts', 'dev-wiki.sh');
// PT_TEST_WIKI_NAME gives a run its own folder and port, so several runs on one machine don't
// reset each other's wiki (e.g. PT_TEST_WIKI_NAME=faults PT_TEST_WIKI_PORT=8097).
export const TEST_WIKI_DIR = path.join(REPO_ROOT, '.dev-wiki', process.env.PT_TEST_WIKI_NAME || 'test');
export const TEST_WIKI_PORT = Number(process.env.PT_TEST_WIKI_PORT) || 8091;

// A cold start may have to apt-get install MediaWiki and PHP first.
const UP_TIMEOUT_MS = 15 * 60 * 1000;

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Runs scripts/dev-wiki.sh; resolves with its combined output, rejects (with the output's tail) on failure. */
export function runDevWiki(args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [DEV_WIKI_SCRIPT, ...args], {cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe']});
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`scripts/dev-wiki.sh ${args[0]} timed out after ${timeoutMs / 1000}s\n${tail(output)}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run bash scripts/dev-wiki.sh: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`scripts/dev-wiki.sh ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail(output)}`));
    });
  });
}

function tail(text: string, lines = 25): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function readEnvFile(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0 && !line.startsWith('#')) values[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return values;
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & {cause?: unknown}).cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error.message;
}

/** Checks that `api` is a MediaWiki api.php answering siteinfo queries. */
async function checkApi(api: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(api);
  } catch {
    throw new Error(`${ENV.api}=${api} is not a URL`);
  }
  url.search = new URLSearchParams({action: 'query', meta: 'siteinfo', format: 'json', formatversion: '2'}).toString();
  let response: Response;
  try {
    response = await fetch(url, {signal: AbortSignal.timeout(15_000)});
  } catch (error) {
    throw new Error(`the wiki at ${api} does not answer: ${describeFetchError(error)}`);
  }
  const body = await response.text();
  let data: {query?: {general?: {sitename?: string; generator?: string}}};
  try {
    data = JSON.parse(body) as typeof data;
  } catch {
    throw new Error(`${api} answered HTTP ${response.status} with something that is not MediaWiki API JSON`);
  }
  const general = data.query?.general;
  if (!response.ok || !general) throw new Error(`${api} answered HTTP ${response.status} without siteinfo`);
  return `${general.sitename ?? '?'} (${general.generator ?? 'MediaWiki'})`;
}

async function useGivenWiki(api: string): Promise<void> {
  const missing = [ENV.username, ENV.password].filter((name) => !env(name));
  if (missing.length > 0) throw new Error(`${ENV.api} is set but ${missing.join(' and ')} not`);
  const site = await checkApi(api);
  process.stderr.write(`\nIntegration tests use the wiki at ${api}: ${site}\n`);
}

async function startThrowawayWiki(): Promise<void> {
  const dirArgs = ['--dir', TEST_WIKI_DIR];
  const relDir = path.relative(REPO_ROOT, TEST_WIKI_DIR);
  process.stderr.write(`\nStarting a fresh throwaway MediaWiki in ${relDir} on port ${TEST_WIKI_PORT}...\n`);
  await runDevWiki(['reset', ...dirArgs]);
  let output: string;
  try {
    output = await runDevWiki(['up', ...dirArgs, '--port', String(TEST_WIKI_PORT)], UP_TIMEOUT_MS);
  } catch (error) {
    // Do not leave a half-started server behind.
    await runDevWiki(['stop', ...dirArgs]).catch(() => undefined);
    throw error;
  }
  const bot = readEnvFile(path.join(TEST_WIKI_DIR, 'bot.env'));
  const admin = readEnvFile(path.join(TEST_WIKI_DIR, 'admin.env'));
  if (!bot.MW_API || !bot.MW_USERNAME || !bot.MW_PASSWORD) {
    await runDevWiki(['stop', ...dirArgs]).catch(() => undefined);
    throw new Error(`${relDir}/bot.env lacks MW_API, MW_USERNAME or MW_PASSWORD`);
  }
  process.env[ENV.startedBySetup] = '1';
  process.env[ENV.dir] = TEST_WIKI_DIR;
  process.env[ENV.api] = bot.MW_API;
  process.env[ENV.username] = bot.MW_USERNAME;
  process.env[ENV.password] = bot.MW_PASSWORD;
  if (admin.MW_ADMIN_USERNAME) process.env[ENV.adminUsername] = admin.MW_ADMIN_USERNAME;
  if (admin.MW_ADMIN_PASSWORD) process.env[ENV.adminPassword] = admin.MW_ADMIN_PASSWORD;
  const took = /is up \(took ([\d.]+s)\)/.exec(output)?.[1];
  process.stderr.write(`Test wiki ready at ${bot.MW_API}${took ? ` (${took})` : ''}\n`);
}

export default async function globalSetup(): Promise<void> {
  delete process.env[ENV.unavailable];
  delete process.env[ENV.startedBySetup];
  const givenApi = env(ENV.api);
  try {
    if (givenApi) await useGivenWiki(givenApi);
    else await startThrowawayWiki();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (process.env.CI === 'true') {
      throw new Error(`Integration tests need a MediaWiki, and none could be had (CI=true, so this run fails): ${reason}`);
    }
    process.env[ENV.unavailable] = reason.split('\n')[0] ?? reason;
    process.stderr.write(
      `\n*** WARNING: no MediaWiki for the integration tests; they will be reported as skipped.\n` +
        `*** Reason: ${reason}\n` +
        `*** Fix it, or point ${ENV.api}/${ENV.username}/${ENV.password} at a wiki (see test/integration/README.md).\n\n`,
    );
  }
}
