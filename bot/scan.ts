import path from 'node:path';
import {dayOf, type Day} from '../shared/model/dates';
import {toPartnership, type Partnership} from '../shared/model/partnership';
import {normaliseStage} from '../shared/model/stages';
import {readTemplates} from '../shared/wikitext/reader';
import type {WikitextTools} from '../shared/wikitext/edit';
import type {Config} from './config';
import {ReadPool} from './read-pool';
import type {ReadTemplate} from './read-page';
import {cacheKey, loadCache, saveCache, type CachedPage} from './scan-cache';
import type {WikiClient} from './wiki/client';

export interface UnreadablePage {
  readonly page: string;
  readonly reason: string;
}

export interface ScanProgress {
  readonly read: number;
  readonly total: number;
}

export interface ScanResult {
  readonly partnerships: readonly Partnership[];
  readonly pages: number;
  readonly reread: number;
  readonly unreadable: readonly UnreadablePage[];
  /** Why the cache was not used, when a full scan was made. */
  readonly cacheDiscarded?: string;
}

export interface ScanOptions {
  readonly tools: WikitextTools;
  /** false: read everything and keep no cache. */
  readonly useCache?: boolean;
  readonly onProgress?: (progress: ScanProgress) => void;
}

type Json = Record<string, unknown>;

interface ListedPage {
  readonly pageid: number;
  readonly title: string;
  readonly ns: number;
  readonly lastrevid: number;
}

export function templateTitle(config: Config): string {
  const [name] = config.template.names;
  return /^template:/i.test(name ?? '') ? (name as string) : `Template:${name}`;
}

export function cacheFile(config: Config, cwd: string): string {
  return path.resolve(cwd, config.statePath, 'scan-cache.json');
}

/**
 * Every page that transcludes the template (directly or through a redirect: MediaWiki records
 * both), read as cheaply as the API allows: one listing of revision ids (up to 5,000 pages a
 * request with apihighlimits), then the text of only the pages whose revision changed since the
 * cache, 500 (or 50) a request, following every continuation. A page that cannot be read is
 * reported, never dropped.
 */
export async function scanWiki(client: WikiClient, config: Config, cwd: string, options: ScanOptions): Promise<ScanResult> {
  const file = cacheFile(config, cwd);
  const key = cacheKey({api: client.credentials.api, templateNames: config.template.names,
    templateNamespaces: client.site.templateNamespaces, namespaces: config.template.namespaces});
  const cache = options.useCache === false ? {pages: new Map<number, CachedPage>(), discarded: 'cache not used'} : loadCache(file, key);

  const listed = await listTranscludingPages(client, config);
  const stale = listed.filter((page) => cache.pages.get(page.pageid)?.revid !== page.lastrevid);
  const pages = new Map<number, CachedPage>();
  for (const page of listed) {
    const cached = cache.pages.get(page.pageid);
    if (cached && cached.revid === page.lastrevid) pages.set(page.pageid, {...cached, title: page.title, ns: page.ns});
  }
  options.onProgress?.({read: pages.size, total: listed.length});

  const unreadable: UnreadablePage[] = [];
  const pool = new ReadPool(stale.length);
  const reading: Promise<void>[] = [];
  try {
    for (let start = 0; start < stale.length; start += client.batchLimit) {
      const batch = stale.slice(start, start + client.batchLimit);
      const texts = await fetchTexts(client, batch.map((p) => p.pageid));
      const readable = batch.filter((page) => texts.has(page.pageid));
      for (const page of batch) {
        if (!texts.has(page.pageid)) unreadable.push({page: page.title, reason: 'its text could not be fetched (deleted, hidden or not wikitext)'});
      }
      // Parsing this batch overlaps with fetching the next one.
      reading.push(pool.read({templateNames: config.template.names, templateNamespaces: client.site.templateNamespaces,
        texts: readable.map((page) => (texts.get(page.pageid) as FetchedText).text)})
        .then(async (results) => {
          for (const [i, page] of readable.entries()) {
            const templates = results[i] ?? [];
            const derived = await deriveStageDates(client, page.pageid, templates, options.tools);
            pages.set(page.pageid, {title: page.title, ns: page.ns, revid: (texts.get(page.pageid) as FetchedText).revid, templates,
              ...(derived ? {derived} : {})});
          }
          options.onProgress?.({read: pages.size + unreadable.length, total: listed.length});
        }));
    }
    await Promise.all(reading);
  } finally {
    await pool.close();
  }
  if (options.useCache !== false) saveCache(file, key, pages);

  const partnerships = [...pages.values()]
    .sort((a, b) => a.title.localeCompare(b.title))
    .flatMap((page) => page.templates.map((t) => toPartnership(page.title, t, derivedDay(page, t.index))));
  return {partnerships, pages: listed.length, reread: stale.length, unreadable,
    ...(cache.discarded && options.useCache !== false ? {cacheDiscarded: cache.discarded} : {})};
}

