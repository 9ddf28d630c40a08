import type {ApiParams} from 'mwn';
import type {UserStatus} from '../../shared/reminders/routing';
import {optOutUsers, userOfLinkedTitle} from '../../shared/reminders/optout';
import {WikiError} from '../io';
import type {SiteInfo, WikiClient} from '../wiki/client';

type Json = Record<string, unknown>;

/** What reminders need from the wiki; a `WikiClient` in the bot, a fake in unit tests. */
export interface ReminderWiki {
  readonly api: string;
  readonly site: Pick<SiteInfo, 'language' | 'userName' | 'namespaces'>;
  request(params: ApiParams): Promise<Json>;
  csrfToken(): Promise<string>;
}

export function reminderWiki(client: WikiClient): ReminderWiki {
  return {
    api: client.credentials.api,
    site: client.site,
    request: (params) => client.request(params),
    csrfToken: async () => {
      const token = client.bot.csrfToken;
      if (token && token !== '%notoken%') return token;
      return client.bot.getCsrfToken();
    },
  };
}

async function queryAll(wiki: ReminderWiki, params: ApiParams): Promise<Json[]> {
  const responses: Json[] = [];
  let cont: Json | undefined;
  do {
    const response = await wiki.request({action: 'query', ...params, ...(cont as ApiParams | undefined)});
    responses.push(response);
    cont = response.continue as Json | undefined;
  } while (cont);
  return responses;
}

function pagesOf(response: Json): Json[] {
  return ((response.query as Json | undefined)?.pages as Json[] | undefined) ?? [];
}

function contentOf(page: Json | undefined): string | null {
  const revision = (page?.revisions as Json[] | undefined)?.[0];
  if (!revision) return null;
  return String(((revision.slots as Json).main as Json).content ?? '');
}

/**
 * Whether each account can receive a message on its own talk page. Only sitewide blocks count:
 * a partial block keeps someone out of some pages, not out of the partnership.
 */
export async function userStatuses(wiki: ReminderWiki, users: readonly string[]): Promise<Map<string, UserStatus>> {
  const statuses = new Map<string, UserStatus>();
  const names = [...new Set(users)].map((u) => u.slice('User:'.length));
  for (let start = 0; start < names.length; start += 50) {
    const batch = names.slice(start, start + 50);
    const response = await wiki.request({action: 'query', list: 'users', ususers: batch.join('|'), usprop: 'blockinfo'});
    for (const user of ((response.query as Json | undefined)?.users as Json[] | undefined) ?? []) {
      const status: UserStatus = user.missing !== undefined || user.invalid !== undefined ? 'missing'
        : user.blockid !== undefined && !user.blockpartial ? 'blocked' : 'ok';
      statuses.set(`User:${String(user.name)}`, status);
    }
  }
  return statuses;
}

/** The opt-out list page (who is listed or linked on it) plus the configured names. */
export async function readOptOut(wiki: ReminderWiki, page: string | null, configured: readonly string[]): Promise<Set<string>> {
  const userNamespaces = [wiki.site.namespaces[2]].filter((n): n is string => Boolean(n));
  if (page === null) return optOutUsers('', [], configured, userNamespaces);
  const responses = await queryAll(wiki, {titles: page, prop: 'revisions|links', rvprop: 'content', rvslots: 'main', plnamespace: '2|3', pllimit: 'max', redirects: true});
  let text = '';
  const linked: string[] = [];
  for (const response of responses) {
    for (const p of pagesOf(response)) {
      text = contentOf(p) ?? text;
      for (const l of (p.links as Json[] | undefined) ?? []) {
        const user = userOfLinkedTitle(String(l.title));
        if (user) linked.push(user);
      }
    }
  }
  return optOutUsers(text, linked, configured, userNamespaces);
}

export type TalkPage = {readonly title: string; readonly text: string} | {readonly skip: 'redirect' | 'invalid-title'; readonly detail: string};

/**
 * The talk page as it is now. A redirect (a renamed account) is followed when it leads to another
 * talk page; elsewhere a new section would hide under the redirect, so nothing is posted.
 */
export async function readTalkPage(wiki: ReminderWiki, title: string): Promise<TalkPage> {
  const response = await wiki.request({action: 'query', prop: 'revisions', titles: title, rvprop: 'content', rvslots: 'main', redirects: true});
  const [page] = pagesOf(response);
  if (!page || page.invalid !== undefined) return {skip: 'invalid-title', detail: String(page?.invalidreason ?? title)};
  const resolved = String(page.title);
  if (resolved !== title && Number(page.ns) % 2 !== 1) return {skip: 'redirect', detail: `${title} redirects to ${resolved}, which is not a talk page`};
  return {title: resolved, text: contentOf(page) ?? ''};
}

/** A new section, as a bot edit that leaves the bot's watchlist alone. */
export async function postSection(wiki: ReminderWiki, title: string, sectionTitle: string, text: string): Promise<number | undefined> {
  const response = await wiki.request({
    action: 'edit', title, section: 'new', sectiontitle: sectionTitle, text,
    bot: true, watchlist: 'nochange', token: await wiki.csrfToken(),
  });
  const edit = response.edit as Json | undefined;
  if (edit?.result !== 'Success') throw new WikiError(`posting to ${title} failed: ${JSON.stringify(edit ?? response).slice(0, 300)}`);
  return edit.newrevid === undefined ? undefined : Number(edit.newrevid);
}
