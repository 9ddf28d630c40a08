import {Mwn, type ApiParams} from 'mwn';
import {version} from '../../package.json';
import type {NamespaceNames} from '../../shared/rules/recipients';
import {ConfigError} from '../config';
import {UsageError, WikiError} from '../io';
import {processLogger, type Logger} from '../log';
import {redact, type Credentials} from './credentials';

// mwn's own log lines (rare with its retries off) join the bot's log on stderr, in its format:
// stdout is for --json output.
Mwn.setLoggingConfig({stream: {write: (text: string) => {
  const line = String(text).replace(/^\[[\d\s:-]+\]\s*/, '').trim();
  if (line) processLogger().warn(`mwn: ${line}`);
  return true;
}} as never});

export interface SiteInfo {
  readonly language: string;
  readonly namespaces: NamespaceNames;
  /** Names and aliases of the Template namespace (10), for matching transclusions. */
  readonly templateNamespaces: readonly string[];
  readonly highLimits: boolean;
  readonly userName: string;
  readonly isBot: boolean;
}

export interface ClientOptions {
  readonly operatorContact: string | null;
  /** Counts every API request sent, for progress and benchmarks. */
  readonly onRequest?: () => void;
  /** Where `PT_REQUEST_TIMEOUT`, `PT_RETRIES`, `PT_RETRY_BASE_MS` and `PT_LOG_LEVEL` are read (default: the process's). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Retry warnings and debug lines (default: the process logger). */
  readonly log?: Logger;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** For tests: no real waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const WIKIMEDIA_HOSTS = /(^|\.)(wikipedia|wikimedia|wikidata|wiktionary|wikibooks|wikinews|wikiquote|wikisource|wikiversity|wikivoyage|mediawiki)\.org$/;

export function isWikimediaApi(api: string): boolean {
  try {
    return WIKIMEDIA_HOSTS.test(new URL(api).hostname);
  } catch {
    return false;
  }
}

/** Wikimedia's User-Agent policy: the tool, its version, and how to reach its operator. */
export function userAgent(operatorContact: string | null): string {
  return `PartnershipTracker/${version} (${operatorContact ?? 'no operator contact configured'}) mwn/3`;
}

type Json = Record<string, unknown>;

/**
 * The one place that talks to MediaWiki: User-Agent, maxlag, assert, retries and continuation.
 * mwn does the HTTP, cookies, tokens and maxlag waits; this class decides what to send.
 */
export class WikiClient {
  private constructor(
    readonly bot: Mwn,
    readonly site: SiteInfo,
    readonly credentials: Credentials,
    private readonly onRequest: () => void,
    private readonly hooks: RetryHooks,
    private readonly relogin: (() => Promise<void>) | undefined,
  ) {}

