/**
 * A small HTTP proxy between the bot and the test wiki that breaks things on purpose.
 *
 * It listens on 127.0.0.1 only, on a port of its own, and forwards every request to the wiki's
 * origin (same path and query). Rules say which requests to break and how; a rule applies to the
 * requests it matches, after skipping the first `skip` of them, `times` times (default: forever).
 * Bounded: request and response bodies up to 32 MiB, at most 64 connections, every timer cleared
 * and every socket destroyed on `close()`.
 */
import http from 'node:http';
import type {AddressInfo, Socket} from 'node:net';

export type Fault =
  /** An HTTP error (503 by default) without reaching the wiki. */
  | {readonly kind: 'status'; readonly status?: number; readonly retryAfter?: number}
  /** MediaWiki's maxlag answer, with `Retry-After: 1`, without reaching the wiki. */
  | {readonly kind: 'maxlag'}
  /** The connection dies: before the request reaches the wiki, or after the wiki has done it (the answer is lost). */
  | {readonly kind: 'drop'; readonly when: 'before' | 'after'}
  /** The request waits `ms` before it is forwarded (`forward`, even if the client has given up) or thrown away (`discard`). */
  | {readonly kind: 'stall'; readonly ms: number; readonly then: 'forward' | 'discard'}
  /** The wiki does the request at once; its answer waits `ms`. */
  | {readonly kind: 'slow'; readonly ms: number}
  /** `badtoken`, without reaching the wiki. */
  | {readonly kind: 'badtoken'}
  /** The session is lost: the request reaches the wiki without its cookies, and the answer deletes them from the client. */
  | {readonly kind: 'session'}
  /** `assertbotfailed`, without reaching the wiki. */
  | {readonly kind: 'assertbotfailed'};

export interface ProxiedRequest {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly action: string;
  /** POST with action=edit (or another write). */
  readonly isEdit: boolean;
  readonly isLogin: boolean;
}

export interface Rule {
  readonly fault: Fault;
  readonly match?: (request: ProxiedRequest) => boolean;
  readonly skip?: number;
  readonly times?: number;
}

export interface Injection {
  readonly kind: Fault['kind'];
  readonly action: string;
  readonly title?: string;
}

const MAX_BODY = 32 * 1024 * 1024;

export const onEdits = (r: ProxiedRequest) => r.isEdit;
export const notLogin = (r: ProxiedRequest) => !r.isLogin;

/** The fields of a urlencoded or multipart body that matter for matching (action, title, ...). */
function bodyParams(body: Buffer, contentType: string | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  if (contentType?.startsWith('multipart/form-data')) {
    const text = body.toString('latin1');
    for (const match of text.matchAll(/Content-Disposition: form-data; name="([^"]+)"\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/g)) {
      const value = match[2] ?? '';
      if (value.length < 4096) params[match[1] as string] = Buffer.from(value, 'latin1').toString('utf8');
    }
    return params;
  }
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = value;
  return params;
}

export class FaultProxy {
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private rules: {rule: Rule; seen: number; used: number}[] = [];
  /** Every request seen, and every fault injected. */
  requests = 0;
  readonly injected: Injection[] = [];
  /** The last requests seen (at most 1000): what the bot sent, headers included. */
  readonly seen: (ProxiedRequest & {readonly userAgent: string})[] = [];
  private port = 0;

