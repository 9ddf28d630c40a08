import {
  backoffMs, classifyFailure, clientSettingsFromEnv, DEFAULT_RETRY, describeParams, parseRetryAfter, RequestFailed, resumeRequests,
  StopRequested, stopNewRequests, survivingLine, withRetries, type Operation, type RetryPolicy,
} from '../../bot/wiki/client';
import {UsageError} from '../../bot/io';
import {createLogger} from '../../bot/log';

/** What mwn rejects with: an API error (MwnError-like) or an axios error. */
function apiError(code: string, retryAfter?: string): Error {
  return Object.assign(new Error(`${code}: something`), {code, info: 'something', response: {headers: retryAfter ? {'retry-after': retryAfter} : {}}});
}

function httpError(status: number, retryAfter?: string): Error {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    isAxiosError: true, code: 'ERR_BAD_RESPONSE', response: {status, headers: retryAfter ? {'retry-after': retryAfter} : {}},
  });
}

function networkError(code: string, message = 'socket hang up'): Error {
  return Object.assign(new Error(message), {isAxiosError: true, code});
}

const POLICY: RetryPolicy = {...DEFAULT_RETRY, retries: 3, lagRetries: 2, baseMs: 100, maxMs: 1000, settleMs: 5000};

/** A fake transport: each call to send() takes the next outcome; every wait is recorded, none is real. */
function harness(outcomes: (unknown | Error)[], extra: Partial<Operation<unknown>> = {}) {
  const waits: number[] = [];
  const lines: string[] = [];
  let sent = 0;
  const op: Operation<unknown> = {
    what: 'edit of Foo',
    write: false,
    send: async () => {
      const next = outcomes[sent++];
      if (next instanceof Error) throw next;
      return next;
    },
    ...extra,
  };
  const run = () => withRetries(op, {policy: POLICY, log: createLogger({write: (l) => void lines.push(l)}), sleep: async (ms) => void waits.push(ms), random: () => 0.5});
  return {run, waits, lines, sent: () => sent};
}

afterEach(() => resumeRequests());