  static async connect(credentials: Credentials, options: ClientOptions): Promise<WikiClient> {
    if (isWikimediaApi(credentials.api) && !options.operatorContact) {
      // Bad configuration (exit 2), found before a single request reaches the wiki.
      throw new ConfigError(`refusing to run on a Wikimedia wiki (${new URL(credentials.api).hostname}) without wiki.operatorContact in the configuration: the User-Agent policy asks for a way to reach the operator`);
    }
    const settings = clientSettingsFromEnv(options.env ?? process.env);
    const log = (options.log ?? processLogger()).withSecrets([credentials.password, credentials.oauth2Token]);
    const timeoutMs = options.timeoutMs ?? settings.timeoutMs;
    const hooks: RetryHooks = {policy: {...settings.retry, settleMs: timeoutMs, ...options.retry}, log, ...(options.sleep ? {sleep: options.sleep} : {})};
    const bot = new Mwn({
      apiUrl: credentials.api,
      userAgent: userAgent(options.operatorContact),
      silent: true,
      suppressAPIWarnings: true,
      // Retries are ours (withRetries): mwn's would repeat edits blindly and log whole responses.
      maxRetries: 0,
      defaultParams: {maxlag: 5, formatversion: 2},
      ...(credentials.oauth2Token ? {OAuth2AccessToken: credentials.oauth2Token} : {}),
      ...(credentials.username ? {username: credentials.username, password: credentials.password ?? ''} : {}),
    });
    // A stalled connection must end in an error the retries can act on, not hang the run.
    bot.setRequestOptions({timeout: timeoutMs});
    const onRequest = options.onRequest ?? (() => undefined);
    const who = credentials.username ?? 'OAuth 2 token';
    const login = async () => {
      await withRetries({what: `login to ${credentials.api} as ${who}`, write: false, send: async () => {
        log.debug('logging in', {api: credentials.api, user: who});
        onRequest();
        onRequest();
        onRequest();
        await bot.login();
      }}, hooks);
    };
    try {
      if (credentials.oauth2Token) {
        await withRetries({what: 'token request', write: false, send: async () => {
          onRequest();
          await bot.getTokensAndSiteInfo();
        }}, hooks);
      } else if (credentials.username) {
        await login();
      }
    } catch (error) {
      throw new WikiError(redact(`login to ${credentials.api} as ${who} failed: ${describe(error)}`, credentials));
    }
    const relogin = credentials.username && credentials.password ? async () => {
      // The old cookies would make MediaWiki answer "already logged in" if the session were still half there.
      await bot.cookieJar.removeAllCookies();
      try {
        await login();
      } catch (error) {
        throw new RequestFailed(classifyFailure(error), `logging in again as ${who} failed: ${describe(error)}`);
      }
    } : undefined;
    const client = new WikiClient(bot, await siteInfo(bot, onRequest, credentials, hooks), credentials, onRequest, hooks, relogin);
    if (client.site.isBot) bot.options.defaultParams = {...bot.options.defaultParams, assert: 'bot'};
    else if (credentials.username || credentials.oauth2Token) bot.options.defaultParams = {...bot.options.defaultParams, assert: 'user'};
    return client;
  }

  /**
   * One API request, with the retries of `withRetries`. Reads are repeated freely. An edit is
   * repeated after maxlag, badtoken or a lost login (the wiki did nothing), but after a server or
   * network error only once the page shows it did not land; other writes are not repeated then.
   */
  async request(params: ApiParams): Promise<Json> {
    return this.send(params, false);
  }

  private async send(params: ApiParams, evenWhenStopping: boolean): Promise<Json> {
    const action = String(params.action);
    const write = !READ_ACTIONS.has(action);
    const log = this.hooks.log;
    let token: string | undefined;
    const edit = action === 'edit' ? await this.editCheck(params) : undefined;
    const op: Operation<Json> = {
      what: action === 'edit' ? `edit of ${String(params.title ?? params.pageid)}` : `${action} request`,
      write,
      evenWhenStopping,
      send: async () => {
        this.onRequest();
        const sent = token !== undefined && params.token !== undefined ? {...params, token} : {...params};
        if (log.enabled('debug')) log.debug('api request', {params: describeParams(sent)});
        return (await this.bot.request(sent)) as Json;
      },
      ...(edit ? {landed: edit} : {}),
      ...(params.token !== undefined ? {refreshToken: async () => {
        await this.refreshToken();
        token = this.bot.csrfToken;
      }} : {}),
      ...(this.relogin ? {relogin: async () => {
        await (this.relogin as () => Promise<void>)();
        if (params.token !== undefined) token = this.bot.csrfToken;
      }} : {}),
    };
    try {
      return await withRetries(op, this.hooks);
    } catch (error) {
      if (error instanceof StopRequested) throw error;
      throw new WikiError(redact(`${action} request to ${this.credentials.api} failed: ${describe(error)}`, this.credentials));
    }
  }

