import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {z} from 'zod';
import {version} from '../package.json';

/** What reading one page gave, without the offsets: enough to rebuild its partnerships. */
export const cachedTemplateSchema = z.strictObject({
  index: z.number().int().min(0),
  params: z.record(z.string(), z.string()),
  values: z.record(z.string(), z.string()),
  duplicates: z.array(z.string()),
});

export const cachedPageSchema = z.strictObject({
  title: z.string(),
  ns: z.number().int(),
  revid: z.number().int().positive(),
  templates: z.array(cachedTemplateSchema),
  /** Per template index, the day its stage began, derived from the history of this revision. */
  derived: z.record(z.string(), z.number().int()).optional(),
});

export type CachedPage = z.infer<typeof cachedPageSchema>;

const cacheSchema = z.strictObject({
  format: z.literal(1),
  /** Anything that changes how a page reads invalidates the whole cache. */
  key: z.string(),
  pages: z.record(z.string(), cachedPageSchema),
});

const FORMAT = 1;

export interface CacheKeyParts {
  readonly api: string;
  readonly templateNames: readonly string[];
  readonly templateNamespaces: readonly string[];
  readonly namespaces: readonly number[] | null;
}

export function cacheKey(parts: CacheKeyParts): string {
  return JSON.stringify({version, ...parts});
}

export interface LoadedCache {
  readonly pages: Map<number, CachedPage>;
  /** Why the cache was not used, when it was not. */
  readonly discarded?: string;
}

/**
 * A missing, unreadable, malformed or foreign cache is discarded whole and the scan starts over:
 * the cache can make a scan cheaper, never different.
 */
export function loadCache(file: string, key: string): LoadedCache {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {pages: new Map(), discarded: 'no cache yet'};
  }
  let parsed;
  try {
    parsed = cacheSchema.safeParse(JSON.parse(text));
  } catch {
    return {pages: new Map(), discarded: 'the cache file is not valid JSON'};
  }
  if (!parsed.success) return {pages: new Map(), discarded: 'the cache file is malformed'};
  if (parsed.data.key !== key) return {pages: new Map(), discarded: 'the cache was made by another version, wiki or configuration'};
  return {pages: new Map(Object.entries(parsed.data.pages).map(([id, page]) => [Number(id), page]))};
}

/** Written to a temporary file and renamed, so a crash never leaves half a cache. */
export function saveCache(file: string, key: string, pages: ReadonlyMap<number, CachedPage>): void {
  mkdirSync(path.dirname(file), {recursive: true});
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({format: FORMAT, key, pages: Object.fromEntries(pages)}));
  renameSync(temporary, file);
}
