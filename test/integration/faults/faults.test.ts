/**
 * The bot against a wiki that misbehaves: a proxy (proxy.ts) between the bot and the test wiki
 * injects 503s, maxlag, dropped connections, stalls, badtoken and lost sessions. Under each
 * fault a command either gives the result of a clean run or stops with a clear error (exit 1);
 * once the fault clears, a re-run completes, and no edit is lost or made twice (revisions and
 * reminder markers are counted on the wiki itself).
 */
import {createLogger, setProcessLogger, type Logger} from '../../../bot/log';
import type {RunResult} from '../helpers';
import {describeWiki, testWiki} from '../wiki';
import {FaultProxy, notLogin, onEdits, type Fault, type Rule} from './proxy';
import {isolated, reminderMarkers, sleep, TODAY, type Isolated} from './setup';

// Short enough that a stall is noticed within the test, long enough for a busy test wiki.
const TIMEOUT_SECONDS = 3;
const STALL_MS = 5000;
const ENV = {PT_REQUEST_TIMEOUT: String(TIMEOUT_SECONDS), PT_RETRY_BASE_MS: '200', PT_RETRIES: '4'};

jest.setTimeout(180_000);

let proxy: FaultProxy;
let lines: string[] = [];
let previousLogger: Logger | null = null;
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  if (!(await wikiReady())) return;
  proxy = await FaultProxy.start((await testWiki()).api);
  // The wiki client reads its knobs from the process environment (in-process runs share it).
  for (const [key, value] of Object.entries(ENV)) {
    savedEnv[key] = process.env[key];
    process.env[key] = value;
  }
});