  /**
   * How to tell, after an unclear failure, whether an edit landed. MediaWiki transforms text on
   * save (signatures, subst:, the pipe trick), so texts are compared on what survives that.
   *
   * - Replacing the whole text: landed when the page now has that text, or (with `baserevid`) when
   *   its latest revision is this account's and newer than the base. Sending it again would at
   *   worst be a null edit.
   * - Adding a section, appending, prepending: not idempotent. The page's latest revision is noted
   *   before the first attempt; the edit landed when a later revision by this account has the
   *   section heading and the longest line of the text that saving leaves alone. Only one run
   *   edits at a time (the run lock), so such a revision is this edit.
   */
  private async editCheck(params: ApiParams): Promise<() => Promise<Json | null>> {
    const target: ApiParams = params.pageid !== undefined ? {pageids: String(params.pageid)} : {titles: String(params.title)};
    const added = params.section === 'new' ? params.text : params.appendtext ?? params.prependtext;
    const revisions = async (limit: number, evenWhenStopping: boolean) => {
      const response = await this.send({action: 'query', prop: 'revisions', ...target, rvprop: 'ids|user|content', rvslots: 'main', rvlimit: limit}, evenWhenStopping);
      const page = ((response.query as Json | undefined)?.pages as Json[] | undefined)?.[0];
      const list = (page?.revisions as Json[] | undefined) ?? [];
      return {title: String(page?.title ?? params.title ?? ''), list: list.map((r) => ({
        revid: Number(r.revid), user: String(r.user ?? ''), text: normalise(String(((r.slots as Json | undefined)?.main as Json | undefined)?.content ?? '')),
      }))};
    };
    const success = (title: string, revid: number) => ({edit: {result: 'Success', title, newrevid: revid, recovered: true}});
    const mine = (r: {user: string}) => r.user === this.site.userName;
    if (added === undefined) {
      const text = normalise(String(params.text ?? ''));
      const base = params.baserevid === undefined ? undefined : Number(params.baserevid);
      return async () => {
        const {title, list: [latest]} = await revisions(1, true);
        if (!latest) return null;
        const done = latest.text === text || (base !== undefined && latest.revid > base && mine(latest));
        return done ? success(title, latest.revid) : null;
      };
    }
    const {list: [before]} = await revisions(1, false);
    const base = before?.revid ?? 0;
    const pieces = [survivingLine(String(added)), params.section === 'new' && params.sectiontitle !== undefined ? String(params.sectiontitle).trim() : null]
      .filter((p): p is string => Boolean(p));
    return async () => {
      const {title, list} = await revisions(10, true);
      const found = list.find((r) => r.revid > base && mine(r) && pieces.every((p) => r.text.includes(p)));
      return found ? success(title, found.revid) : null;
    };
  }

  /** Every response of a query, following `continue` (rvcontinue included) to the end. */
  async *queryAll(params: ApiParams): AsyncGenerator<Json> {
    let cont: Json | undefined;
    do {
      const response = await this.request({action: 'query', ...params, ...(cont as ApiParams | undefined)});
      yield response;
      cont = response.continue as Json | undefined;
    } while (cont);
  }

  /** The largest `limit` the API accepts for this account. */
  get batchLimit(): number {
    return this.site.highLimits ? 500 : 50;
  }

  async pageText(title: string): Promise<{text: string; revid: number; timestamp: string} | null> {
    const response = await this.request({action: 'query', prop: 'revisions', titles: title, rvprop: 'ids|content|timestamp', rvslots: 'main'});
    const page = ((response.query as Json | undefined)?.pages as Json[] | undefined)?.[0];
    const revision = (page?.revisions as Json[] | undefined)?.[0];
    if (!page || page.missing || !revision) return null;
    const slot = (revision.slots as Json).main as Json;
    return {text: String(slot.content ?? ''), revid: Number(revision.revid), timestamp: String(revision.timestamp)};
  }

