import type {PageInput} from '../shared/check';
import type {Config} from './config';
import type {WikiClient} from './wiki/client';

export interface ScannedPage extends PageInput {
  readonly pageid: number;
  readonly ns: number;
  readonly revid: number;
}

export interface UnreadablePage {
  readonly page: string;
  readonly reason: string;
}

export interface ScanResult {
  readonly pages: readonly ScannedPage[];
  readonly unreadable: readonly UnreadablePage[];
}

type Json = Record<string, unknown>;

export function templateTitle(config: Config): string {
  const [name] = config.template.names;
  return /^template:/i.test(name ?? '') ? (name as string) : `Template:${name}`;
}

/**
 * Every page that transcludes the template (directly or through a redirect: MediaWiki records
 * both), with its current text, in as few requests as the API allows: the generator hands over
 * up to 500 pages a request with apihighlimits, and `rvcontinue` carries what did not fit.
 */
export async function scanWiki(client: WikiClient, config: Config, onProgress?: (read: number) => void): Promise<ScanResult> {
  const byId = new Map<number, Json>();
  const params = {
    generator: 'embeddedin',
    geititle: templateTitle(config),
    geilimit: 'max',
    ...(config.template.namespaces ? {geinamespace: config.template.namespaces.join('|')} : {}),
    prop: 'revisions',
    rvprop: 'ids|content',
    rvslots: 'main',
  };
  for await (const response of client.queryAll(params)) {
    for (const page of ((response.query as Json | undefined)?.pages as Json[] | undefined) ?? []) {
      const id = Number(page.pageid);
      const known = byId.get(id);
      // With rvcontinue a page can come back once without its revision and again with it.
      if (!known || (!known.revisions && page.revisions)) byId.set(id, page);
    }
    onProgress?.([...byId.values()].filter((p) => p.revisions).length);
  }
  const pages: ScannedPage[] = [];
  const unreadable: UnreadablePage[] = [];
  for (const page of byId.values()) {
    const title = String(page.title);
    const revision = (page.revisions as Json[] | undefined)?.[0];
    const content = ((revision?.slots as Json | undefined)?.main as Json | undefined)?.content;
    if (revision && typeof content === 'string') {
      pages.push({title, text: content, pageid: Number(page.pageid), ns: Number(page.ns), revid: Number(revision.revid)});
      continue;
    }
    // Never drop a page silently: ask for it alone, and report it if it still cannot be read.
    const single = await client.pageText(title).catch(() => null);
    if (single) pages.push({title, text: single.text, pageid: Number(page.pageid), ns: Number(page.ns), revid: single.revid});
    else unreadable.push({page: title, reason: revision ? 'its content is hidden or not text' : 'its content could not be fetched'});
  }
  pages.sort((a, b) => a.title.localeCompare(b.title));
  return {pages, unreadable};
}