  private constructor(private readonly target: URL) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.maxConnections = 64;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a proxy for the wiki whose api.php is `api`. */
  static async start(api: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(new URL(api));
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => resolve());
    });
    proxy.port = (proxy.server.address() as AddressInfo).port;
    return proxy;
  }

  /** The api.php URL to give the bot. */
  get api(): string {
    return `http://127.0.0.1:${this.port}${this.target.pathname}`;
  }

  add(rule: Rule): this {
    this.rules.push({rule, seen: 0, used: 0});
    return this;
  }

  /** The fault clears: everything is forwarded as it is again, and the counts start over. */
  clear(): this {
    this.rules = [];
    this.injected.length = 0;
    this.seen.length = 0;
    this.requests = 0;
    return this;
  }

  /** How many times a fault of this kind was injected since the last `clear()`. */
  count(kind: Fault['kind']): number {
    return this.injected.filter((i) => i.kind === kind).length;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private pick(request: ProxiedRequest): Fault | null {
    for (const entry of this.rules) {
      if (entry.rule.match && !entry.rule.match(request)) continue;
      entry.seen += 1;
      if (entry.seen <= (entry.rule.skip ?? 0)) continue;
      if (entry.used >= (entry.rule.times ?? Infinity)) continue;
      entry.used += 1;
      return entry.rule.fault;
    }
    return null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.requests += 1;
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) {
          res.writeHead(413).end();
          return;
        }
        chunks.push(chunk as Buffer);
      }
    } catch {
      return;
    }
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.target);
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === 'POST') Object.assign(params, bodyParams(body, req.headers['content-type']));
    const action = params.action ?? '';
    const request: ProxiedRequest = {
      method: req.method ?? 'GET', params, action,
      isEdit: req.method === 'POST' && action === 'edit',
      // The login itself and its login-token request (not the token request after it).
      isLogin: action === 'login' || (action === 'query' && params.meta === 'tokens' && params.type === 'login'),
    };
    this.seen.push({...request, userAgent: req.headers['user-agent'] ?? ''});
    if (this.seen.length > 1000) this.seen.shift();
    const fault = this.pick(request);
    if (fault) this.injected.push({kind: fault.kind, action, ...(params.title ? {title: params.title} : {})});
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {'Content-Type': 'application/json; charset=utf-8', ...headers}).end(JSON.stringify(value));
    };

    switch (fault?.kind) {
      case 'status':
        res.writeHead(fault.status ?? 503, {'Content-Type': 'text/html', ...(fault.retryAfter === undefined ? {} : {'Retry-After': String(fault.retryAfter)})})
          .end('<html><body>Service Unavailable (injected)</body></html>');
        return;
      case 'maxlag':
        json(200, {error: {code: 'maxlag', info: 'Waiting for a database server: 5 seconds lagged', lag: 5}}, {'Retry-After': '1', 'X-Database-Lag': '5'});
        return;
      case 'badtoken':
        json(200, {error: {code: 'badtoken', info: 'Invalid CSRF token.'}});
        return;
      case 'assertbotfailed':
        json(200, {error: {code: 'assertbotfailed', info: 'You do not have the "bot" right, so the action could not be completed.'}});
        return;
      case 'drop':
        if (fault.when === 'before') {
          req.socket.destroy();
          return;
        }
        break;
      case 'stall': {
        let gone = false;
        res.on('close', () => (gone = true));
        await this.wait(fault.ms);
        if (fault.then === 'discard') {
          req.socket.destroy();
          return;
        }
        if (gone) {
          // The client gave up; the wiki still gets the request, as behind a real slow proxy.
          await this.forward(req, url, body, {}).catch(() => undefined);
          return;
        }
        break;
      }
      default:
        break;
    }

    let answer: {status: number; headers: http.IncomingHttpHeaders; body: Buffer};
    try {
      answer = await this.forward(req, url, body, fault?.kind === 'session' ? {dropCookies: true} : {});
    } catch {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'drop') {
      // The wiki did it; the client never hears.
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await this.wait(fault.ms);
    if (res.destroyed || req.socket.destroyed) return;
    const headers = {...answer.headers};
    delete headers['transfer-encoding'];
    delete headers.connection;
    headers['content-length'] = String(answer.body.length);
    if (fault?.kind === 'session') {
      // Expire every cookie the client sent, so its cookie jar forgets the session.
      const names = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')[0]).filter((n): n is string => Boolean(n));
      const set = ([] as string[]).concat(headers['set-cookie'] ?? []);
      headers['set-cookie'] = [...set, ...names.map((n) => `${n}=deleted; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; path=/`)];
    }
    res.writeHead(answer.status, headers).end(answer.body);
  }

  private forward(req: http.IncomingMessage, url: URL, body: Buffer, options: {dropCookies?: boolean}): Promise<{status: number; headers: http.IncomingHttpHeaders; body: Buffer}> {
    const headers = {...req.headers, host: this.target.host};
    delete headers.connection;
    if (options.dropCookies) delete headers.cookie;
    headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const upstream = http.request({
        host: this.target.hostname, port: this.target.port, method: req.method, path: `${url.pathname}${url.search}`, headers,
        timeout: 60_000,
      }, (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) response.destroy(new Error('response too large'));
          else chunks.push(chunk);
        });
        response.on('end', () => resolve({status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks)}));
        response.on('error', reject);
      });
      upstream.on('timeout', () => upstream.destroy(new Error('upstream timeout')));
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}