  /**
   * Saves a page. `baseRevId` makes MediaWiki detect edit conflicts; `nochange` comes back when the
   * text was already the same, so callers need not guess.
   */
  async save(title: string, text: string, summary: string, options: {bot?: boolean; baseRevId?: number; createOnly?: boolean; contentModel?: string} = {}): Promise<{nochange: boolean; newrevid?: number}> {
    const params: ApiParams = {
      action: 'edit', title, text, summary,
      ...(options.bot === false ? {} : {bot: true}),
      ...(options.baseRevId ? {baserevid: options.baseRevId} : {}),
      ...(options.createOnly ? {createonly: true} : {}),
      ...(options.contentModel ? {contentmodel: options.contentModel} : {}),
    };
    if (!this.bot.csrfToken || this.bot.csrfToken === '%notoken%') await this.refreshToken();
    params.token = this.bot.csrfToken;
    const response = await this.request(params);
    const edit = response.edit as Json | undefined;
    if (edit?.result !== 'Success') throw new WikiError(`editing ${title} failed: ${JSON.stringify(edit ?? response).slice(0, 300)}`);
    return {nochange: Boolean(edit.nochange), ...(edit.newrevid ? {newrevid: Number(edit.newrevid)} : {})};
  }

  private async refreshToken(): Promise<void> {
    await withRetries({what: 'token request', write: false, send: async () => {
      this.onRequest();
      await this.bot.getCsrfToken();
    }, ...(this.relogin ? {relogin: this.relogin} : {})}, this.hooks);
  }
}

/** Actions that change nothing: repeated freely, and still allowed after a stop request. */
const READ_ACTIONS = new Set(['query', 'parse', 'compare', 'expandtemplates', 'paraminfo', 'help', 'opensearch', 'templatedata', 'purge']);

/** What MediaWiki does to saved text: CRLF to LF, NFC, no trailing whitespace. */
function normalise(text: string): string {
  return text.replace(/\r\n?/g, '\n').normalize('NFC').trimEnd();
}

/** The longest line of a text that saving leaves as it is (no signature, subst or pipe trick), or null. */
export function survivingLine(text: string): string | null {
  const lines = normalise(text).split('\n').map((l) => l.trim())
    .filter((l) => l.length > 0 && !/~~~|subst:|\|\]\]/i.test(l));
  return lines.sort((a, b) => b.length - a.length)[0] ?? null;
}

const SECRET_PARAMS = /(^|_)(password|token)$|^lg(password|token)$|^(oauth|authorization)/i;

/** Parameters for a debug line: secrets and tokens out, long texts as their length. */
export function describeParams(params: ApiParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === false) continue;
    const text = typeof value === 'object' ? '[data]' : String(value);
    out[key] = SECRET_PARAMS.test(key) ? '[redacted]' : text.length > 120 ? `[${text.length} characters]` : text;
  }
  return out;
}

async function siteInfo(bot: Mwn, onRequest: () => void, credentials: Credentials, hooks: RetryHooks): Promise<SiteInfo> {
  let response: Json;
  try {
    response = await withRetries({what: 'siteinfo request', write: false, send: async () => {
      onRequest();
      return (await bot.request({action: 'query', meta: 'siteinfo|userinfo', siprop: 'general|namespaces|namespacealiases', uiprop: 'rights|groups'})) as Json;
    }}, hooks);
  } catch (error) {
    throw new WikiError(redact(`cannot reach the wiki at ${credentials.api}: ${describe(error)}`, credentials));
  }
  const query = response.query as Json;
  const general = query.general as Json;
  const namespaces: Record<number, string> = {};
  for (const ns of Object.values(query.namespaces as Record<string, Json>)) namespaces[Number(ns.id)] = String(ns.name);
  const aliases = (query.namespacealiases as Json[]).filter((a) => a.id === 10).map((a) => String(a.alias));
  const template = query.namespaces as Record<string, Json>;
  const templateNs = template['10'] as Json | undefined;
  const user = query.userinfo as Json;
  // Credentials were given but the wiki sees an anonymous visitor: an OAuth 2 token it does not
  // accept (or a wiki without the OAuth extension). Say so now, not at the first edit.
  if ((user.anon !== undefined && user.anon !== false) && (credentials.username || credentials.oauth2Token)) {
    throw new WikiError(redact(`login to ${credentials.api} as ${credentials.username ?? 'OAuth 2 token'} failed: the wiki does not recognise the ${credentials.oauth2Token ? 'OAuth 2 token' : 'login'} (it sees an anonymous visitor)`, credentials));
  }
  const rights = (user.rights as string[] | undefined) ?? [];
  return {
    language: String(general.lang ?? 'en'),
    namespaces,
    templateNamespaces: [...new Set(['Template', String(templateNs?.name ?? 'Template'), String(templateNs?.canonical ?? 'Template'), ...aliases])],
    highLimits: rights.includes('apihighlimits'),
    userName: String(user.name ?? ''),
    isBot: ((user.groups as string[] | undefined) ?? []).includes('bot'),
  };
}