function derivedDay(page: CachedPage, index: number): Day | undefined {
  const day = page.derived?.[String(index)];
  return day === undefined ? undefined : (day as Day);
}

async function listTranscludingPages(client: WikiClient, config: Config): Promise<ListedPage[]> {
  const pages = new Map<number, ListedPage>();
  const params = {
    generator: 'embeddedin', geititle: templateTitle(config), geilimit: 'max', prop: 'info',
    ...(config.template.namespaces ? {geinamespace: config.template.namespaces.join('|')} : {}),
  };
  for await (const response of client.queryAll(params)) {
    for (const page of ((response.query as Json | undefined)?.pages as Json[] | undefined) ?? []) {
      pages.set(Number(page.pageid), {pageid: Number(page.pageid), title: String(page.title), ns: Number(page.ns), lastrevid: Number(page.lastrevid)});
    }
  }
  return [...pages.values()];
}

interface FetchedText {
  readonly revid: number;
  readonly text: string;
}

/** Texts of up to `batchLimit` pages; `rvcontinue` brings what did not fit in one response. */
async function fetchTexts(client: WikiClient, pageids: readonly number[]): Promise<Map<number, FetchedText>> {
  const texts = new Map<number, FetchedText>();
  for await (const response of client.queryAll({pageids: pageids.join('|'), prop: 'revisions', rvprop: 'ids|content', rvslots: 'main'})) {
    for (const page of ((response.query as Json | undefined)?.pages as Json[] | undefined) ?? []) {
      const revision = (page.revisions as Json[] | undefined)?.[0];
      const content = ((revision?.slots as Json | undefined)?.main as Json | undefined)?.content;
      if (revision && typeof content === 'string') texts.set(Number(page.pageid), {revid: Number(revision.revid), text: content});
    }
  }
  return texts;
}

/** Stage start days for the partnerships whose `stage_since` is empty, from the page history. */
async function deriveStageDates(client: WikiClient, pageid: number, templates: readonly ReadTemplate[], tools: WikitextTools): Promise<Record<string, number> | undefined> {
  const derived: Record<string, number> = {};
  for (const template of templates) {
    const stage = normaliseStage(template.values.stage ?? '');
    if (!stage || (template.values.stage_since ?? '').trim() !== '') continue;
    const day = await stageBeganOn(client, pageid, template.index, stage, tools);
    if (day !== null) derived[String(template.index)] = day;
  }
  return Object.keys(derived).length > 0 ? derived : undefined;
}

/**
 * When `stage_since` is empty: the day the current stage first appeared in the latest unbroken
 * run of revisions holding it. Reads history newest first, a few revisions at a time and more
 * as it goes, and stops at the first revision with another stage.
 */
export async function stageBeganOn(client: WikiClient, pageid: number, index: number, stage: string, tools: WikitextTools): Promise<Day | null> {
  let earliest: string | null = null;
  let limit = 5;
  let cont: Json | undefined;
  for (;;) {
    const response = await client.request({action: 'query', pageids: String(pageid), prop: 'revisions', rvprop: 'ids|timestamp|content',
      rvslots: 'main', rvlimit: limit, rvdir: 'older', ...(cont as Record<string, string> | undefined)});
    const revisions = (((response.query as Json | undefined)?.pages as Json[] | undefined)?.[0]?.revisions as Json[] | undefined) ?? [];
    for (const revision of revisions) {
      const content = ((revision.slots as Json | undefined)?.main as Json | undefined)?.content;
      const template = typeof content === 'string' ? readTemplates(content, tools.parse, tools.matches)[index] : undefined;
      if (normaliseStage(template?.values.stage ?? '') !== stage) return toDay(earliest);
      earliest = String(revision.timestamp);
    }
    cont = response.continue as Json | undefined;
    if (!cont || revisions.length === 0) return toDay(earliest);
    limit = Math.min(limit * 4, 50);
  }
}

function toDay(timestamp: string | null): Day | null {
  return timestamp === null ? null : dayOf(new Date(timestamp));
}
