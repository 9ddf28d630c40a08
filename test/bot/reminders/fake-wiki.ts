import type {ApiParams} from 'mwn';
import type {ReminderWiki} from '../../../bot/reminders/wiki';
import {WikiError} from '../../../bot/io';
import {CANONICAL_NAMESPACES} from '../../../shared/rules/recipients';

type Json = Record<string, unknown>;
export type FakeUser = 'ok' | 'blocked' | 'partial' | 'missing';

/**
 * Just enough of MediaWiki's API for reminders: page texts (with redirects and links), list=users
 * with block info, and section=new edits that append to the page as MediaWiki does.
 */
export class FakeWiki implements ReminderWiki {
  readonly api = 'http://fake.invalid/api.php';
  site = {language: 'en', userName: 'PartnershipBot', namespaces: CANONICAL_NAMESPACES};
  readonly pages = new Map<string, string>();
  readonly redirects = new Map<string, string>();
  readonly users = new Map<string, FakeUser>();
  readonly edits: {title: string; sectiontitle: string; text: string}[] = [];
  readonly reads: string[] = [];
  /** Titles whose edits the wiki refuses (a protected page). */
  readonly protectedTitles = new Set<string>();

  async request(params: ApiParams): Promise<Json> {
    if (params.action === 'edit') return this.edit(params);
    if (params.list === 'users') return this.listUsers(String(params.ususers).split('|'));
    if (params.action === 'query' && params.titles !== undefined) return this.readPage(String(params.titles), String(params.prop ?? ''));
    throw new Error(`fake wiki: unexpected request ${JSON.stringify(params)}`);
  }

  async csrfToken(): Promise<string> {
    return 'fake-token+\\';
  }

  private readPage(title: string, prop: string): Json {
    this.reads.push(title);
    const target = this.redirects.get(title) ?? title;
    const text = this.pages.get(target);
    const ns = Number(Object.entries(CANONICAL_NAMESPACES).find(([, name]) => name && target.startsWith(`${name}:`))?.[0] ?? 0);
    const page: Json = {title: target, ns, ...(text === undefined ? {missing: true} : {revisions: [{slots: {main: {content: text}}}]})};
    if (prop.includes('links') && text !== undefined) {
      page.links = [...text.matchAll(/\[\[(User(?: talk)?:[^\]|]+)/g)].map((m) => ({ns: m[1]?.startsWith('User talk') ? 3 : 2, title: m[1]}));
    }
    return {query: {pages: [page]}};
  }

  private listUsers(names: string[]): Json {
    return {query: {users: names.map((name) => {
      const status = this.users.get(name) ?? 'missing';
      if (status === 'missing') return {name, missing: true};
      return {name, userid: 1, ...(status === 'ok' ? {} : {blockid: 7, blockedby: 'Admin', ...(status === 'partial' ? {blockpartial: true} : {})})};
    })}};
  }

  private edit(params: ApiParams): Json {
    const title = String(params.title);
    if (params.section !== 'new' || params.token !== 'fake-token+\\') throw new Error('fake wiki: only new sections, with a token');
    if (this.protectedTitles.has(title)) throw new WikiError(`edit request failed: protectedpage: ${title} is protected`);
    const sectiontitle = String(params.sectiontitle);
    const text = String(params.text);
    const before = this.pages.get(title);
    this.pages.set(title, `${before === undefined ? '' : `${before}\n\n`}== ${sectiontitle} ==\n\n${text}`);
    this.edits.push({title, sectiontitle, text});
    return {edit: {result: 'Success', title, newrevid: 1000 + this.edits.length}};
  }
}