function describe(error: unknown): string {
  if (error instanceof RequestFailed) return error.message;
  if (error instanceof Error) {
    const code = (error as {code?: string}).code;
    return code ? `${code}: ${error.message.replace(/^\w+: /, '')}` : error.message;
  }
  return String(error);
}

// ---------------------------------------------------------------------------------------------
// Retries. mwn's own retry loop is switched off (maxRetries: 0) because it re-sends edits after a
// network error without knowing whether the first one landed, and prints the failed response
// (headers, cookies) with console.log. Everything below decides instead, in one place.

/** How hard to try before giving up. */
export interface RetryPolicy {
  /** Retries after a server error (5xx), a network error or a timeout. */
  readonly retries: number;
  /** Waits for `maxlag`, `readonly` and `ratelimited` answers: lag can last minutes, and nothing was done. */
  readonly lagRetries: number;
  /** First backoff; doubled each time, with jitter, up to `maxMs`. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** The longest `Retry-After` honoured, so a broken header cannot park the bot for hours. */
  readonly maxRetryAfterMs: number;
  /**
   * After a write timed out, how long to wait before looking whether it landed: a request held
   * up on the way may still reach the wiki, and looking too early would send it a second time.
   */
  readonly settleMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {retries: 5, lagRetries: 10, baseMs: 1000, maxMs: 30_000, maxRetryAfterMs: 120_000, settleMs: 30_000};
/** Long enough for a slow parse of a big page, short enough that a stalled connection is noticed. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Operator knobs from the environment: `PT_REQUEST_TIMEOUT` (seconds per request, default 30),
 * `PT_RETRIES` (default 5) and `PT_RETRY_BASE_MS` (first backoff, default 1000). A bad value is
 * bad configuration (exit 2), not something to guess around.
 */
export function clientSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): {timeoutMs: number; retry: RetryPolicy} {
  const number = (name: string, check: (n: number) => boolean, what: string): number | undefined => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') return undefined;
    const value = Number(raw);
    if (!Number.isFinite(value) || !check(value)) throw new UsageError(`${name} must be ${what}, not "${raw}"`);
    return value;
  };
  const timeout = number('PT_REQUEST_TIMEOUT', (n) => n > 0 && n <= 600, 'a number of seconds from 0 to 600');
  const retries = number('PT_RETRIES', (n) => Number.isInteger(n) && n >= 0 && n <= 20, 'a whole number from 0 to 20');
  const base = number('PT_RETRY_BASE_MS', (n) => n >= 0 && n <= 60_000, 'a number of milliseconds from 0 to 60000');
  return {
    timeoutMs: timeout === undefined ? DEFAULT_TIMEOUT_MS : Math.round(timeout * 1000),
    retry: {...DEFAULT_RETRY, settleMs: timeout === undefined ? DEFAULT_TIMEOUT_MS : Math.round(timeout * 1000),
      ...(retries === undefined ? {} : {retries}), ...(base === undefined ? {} : {baseMs: base})},
  };
}

/**
 * - `lag`: the wiki refused before doing anything (maxlag, read-only, rate limit): wait, retry.
 * - `badtoken`: the edit token went stale: fetch a new one, retry.
 * - `session`: the login was lost (assert failed, not logged in): log in again once, retry.
 * - `transient`: 5xx, network error, timeout, garbage instead of JSON. A write may or may not
 *   have happened: an edit is retried only after re-reading the page.
 * - `fatal`: anything else (permission denied, bad title, ...): retrying would not help.
 */
