import {ApiFailure, type EditRequest, type Revision, type SaveApi} from '../core/save';
import {mw, type MwApi, type MwApiPromise} from './env';

interface ApiErrorData {
  error?: {info?: string};
  errors?: {text?: string; '*'?: string}[];
  textStatus?: string;
}

interface RevisionsResponse {
  curtimestamp?: string;
  query?: {pages?: {title: string; missing?: boolean; revisions?: {revid: number; timestamp: string; slots: {main: {content?: string}}}[]}[]};
}

function infoOf(data: unknown): string {
  const d = (data ?? {}) as ApiErrorData;
  return d.errors?.[0]?.text ?? d.errors?.[0]?.['*'] ?? d.error?.info ?? d.textStatus ?? '';
}

/** mw.Api promises reject with (code, response); native promises keep only the first: keep both here. */
function call<T>(request: MwApiPromise<unknown>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.then((value) => resolve(value as T), (code, data) => reject(new ApiFailure(code || 'http', infoOf(data))));
  });
}

export interface LoadedPage {
  readonly revision: Revision | null;
  /** The server's time when the page was read: the edit's `starttimestamp`. */
  readonly curtimestamp: string;
  /** The bot's on-wiki configuration (JSON text), when asked for and present. */
  readonly configText: string | null;
}

/** The wiki's API, as the form needs it. Errors come back in the user's language. */
export class WikiApi implements SaveApi {
  private readonly api: MwApi;

  constructor(language: string) {
    this.api = new (mw().Api)({parameters: {formatversion: 2, errorformat: 'plaintext', uselang: language}});
  }

  load(title: string, configPage: string | null): Promise<LoadedPage> {
    const titles = configPage && configPage !== title ? [title, configPage] : [title];
    return call<RevisionsResponse>(this.api.get({
      action: 'query', prop: 'revisions', titles: titles.join('|'), rvprop: 'ids|timestamp|content', rvslots: 'main', curtimestamp: true,
    })).then((data) => this.loaded(data, titles, configPage));
  }

  private loaded(data: RevisionsResponse, titles: readonly string[], configPage: string | null): LoadedPage {
    const pages = data.query?.pages ?? [];
    // Titles come back normalised (first letter, underscores); the page is the one that is not the configuration.
    const key = (t: string) => {
      const spaced = t.replace(/_/g, ' ').trim();
      return spaced.charAt(0).toUpperCase() + spaced.slice(1);
    };
    const config = titles.length > 1 && configPage ? pages.find((p) => key(p.title) === key(configPage)) : undefined;
    const page = pages.find((p) => p !== config);
    const revisionOf = (p: typeof page): Revision | null => {
      const rev = p?.revisions?.[0];
      return rev ? {revid: rev.revid, timestamp: rev.timestamp, text: rev.slots.main.content ?? ''} : null;
    };
    const revision = revisionOf(page);
    const configText = revisionOf(config)?.text ?? null;
    return {revision, curtimestamp: data.curtimestamp ?? '', configText};
  }

  latest(title: string): Promise<Revision | null> {
    return this.load(title, null).then((page) => page.revision);
  }

  edit(request: EditRequest): Promise<{revid: number | null}> {
    return call<{edit?: {result?: string; newrevid?: number; captcha?: unknown}}>(this.api.postWithEditToken({
      action: 'edit',
      title: request.title,
      text: request.text,
      summary: request.summary,
      starttimestamp: request.startTimestamp,
      // Logged out meanwhile: fail, rather than save under the IP address.
      assert: 'user',
      ...(request.base ? {baserevid: request.base.revid, basetimestamp: request.base.timestamp, nocreate: true} : {}),
      ...(request.create ? {createonly: true, contentmodel: 'wikitext'} : {}),
    })).then((data) => {
      const result = data.edit;
      if (result?.result !== 'Success') throw new ApiFailure(result?.captcha ? 'captcha' : 'failure', result?.result ?? '');
      return {revid: result.newrevid ?? null};
    });
  }

  /** MediaWiki's own diff of two texts of the page: table rows, as on a diff page. */
  compare(title: string, from: string, to: string): Promise<string> {
    return call<{compare?: {body?: string}}>(this.api.post({
      action: 'compare', prop: 'diff', difftype: 'table',
      fromtitle: title, fromslots: 'main', 'fromtext-main': from, 'fromcontentmodel-main': 'wikitext',
      totitle: title, toslots: 'main', 'totext-main': to, 'tocontentmodel-main': 'wikitext',
    })).then((data) => data.compare?.body ?? '');
  }
}