afterAll(async () => {
  await proxy?.close();
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

beforeEach(() => {
  lines = [];
  previousLogger = setProcessLogger(createLogger({write: (line) => void lines.push(line), level: 'info'}));
  proxy?.clear();
});

afterEach(() => {
  setProcessLogger(previousLogger);
});

async function wikiReady(): Promise<boolean> {
  try {
    await testWiki();
    return true;
  } catch {
    return false;
  }
}

function ok(result: RunResult): RunResult {
  if (result.code !== 0) throw new Error(`exit ${result.code}\n${result.stderr}\n${lines.join('')}`);
  return result;
}

/** A clear one-line error: exit 1, the reason, no stack trace. */
function failedClearly(result: RunResult, reason: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(reason);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
}

// A check after login sends: the token+siteinfo request of the login, siteinfo+userinfo, the
// embeddedin listing, and one batch of page texts. `skip` picks which one breaks.
const TRANSIENT_READ_FAULTS: [string, Rule][] = [
  ['HTTP 503 twice', {fault: {kind: 'status', status: 503}, match: notLogin, times: 2}],
  ['HTTP 503 with Retry-After', {fault: {kind: 'status', status: 503, retryAfter: 1}, match: notLogin, skip: 2, times: 1}],
  ['maxlag twice', {fault: {kind: 'maxlag'}, match: notLogin, skip: 1, times: 2}],
  ['a dropped connection, twice', {fault: {kind: 'drop', when: 'before'}, skip: 2, times: 2}],
  ['a connection dropped after the answer', {fault: {kind: 'drop', when: 'after'}, match: notLogin, skip: 3, times: 1}],
  [`a ${STALL_MS / 1000}-second stall`, {fault: {kind: 'stall', ms: STALL_MS, then: 'forward'}, match: notLogin, skip: 2, times: 1}],
  ['a slow answer', {fault: {kind: 'slow', ms: STALL_MS}, match: notLogin, skip: 3, times: 1}],
  ['a session lost mid-run', {fault: {kind: 'session'}, match: notLogin, skip: 2, times: 1}],
  ['assertbotfailed mid-run', {fault: {kind: 'assertbotfailed'}, match: notLogin, skip: 3, times: 1}],
];

describeWiki('check under faults', () => {
  let s: Isolated;
  let clean: unknown;

  beforeAll(async () => {
    s = await isolated('Faults', 3);
    const result = ok(await s.run(['check', '--json', '--today', TODAY]));
    clean = JSON.parse(result.stdout);
    expect((clean as {partnerships: unknown[]}).partnerships).toHaveLength(3);
  });

  it.each(TRANSIENT_READ_FAULTS)('gives the clean result through %s', async (_name, rule) => {
    s.forgetCache();
    proxy.add(rule);
    const result = ok(await s.run(['check', '--json', '--today', TODAY], proxy.api));
    expect(proxy.count(rule.fault.kind)).toBeGreaterThan(0);
    expect(JSON.parse(result.stdout)).toEqual(clean);
    expect(result.stderr).toBe('');
  });

  it('tells the wiki was lost after a session loss it cannot repair, then works once it clears', async () => {
    // Every request after the login's own loses its session: logging in again works, the next request fails again.
    proxy.add({fault: {kind: 'assertbotfailed'}, match: notLogin, skip: 2});
    failedClearly(await s.run(['check', '--json', '--today', TODAY], proxy.api), /login was lost again right after logging in again/);
    proxy.clear();
    s.forgetCache();
    expect(JSON.parse(ok(await s.run(['check', '--json', '--today', TODAY], proxy.api)).stdout)).toEqual(clean);
  });

  it.each<[string, Fault, RegExp]>([
    ['HTTP 503', {kind: 'status', status: 503}, /HTTP 503 \(gave up after 5 attempts\)/],
    ['dropped connections', {kind: 'drop', when: 'before'}, /(ECONNRESET|socket hang up).*gave up after 5 attempts/],
    ['stalls', {kind: 'stall', ms: STALL_MS, then: 'discard'}, new RegExp(`no answer within ${TIMEOUT_SECONDS * 1000} ms`)],
  ])('stops with a clear error (exit 1) under persistent %s, and a re-run completes once it clears', async (_name, fault, reason) => {
    s.forgetCache();
    proxy.add({fault, match: notLogin, skip: 2});
    const broken = await s.run(['check', '--json', '--today', TODAY], proxy.api);
    failedClearly(broken, reason);
    expect(broken.stdout).toBe('');
    expect(lines.join('')).toMatch(/retrying in/);
    proxy.clear();
    s.forgetCache();
    expect(JSON.parse(ok(await s.run(['check', '--json', '--today', TODAY], proxy.api)).stdout)).toEqual(clean);
  });

  it('stops with a clear error when the wiki stays lagged', async () => {
    proxy.add({fault: {kind: 'maxlag'}, match: notLogin, skip: 2});
    failedClearly(await s.run(['check', '--json', '--today', TODAY], proxy.api), /maxlag: Waiting for a database server.*still after 10 waits/);
    // Retry-After: 1 was honoured: ten waits of about a second each.
    expect(lines.filter((l) => /asked to wait \(maxlag\); retrying in 1\.0 s/.test(l))).toHaveLength(10);
  });
});

const EDIT_FAULTS: [string, Rule, number][] = [
  ['HTTP 503', {fault: {kind: 'status', status: 503}, match: onEdits, times: 1}, 0],
  ['maxlag', {fault: {kind: 'maxlag'}, match: onEdits, times: 1}, 0],
  ['badtoken', {fault: {kind: 'badtoken'}, match: onEdits, times: 2}, 0],
  ['a connection dropped before the wiki saw the edit', {fault: {kind: 'drop', when: 'before'}, match: onEdits, times: 1}, 0],
  ['a connection dropped after the wiki saved the edit', {fault: {kind: 'drop', when: 'after'}, match: onEdits, times: 1}, 0],
  ['a slow answer to the edit (saved, answer late)', {fault: {kind: 'slow', ms: STALL_MS}, match: onEdits, times: 1}, 0],
  ['an edit held up on the way (it arrives after the client gave up)', {fault: {kind: 'stall', ms: STALL_MS, then: 'forward'}, match: onEdits, times: 1}, STALL_MS],
  ['a session lost at the edit', {fault: {kind: 'session'}, match: onEdits, times: 1}, 0],
  ['assertbotfailed at the edit', {fault: {kind: 'assertbotfailed'}, match: onEdits, times: 1}, 0],
];

describeWiki('set under faults', () => {
  let s: Isolated;

  beforeAll(async () => {
    s = await isolated('FaultsSet', 0);
  });

  async function page(name: string): Promise<string> {
    const title = `${s.unique}/${name}`;
    await s.edit(title, `{{${s.template}\n| partner = ${name}\n| stage = contact\n}}`);
    return title;
  }

  it.each(EDIT_FAULTS)('makes the edit exactly once through %s', async (name, rule, settleMs) => {
    const title = await page(name);
    proxy.add(rule);
    const result = ok(await s.run(['set', title, 'stage=active', '--json'], proxy.api));
    expect(proxy.count(rule.fault.kind)).toBeGreaterThan(0);
    // A held-up edit may still arrive after the command ended: give it the time to.
    await sleep(settleMs + 500);
    const revisions = await s.revisions(title);
    expect(revisions).toHaveLength(2);
    expect(revisions[0]?.text).toContain('| stage = active');
    expect(JSON.parse(result.stdout)).toEqual({page: title, index: 0, changed: ['stage'], edited: true, revid: revisions[0]?.revid});
  });

  it('recognises an edit whose every answer is lost as done', async () => {
    const title = await page('always dropped after');
    proxy.add({fault: {kind: 'drop', when: 'after'}, match: onEdits});
    ok(await s.run(['set', title, 'stage=active'], proxy.api));
    expect(await s.revisions(title)).toHaveLength(2);
    expect(lines.join('')).toMatch(/had gone through despite the error; not repeated/);
  });

  it('fails clearly when edits keep failing, and a re-run after the fault makes the edit once', async () => {
    const title = await page('always 503');
    proxy.add({fault: {kind: 'status', status: 503}, match: onEdits});
    failedClearly(await s.run(['set', title, 'stage=active'], proxy.api), /edit request to .* failed: HTTP 503 \(gave up after 5 attempts\)/);
    expect(await s.revisions(title)).toHaveLength(1);
    proxy.clear();
    ok(await s.run(['set', title, 'stage=active'], proxy.api));
    expect(await s.revisions(title)).toHaveLength(2);
  });

  it('fails clearly when it cannot tell whether the edit landed, and the re-run does not repeat it', async () => {
    const title = await page('unknown outcome');
    // The edit lands, then every answer is lost, reads too: the bot cannot know, and says so.
    proxy.add({fault: {kind: 'drop', when: 'after'}, match: onEdits});
    proxy.add({fault: {kind: 'drop', when: 'before'}, match: (r) => proxy.count('drop') > 0 && r.action === 'query'});
    failedClearly(await s.run(['set', title, 'stage=active'], proxy.api), /whether it went through could not be checked/);
    proxy.clear();
    const again = ok(await s.run(['set', title, 'stage=active'], proxy.api));
    expect(again.stdout).toMatch(/nothing to change/);
    expect(await s.revisions(title)).toHaveLength(2);
  });

  it('fails clearly on a badtoken that a fresh token does not cure', async () => {
    const title = await page('always badtoken');
    proxy.add({fault: {kind: 'badtoken'}, match: onEdits});
    failedClearly(await s.run(['set', title, 'stage=active'], proxy.api), /badtoken: Invalid CSRF token\. \(a fresh token did not help\)/);
    expect(await s.revisions(title)).toHaveLength(1);
  });
});

/** Each partnership's talk page, as the clean run leaves it: one reminder. */
async function expectOneReminderEach(s: Isolated, day = TODAY): Promise<void> {
  for (const page of s.pages) {
    const revisions = await s.revisions(`Talk:${page}`);
    const markers = reminderMarkers(revisions[0]?.text ?? '');
    expect({page, markers: markers.length, revisions: revisions.length}).toEqual({page, markers: 1, revisions: 1});
    expect(markers[0]).toContain(`"day":"${day}"`);
  }
}

describeWiki('run (check, reminders, status table) under faults', () => {
  it.each<[string, Rule]>([
    ['a reminder saved but its answer lost', {fault: {kind: 'drop', when: 'after'}, match: (r) => r.isEdit && r.params.section === 'new', times: 2}],
    ['a slow answer to a reminder', {fault: {kind: 'slow', ms: STALL_MS}, match: (r) => r.isEdit && r.params.section === 'new', times: 1}],
    ['a reminder held up less than the settling time', {fault: {kind: 'stall', ms: STALL_MS, then: 'forward'}, match: (r) => r.isEdit && r.params.section === 'new', times: 1}],
    ['HTTP 503 on edits', {fault: {kind: 'status', status: 503}, match: onEdits, times: 2}],
    ['maxlag on edits', {fault: {kind: 'maxlag'}, match: onEdits, times: 2}],
    ['badtoken on a reminder', {fault: {kind: 'badtoken'}, match: onEdits, times: 1}],
    ['a session lost in the middle', {fault: {kind: 'session'}, match: notLogin, skip: 8, times: 1}],
  ])('posts every reminder once and the status table through %s', async (_name, rule) => {
    const s = await isolated('FaultsRun', 3);
    proxy.add(rule);
    const result = ok(await s.run(['run', '--json', '--today', TODAY], proxy.api));
    expect(proxy.count(rule.fault.kind)).toBeGreaterThan(0);
    // A held-up reminder may still arrive after the run ended: give it the time to.
    if (rule.fault.kind === 'stall') await sleep(STALL_MS + 500);
    const summary = JSON.parse(result.stdout) as {partnerships: number; nudge: {posted: unknown[]}; report: {pages: {action: string}[]}};
    expect(summary.partnerships).toBe(3);
    expect(summary.nudge.posted).toHaveLength(3);
    expect(summary.report.pages.map((p) => p.action)).toEqual(['created']);
    await expectOneReminderEach(s);
    expect(await s.revisions(s.statusPage)).toHaveLength(1);
  });

  it('stops with exit 1 while edits fail, and the re-run afterwards completes without repeating anything', async () => {
    const s = await isolated('FaultsRunDown', 3);
    // The first reminder goes through; every edit after it fails.
    proxy.add({fault: {kind: 'status', status: 503}, match: onEdits, skip: 1});
    const broken = await s.run(['run', '--json', '--today', TODAY], proxy.api);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/HTTP 503/);
    proxy.clear();
    const again = JSON.parse(ok(await s.run(['run', '--json', '--today', TODAY], proxy.api)).stdout) as {nudge: {posted: unknown[]}};
    expect(again.nudge.posted).toHaveLength(2);
    await expectOneReminderEach(s);
    expect(await s.revisions(s.statusPage)).toHaveLength(1);
  });
});
