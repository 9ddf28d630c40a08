import {Mwn, type ApiParams} from 'mwn';
import {version} from '../../package.json';
import type {NamespaceNames} from '../../shared/rules/recipients';
import {WikiError} from '../io';
import {redact, type Credentials} from './credentials';

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
  ) {}

  static async connect(credentials: Credentials, options: ClientOptions): Promise<WikiClient> {
    if (isWikimediaApi(credentials.api) && !options.operatorContact) {
      throw new WikiError('refusing to run on a Wikimedia wiki without wiki.operatorContact in the configuration (User-Agent policy)');
    }
    const bot = new Mwn({
      apiUrl: credentials.api,
      userAgent: userAgent(options.operatorContact),
      silent: true,
      suppressAPIWarnings: true,
      maxRetries: 4,
      retryPause: 2000,
      defaultParams: {maxlag: 5, formatversion: 2},
      ...(credentials.oauth2Token ? {OAuth2AccessToken: credentials.oauth2Token} : {}),
      ...(credentials.username ? {username: credentials.username, password: credentials.password ?? ''} : {}),
    });
    const onRequest = options.onRequest ?? (() => undefined);
    try {
      if (credentials.oauth2Token) {
        onRequest();
        await bot.getTokensAndSiteInfo();
      } else if (credentials.username) {
        onRequest();
        onRequest();
        onRequest();
        await bot.login();
      }
    } catch (error) {
      throw new WikiError(redact(`login to ${credentials.api} as ${credentials.username ?? 'OAuth 2 token'} failed: ${describe(error)}`, credentials));
    }
    const client = new WikiClient(bot, await siteInfo(bot, onRequest, credentials), credentials, onRequest);
    if (client.site.isBot) bot.options.defaultParams = {...bot.options.defaultParams, assert: 'bot'};
    else if (credentials.username || credentials.oauth2Token) bot.options.defaultParams = {...bot.options.defaultParams, assert: 'user'};
    return client;
  }

  async request(params: ApiParams): Promise<Json> {
    this.onRequest();
    try {
      return (await this.bot.request(params)) as Json;
    } catch (error) {
      throw new WikiError(redact(`${String(params.action)} request to ${this.credentials.api} failed: ${describe(error)}`, this.credentials));
    }
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
      token: this.bot.csrfToken,
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
    this.onRequest();
    await this.bot.getCsrfToken();
  }
}

async function siteInfo(bot: Mwn, onRequest: () => void, credentials: Credentials): Promise<SiteInfo> {
  onRequest();
  let response: Json;
  try {
    response = (await bot.request({action: 'query', meta: 'siteinfo|userinfo', siprop: 'general|namespaces|namespacealiases', uiprop: 'rights|groups'})) as Json;
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
  if (error instanceof Error) {
    const code = (error as {code?: string}).code;
    return code ? `${code}: ${error.message.replace(/^\w+: /, '')}` : error.message;
  }
  return String(error);
}