export type FailureKind = 'lag' | 'badtoken' | 'session' | 'transient' | 'fatal';

export interface Failure {
  readonly kind: FailureKind;
  /** The API error code, the network error code, or `http-NNN`. */
  readonly code: string;
  readonly retryAfterMs?: number;
  readonly message: string;
}

const LAG_CODES = new Set(['maxlag', 'readonly', 'ratelimited']);
const SESSION_CODES = new Set(['assertbotfailed', 'assertuserfailed', 'assertnameduserfailed', 'notloggedin']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN',
  'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'ERR_NETWORK', 'ECANCELED']);

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as {get?: (n: string) => unknown} & Record<string, unknown>;
  const value = typeof h.get === 'function' ? h.get(name) : h[name] ?? h[name.toLowerCase()];
  return value === undefined || value === null ? undefined : String(value);
}

/** `Retry-After`: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function classifyFailure(error: unknown): Failure {
  const e = error as {isAxiosError?: boolean; code?: unknown; response?: {status?: number; headers?: unknown}; message?: string} | null;
  const message = error instanceof Error ? error.message : String(error);
  if (e?.isAxiosError) {
    const status = e.response?.status;
    const retryAfterMs = parseRetryAfter(header(e.response?.headers, 'retry-after'));
    const extra = retryAfterMs === undefined ? {} : {retryAfterMs};
    if (status !== undefined) {
      const kind = status >= 500 || status === 408 || status === 429 ? 'transient' : 'fatal';
      return {kind, code: `http-${status}`, message: `HTTP ${status}`, ...extra};
    }
    const code = typeof e.code === 'string' ? e.code : 'network';
    const kind = NETWORK_CODES.has(code) || /socket hang up|timeout|aborted/i.test(message) ? 'transient' : 'fatal';
    return {kind, code, message: /timeout of \d+ms exceeded/.test(message) ? `no answer within ${/\d+/.exec(message)?.[0]} ms (timeout)` : `${code}: ${message}`};
  }
  const code = typeof e?.code === 'string' ? e.code : 'unknown';
  const retryAfterMs = parseRetryAfter(header(e?.response?.headers, 'retry-after'));
  const extra = retryAfterMs === undefined ? {} : {retryAfterMs};
  if (LAG_CODES.has(code)) return {kind: 'lag', code, message, ...extra};
  if (code === 'badtoken') return {kind: 'badtoken', code, message};
  if (SESSION_CODES.has(code)) return {kind: 'session', code, message};
  // A database error inside MediaWiki, or an HTML error page where JSON was expected.
  if (code.startsWith('internal_api_error') || code === 'invalidjson' || code === 'mwn_invalidformat') return {kind: 'transient', code, message, ...extra};
  return {kind: 'fatal', code, message};
}

/** A failure the retries could not get past; `request` turns it into a `WikiError`. */
export class RequestFailed extends Error {
  override name = 'RequestFailed';
  constructor(readonly failure: Failure, message: string) {
    super(message);
  }
}

/**
 * The process was asked to stop (SIGTERM): the request in flight finishes (an edit that was sent
 * is seen through, up to checking whether it landed), no new request is sent.
 */
export class StopRequested extends WikiError {
  override name = 'StopRequested';
}

let stopReason: string | null = null;
const wakeOnStop = new Set<() => void>();

/** From now on every new request fails with `StopRequested` before it is sent; backoff waits end early. */
export function stopNewRequests(reason: string): void {
  stopReason = reason;
  for (const wake of [...wakeOnStop]) wake();
}

/** Undoes `stopNewRequests` (a new `start`, or the next test). */
export function resumeRequests(): void {
  stopReason = null;
}

export function stopRequested(): string | null {
  return stopReason;
}

/** Sleeps; a stop request ends the wait early (the retry is then not sent). */
export function stoppableSleep(ms: number): Promise<void> {
  if (ms <= 0 || stopReason !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      wakeOnStop.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    wakeOnStop.add(done);
  });
}

