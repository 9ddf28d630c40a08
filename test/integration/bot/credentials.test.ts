/**
 * Credentials are never printed or logged: not on success, not in errors, not at debug level,
 * not by mwn. Each test looks for the password (or token) in everything the bot wrote, on the
 * real process's stdout and stderr where it matters (a child process), and in-process otherwise.
 * Also: a failed login exits 1 naming the wiki and the user, and the wiki manners that the
 * client sends with every request (User-Agent, maxlag, assert) are checked on the wire.
 */
import {mkdtempSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createLogger, setProcessLogger, type Logger} from '../../../bot/log';
import {FaultProxy, notLogin, onEdits} from '../faults/proxy';
import {isolated, spawnBot, TODAY} from '../faults/setup';
import {runBot} from '../helpers';
import {describeWiki, testWiki} from '../wiki';

jest.setTimeout(120_000);

const WRONG = `wrong-${Math.random().toString(36).slice(2)}-password`;

function cwd(config: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pt-cred-'));
  writeFileSync(path.join(dir, 'partnership-bot.config.json'), JSON.stringify({statePath: path.join(dir, 'state'), onWikiConfigPage: null, ...config}));
  return dir;
}

/** Every secret there is in this test run. */
async function secrets(): Promise<string[]> {
  const wiki = await testWiki();
  return [WRONG, wiki.password, ...(wiki.adminPassword ? [wiki.adminPassword] : [])];
}

async function expectNoSecret(text: string): Promise<void> {
  for (const secret of await secrets()) expect(text).not.toContain(secret);
}

let debugLines: string[] = [];
let previous: Logger | null = null;

beforeEach(() => {
  // In-process runs log through the process logger: at debug level, captured here.
  debugLines = [];
  previous = setProcessLogger(createLogger({write: (l) => void debugLines.push(l), level: 'debug'}));
});

afterEach(() => setProcessLogger(previous));

describeWiki('a failed login', () => {
  it('exits 1 naming the wiki and the user, never the password (child process, debug logging)', async () => {
    const wiki = await testWiki();
    const child = await spawnBot(['check', '--json'], cwd(), {MW_PASSWORD: WRONG, PT_LOG_LEVEL: 'debug'});
    expect(await child.exited).toEqual({code: 1, signal: null});
    const output = child.output();
    expect(output).toContain(`partnership-bot: login to ${wiki.api} as ${wiki.username} failed: `);
    expect(output).toMatch(/Incorrect username or password/);
    // Debug logging was on: the login was logged, the password was not.
    expect(output).toMatch(/debug logging in api=/);
    await expectNoSecret(output);
  });

  it('from a .env file: the same', async () => {
    const wiki = await testWiki();
    const dir = cwd();
    writeFileSync(path.join(dir, '.env'), `MW_API=${wiki.api}\nMW_USERNAME=${wiki.username}\nMW_PASSWORD="${WRONG}"\n`);
    let stdout = '';
    let stderr = '';
    const {main} = await import('../../../bot/cli');
    const code = await main(['check'], {stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stdoutIsTTY: false, env: {}, cwd: dir});
    expect(code).toBe(1);
    expect(stderr).toContain(`login to ${wiki.api} as ${wiki.username} failed`);
    await expectNoSecret(stdout + stderr + debugLines.join(''));
  });

  it('start with a wrong password exits 1 at once', async () => {
    const child = await spawnBot(['start', '--log-format', 'json'], cwd(), {MW_PASSWORD: WRONG, PT_LOG_LEVEL: 'debug'});
    expect(await child.exited).toEqual({code: 1, signal: null});
    expect(child.output()).toMatch(/login to .* failed/);
    await expectNoSecret(child.output());
  });

  it('an OAuth 2 token the wiki does not accept: exit 1, the token never shown', async () => {
    const wiki = await testWiki();
    const token = `oauth-${Math.random().toString(36).slice(2)}-token`;
    const result = await runBot(['check'], {cwd: cwd(), env: {MW_API: wiki.api, MW_USERNAME: '', MW_PASSWORD: '', MW_OAUTH2_TOKEN: token}});
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`partnership-bot: login to ${wiki.api} as OAuth 2 token failed: the wiki does not recognise the OAuth 2 token (it sees an anonymous visitor)\n`);
    for (const text of [result.stdout, result.stderr, debugLines.join('')]) expect(text).not.toContain(token);
  });
});