describe('classifyFailure', () => {
  it.each<[string, Error, string, number | undefined]>([
    ['maxlag with Retry-After', apiError('maxlag', '1'), 'lag', 1000],
    ['readonly', apiError('readonly'), 'lag', undefined],
    ['ratelimited', apiError('ratelimited'), 'lag', undefined],
    ['badtoken', apiError('badtoken'), 'badtoken', undefined],
    ['assertbotfailed', apiError('assertbotfailed'), 'session', undefined],
    ['assertuserfailed', apiError('assertuserfailed'), 'session', undefined],
    ['notloggedin', apiError('notloggedin'), 'session', undefined],
    ['a database error in MediaWiki', apiError('internal_api_error_DBQueryError'), 'transient', undefined],
    ['HTML instead of JSON', apiError('invalidjson'), 'transient', undefined],
    ['permissiondenied', apiError('permissiondenied'), 'fatal', undefined],
    ['HTTP 503 with Retry-After', httpError(503, '7'), 'transient', 7000],
    ['HTTP 502', httpError(502), 'transient', undefined],
    ['HTTP 429', httpError(429), 'transient', undefined],
    ['HTTP 404', httpError(404), 'fatal', undefined],
    ['HTTP 403', httpError(403), 'fatal', undefined],
    ['ECONNRESET', networkError('ECONNRESET'), 'transient', undefined],
    ['ECONNREFUSED', networkError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), 'transient', undefined],
    ['an axios timeout', networkError('ECONNABORTED', 'timeout of 30000ms exceeded'), 'transient', undefined],
    ['ENOTFOUND (a wrong host name)', networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND wiki.invalid'), 'fatal', undefined],
    ['a TLS certificate error', networkError('CERT_HAS_EXPIRED', 'certificate has expired'), 'fatal', undefined],
  ])('%s', (_name, error, kind, retryAfterMs) => {
    const failure = classifyFailure(error);
    expect(failure.kind).toBe(kind);
    expect(failure.retryAfterMs).toBe(retryAfterMs);
  });

  it('says what a timeout is', () => {
    expect(classifyFailure(networkError('ECONNABORTED', 'timeout of 30000ms exceeded')).message).toBe('no answer within 30000 ms (timeout)');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('5')).toBe(5000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('doubles from the base, with jitter between half and all, and never passes the cap', () => {
    expect(backoffMs(1, POLICY, () => 0)).toBe(50);
    expect(backoffMs(1, POLICY, () => 1)).toBe(100);
    expect(backoffMs(3, POLICY, () => 1)).toBe(400);
    for (let n = 1; n < 40; n++) {
      for (const r of [0, 0.3, 0.999]) {
        const ms = backoffMs(n, POLICY, () => r);
        expect(ms).toBeGreaterThanOrEqual(Math.min(POLICY.maxMs, POLICY.baseMs * 2 ** (n - 1)) / 2 - 1);
        expect(ms).toBeLessThanOrEqual(POLICY.maxMs);
      }
    }
  });
});

describe('withRetries', () => {
  it('retries a read after 5xx and network errors with growing waits, then answers', async () => {
    const h = harness([httpError(503), networkError('ECONNRESET'), {ok: true}]);
    await expect(h.run()).resolves.toEqual({ok: true});
    expect(h.waits).toEqual([75, 150]);
    expect(h.lines.join('')).toMatch(/retrying in 0\.1 s \(1\/3\)/);
  });

  it('gives up after the configured retries, saying so', async () => {
    const h = harness([httpError(503), httpError(503), httpError(503), httpError(503), {ok: true}]);
    await expect(h.run()).rejects.toThrow(new RequestFailed(classifyFailure(httpError(503)), 'HTTP 503 (gave up after 4 attempts)'));
    expect(h.sent()).toBe(4);
  });

  it('honours Retry-After on maxlag, and gives up when the lag lasts', async () => {
    const h = harness([apiError('maxlag', '1'), apiError('maxlag', '2'), {ok: 1}]);
    await expect(h.run()).resolves.toEqual({ok: 1});
    expect(h.waits).toEqual([1000, 2000]);
    const lasting = harness([apiError('maxlag', '1'), apiError('maxlag', '1'), apiError('maxlag', '1')]);
    await expect(lasting.run()).rejects.toThrow(/still after 2 waits/);
  });

  it('cuts an absurd Retry-After down', async () => {
    const h = harness([httpError(503, '86400'), {ok: 1}]);
    await h.run();
    expect(h.waits).toEqual([POLICY.maxRetryAfterMs]);
  });

  it('fetches a new token on badtoken, at most twice', async () => {
    let refreshed = 0;
    const h = harness([apiError('badtoken'), {ok: 1}], {refreshToken: async () => void refreshed++});
    await expect(h.run()).resolves.toEqual({ok: 1});
    expect(refreshed).toBe(1);
    const stubborn = harness([apiError('badtoken'), apiError('badtoken'), apiError('badtoken'), {ok: 1}], {refreshToken: async () => undefined});
    await expect(stubborn.run()).rejects.toThrow(/a fresh token did not help/);
  });

  it('logs in again once when the session is lost, and not in a loop', async () => {
    let logins = 0;
    const h = harness([apiError('assertbotfailed'), {ok: 1}], {relogin: async () => void logins++});
    await expect(h.run()).resolves.toEqual({ok: 1});
    expect(logins).toBe(1);
    const again = harness([apiError('assertbotfailed'), apiError('assertbotfailed'), {ok: 1}], {relogin: async () => undefined});
    await expect(again.run()).rejects.toThrow(/lost again right after logging in again/);
    const oauth = harness([apiError('assertuserfailed')]);
    await expect(oauth.run()).rejects.toThrow(/cannot be renewed: check the credentials/);
  });

  it('never retries what retrying cannot fix', async () => {
    const h = harness([apiError('protectedpage'), {ok: 1}]);
    await expect(h.run()).rejects.toThrow(/protectedpage/);
    expect(h.sent()).toBe(1);
  });

  it('does not send an edit again when the page shows it landed', async () => {
    let looked = 0;
    const h = harness([networkError('ECONNRESET'), {edit: 'second'}], {write: true, landed: async () => (looked++, {edit: {result: 'Success', recovered: true}})});
    await expect(h.run()).resolves.toEqual({edit: {result: 'Success', recovered: true}});
    expect(h.sent()).toBe(1);
    expect(looked).toBe(1);
    expect(h.lines.join('')).toMatch(/had gone through despite the error; not repeated/);
  });

  it('sends an edit again when the page shows it did not land', async () => {
    const h = harness([httpError(502), {edit: 'second'}], {write: true, landed: async () => null});
    await expect(h.run()).resolves.toEqual({edit: 'second'});
    expect(h.sent()).toBe(2);
  });

  it('waits the settling time before looking, after an edit timed out', async () => {
    const h = harness([networkError('ECONNABORTED', 'timeout of 3000ms exceeded'), {edit: 1}], {write: true, landed: async () => null});
    await h.run();
    expect(h.waits).toEqual([POLICY.settleMs]);
  });

  it('retries edits freely after maxlag, badtoken and lost sessions: the wiki did nothing', async () => {
    const h = harness([apiError('maxlag', '1'), apiError('badtoken'), apiError('assertbotfailed'), {edit: 1}],
      {write: true, refreshToken: async () => undefined, relogin: async () => undefined, landed: async () => {
        throw new Error('must not be asked');
      }});
    await expect(h.run()).resolves.toEqual({edit: 1});
  });

  it('does not repeat a write whose outcome it cannot check', async () => {
    const h = harness([networkError('ECONNRESET'), {ok: 1}], {write: true});
    await expect(h.run()).rejects.toThrow(/a write whose outcome is unknown is not repeated/);
    expect(h.sent()).toBe(1);
  });

  it('says when whether an edit landed could not be checked', async () => {
    const h = harness([networkError('ECONNRESET')], {write: true, landed: async () => {
      throw new Error('the wiki is gone');
    }});
    await expect(h.run()).rejects.toThrow(/ECONNRESET: socket hang up; and whether it went through could not be checked: the wiki is gone/);
  });

  it('sends nothing new once a stop is requested, but sees an edit in flight through', async () => {
    stopNewRequests('SIGTERM received');
    await expect(harness([{ok: 1}]).run()).rejects.toBeInstanceOf(StopRequested);
    resumeRequests();
    // The stop arrives while the edit is on its way; the answer is lost; the page says it landed.
    const h = harness([networkError('ECONNRESET')], {write: true, landed: async () => ({landed: true})});
    const op = h.run();
    stopNewRequests('SIGTERM received');
    await expect(op).resolves.toEqual({landed: true});
    // Not landed: it is not sent again.
    resumeRequests();
    const notLanded = harness([networkError('ECONNRESET'), {second: true}], {write: true, landed: async () => {
      stopNewRequests('SIGTERM received');
      return null;
    }});
    await expect(notLanded.run()).rejects.toThrow(/did not go through, and is not repeated: SIGTERM received/);
    expect(notLanded.sent()).toBe(1);
  });
});

describe('clientSettingsFromEnv', () => {
  it('has the defaults, and reads the knobs', () => {
    expect(clientSettingsFromEnv({})).toEqual({timeoutMs: 30_000, retry: {...DEFAULT_RETRY, settleMs: 30_000}});
    expect(clientSettingsFromEnv({PT_REQUEST_TIMEOUT: '1.5', PT_RETRIES: '0', PT_RETRY_BASE_MS: '10'}))
      .toEqual({timeoutMs: 1500, retry: {...DEFAULT_RETRY, retries: 0, baseMs: 10, settleMs: 1500}});
  });

  it.each([['PT_REQUEST_TIMEOUT', 'soon'], ['PT_REQUEST_TIMEOUT', '0'], ['PT_RETRIES', '2.5'], ['PT_RETRIES', '-1'], ['PT_RETRY_BASE_MS', 'x']])(
    'refuses %s=%s as bad usage', (name, value) => {
      expect(() => clientSettingsFromEnv({[name]: value})).toThrow(UsageError);
      expect(() => clientSettingsFromEnv({[name]: value})).toThrow(name);
    });
});

describe('what debug lines show', () => {
  it('hides passwords and tokens, and shortens long texts', () => {
    const shown = describeParams({action: 'login', lgname: 'Bot@app', lgpassword: 'hunter2-secret', lgtoken: 'abc+\\', token: 'csrf+\\', text: 'x'.repeat(500), bot: true, minor: false});
    expect(shown).toEqual({action: 'login', lgname: 'Bot@app', lgpassword: '[redacted]', lgtoken: '[redacted]', token: '[redacted]', text: '[500 characters]', bot: 'true'});
  });
});

describe('survivingLine', () => {
  it('picks the longest line that saving leaves alone', () => {
    expect(survivingLine('Hello.\nA much longer line that stays as it is.\nSigned ~~~~ with a long long long long long tail\n{{subst:foo}} is long too, very very long indeed')).toBe('A much longer line that stays as it is.');
    expect(survivingLine('~~~~')).toBeNull();
  });
});