export interface Operation<T> {
  /** For messages: "query", "edit of Foo". */
  readonly what: string;
  send(): Promise<T>;
  /** It changes the wiki: repeated only when known not to have landed. */
  readonly write: boolean;
  /** Sent even after a stop request: the check of whether an edit in flight landed. */
  readonly evenWhenStopping?: boolean;
  /** After an unclear failure of a write: what the wiki shows now, as the write's answer, or null when it did not land. */
  landed?(): Promise<T | null>;
  refreshToken?(): Promise<void>;
  relogin?(): Promise<void>;
}

export interface RetryHooks {
  readonly policy: RetryPolicy;
  readonly log: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** Exponential backoff with jitter: between half and all of min(max, base·2^(n−1)). */
export function backoffMs(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

export async function withRetries<T>(op: Operation<T>, hooks: RetryHooks): Promise<T> {
  const {policy, log} = hooks;
  const sleep = hooks.sleep ?? stoppableSleep;
  const random = hooks.random ?? Math.random;
  let failures = 0;
  let lagWaits = 0;
  let tokenRefreshes = 0;
  let relogged = false;
  for (;;) {
    if (stopReason !== null && !op.evenWhenStopping) throw new StopRequested(`${op.what} not sent: ${stopReason}`);
    let failure: Failure;
    try {
      return await op.send();
    } catch (error) {
      if (error instanceof StopRequested || error instanceof RequestFailed) throw error;
      failure = classifyFailure(error);
    }
    const fail = (why: string) => new RequestFailed(failure, `${failure.message}${why ? ` (${why})` : ''}`);
    switch (failure.kind) {
      case 'fatal':
        throw fail('');
      case 'lag': {
        if (lagWaits >= policy.lagRetries) throw fail(`still after ${lagWaits} waits`);
        lagWaits += 1;
        const wait = Math.min(failure.retryAfterMs ?? backoffMs(lagWaits, policy, random), policy.maxRetryAfterMs);
        log.warn(`${op.what}: the wiki asked to wait (${failure.code}); retrying in ${(wait / 1000).toFixed(1)} s`, {code: failure.code});
        await sleep(wait);
        continue;
      }
      case 'badtoken':
        if (!op.refreshToken || tokenRefreshes >= 2) throw fail('a fresh token did not help');
        tokenRefreshes += 1;
        log.warn(`${op.what}: the edit token was refused; fetching a new one and retrying`, {code: failure.code});
        await op.refreshToken();
        continue;
      case 'session':
        if (!op.relogin) throw fail('the login was lost, and this login cannot be renewed: check the credentials');
        if (relogged) throw fail('the login was lost again right after logging in again');
        relogged = true;
        log.warn(`${op.what}: the login was lost (${failure.code}); logging in again`, {code: failure.code});
        await op.relogin();
        continue;
      case 'transient': {
        if (failures >= policy.retries) throw fail(`gave up after ${failures + 1} attempts`);
        failures += 1;
        const timedOut = failure.code === 'ECONNABORTED' || failure.code === 'ETIMEDOUT';
        const wait = Math.max(Math.min(failure.retryAfterMs ?? backoffMs(failures, policy, random), policy.maxRetryAfterMs),
          op.write && timedOut ? policy.settleMs : 0);
        log.warn(`${op.what} failed (${failure.message}); retrying in ${(wait / 1000).toFixed(1)} s (${failures}/${policy.retries})`, {code: failure.code});
        await sleep(wait);
        if (op.write) {
          // The write may have been done before the connection broke: look before sending it again.
          if (!op.landed) throw fail('a write whose outcome is unknown is not repeated');
          let landed: T | null;
          try {
            landed = await op.landed();
          } catch (error) {
            throw new RequestFailed(failure, `${failure.message}; and whether it went through could not be checked: ${error instanceof Error ? error.message : String(error)}`);
          }
          if (landed !== null) {
            log.info(`${op.what}: it had gone through despite the error; not repeated`);
            return landed;
          }
          if (stopReason !== null) throw new StopRequested(`${op.what} did not go through, and is not repeated: ${stopReason}`);
        }
        continue;
      }
    }
  }
}