describeWiki('no secret in any output', () => {
  let proxy: FaultProxy;

  beforeAll(async () => {
    proxy = await FaultProxy.start((await testWiki()).api);
  });

  afterAll(async () => {
    await proxy.close();
  });

  beforeEach(() => proxy.clear());

  it('of a full run at debug level with JSON logs (child process)', async () => {
    const s = await isolated('Cred', 2);
    const child = await spawnBot(['run', '--json', '--today', TODAY], s.cwd, {PT_LOG_LEVEL: 'debug'});
    expect(await child.exited).toEqual({code: 0, signal: null});
    expect(child.output()).toMatch(/debug api request params=.*"action":"edit"/);
    expect(child.output()).toMatch(/"token":"\[redacted\]"/);
    await expectNoSecret(child.output());
  });

  it('when the wiki fails, during login and after it (child process, debug logging)', async () => {
    const s = await isolated('CredFail', 1);
    // The login request itself breaks: the one that carries the password.
    proxy.add({fault: {kind: 'drop', when: 'before'}, match: (r) => r.action === 'login'});
    const env = {MW_API: proxy.api, PT_LOG_LEVEL: 'debug', PT_RETRIES: '1', PT_RETRY_BASE_MS: '50'};
    const login = await spawnBot(['check'], s.cwd, env);
    expect((await login.exited).code).toBe(1);
    expect(login.output()).toMatch(/login to .* failed: ECONNRESET: socket hang up \(gave up after 2 attempts\)/);
    await expectNoSecret(login.output());
    // Everything after the login answers 503.
    proxy.clear().add({fault: {kind: 'status', status: 503}, match: notLogin, skip: 1});
    const later = await spawnBot(['set', s.pages[0] as string, 'stage=active'], s.cwd, env);
    expect((await later.exited).code).toBe(1);
    expect(later.output()).toMatch(/HTTP 503/);
    await expectNoSecret(later.output());
  });

  it('when the session is lost and the bot logs in again (in-process, debug logging)', async () => {
    const s = await isolated('CredRelogin', 1);
    proxy.add({fault: {kind: 'session'}, match: onEdits, times: 1});
    const result = await s.run(['set', s.pages[0] as string, 'stage=active'], proxy.api);
    expect(result.code).toBe(0);
    expect(debugLines.join('')).toMatch(/the login was lost \(assertbotfailed\); logging in again/);
    await expectNoSecret(result.stdout + result.stderr + debugLines.join(''));
  });
});

describeWiki('wiki manners on the wire', () => {
  let proxy: FaultProxy;

  beforeAll(async () => {
    proxy = await FaultProxy.start((await testWiki()).api);
  });

  afterAll(async () => {
    await proxy.close();
  });

  it('a User-Agent naming the operator, maxlag=5 on every request after login, assert=bot on bot edits', async () => {
    const s = await isolated('Manners', 1, {wiki: {api: null, operatorContact: 'mailto:ops@example.org', language: null}});
    const result = await s.run(['set', s.pages[0] as string, 'stage=active'], proxy.api);
    expect(result.code).toBe(0);
    expect(new Set(proxy.seen.map((r) => r.userAgent))).toEqual(new Set([expect.stringMatching(/^PartnershipTracker\/\d+\.\d+\.\d+ \(mailto:ops@example\.org\) mwn\/3$/)]));
    const afterLogin = proxy.seen.slice(proxy.seen.findIndex((r) => r.action === 'login') + 1);
    expect(afterLogin.length).toBeGreaterThan(2);
    for (const request of afterLogin.filter((r) => !r.params.meta?.includes('tokens'))) expect(request.params.maxlag).toBe('5');
    const edit = proxy.seen.find((r) => r.isEdit);
    expect(edit?.params).toMatchObject({assert: 'bot', bot: '1', maxlag: '5'});
  });

  it('refuses to run against a Wikimedia wiki without an operator contact: exit 2, before any request', async () => {
    const wiki = await testWiki();
    const result = await runBot(['check'], {cwd: cwd(), env: {MW_API: 'https://meta.wikimedia.org/w/api.php', MW_USERNAME: wiki.username, MW_PASSWORD: wiki.password}});
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('partnership-bot: refusing to run on a Wikimedia wiki (meta.wikimedia.org) without wiki.operatorContact in the configuration: the User-Agent policy asks for a way to reach the operator\n');
    await expectNoSecret(result.stdout + result.stderr + debugLines.join(''));
  });
});
