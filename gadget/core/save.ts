import {editPartnership, type WikitextTools} from '../../shared/wikitext/edit';
import {readTemplates, type TemplateOccurrence} from '../../shared/wikitext/reader';
import {stripComments} from '../../shared/wikitext/syntax-tree';

/** One revision of the page and the partnership the form edits in it. */
export interface Snapshot {
  readonly revid: number;
  readonly timestamp: string;
  readonly text: string;
  readonly index: number;
  readonly params: Readonly<Record<string, string>>;
}

export interface Revision {
  readonly revid: number;
  readonly timestamp: string;
  readonly text: string;
}

/** A failed API call: MediaWiki's error code and its explanation. */
export class ApiFailure extends Error {
  constructor(readonly code: string, readonly info: string = '') {
    super(info ? `${code}: ${info}` : code);
    this.name = 'ApiFailure';
  }
}

export interface EditRequest {
  readonly title: string;
  readonly text: string;
  readonly summary: string;
  /** For an existing page: the revision the text was made from, so the wiki can detect a conflict. */
  readonly base?: {readonly revid: number; readonly timestamp: string};
  /** When the form was opened: the wiki refuses the save if the page was deleted since. */
  readonly startTimestamp: string;
  /** Create a new page; fail if it exists. */
  readonly create?: boolean;
}

export interface SaveApi {
  /** The latest revision, or null when the page does not exist. */
  latest(title: string): Promise<Revision | null>;
  /** Saves, or rejects with an ApiFailure. */
  edit(request: EditRequest): Promise<{readonly revid: number | null}>;
}

export function snapshotOf(revision: Revision, occurrence: TemplateOccurrence): Snapshot {
  return {...revision, index: occurrence.index, params: occurrence.params};
}

/**
 * Finds the partnership in a newer revision. Another edit may have added or removed templates
 * before it, so the index alone is trusted only when the partner is still the same there;
 * otherwise the partnership is the one template whose parameters are all as they were, or the
 * one with the same partner.
 */
export function relocate(occurrences: readonly TemplateOccurrence[], opened: Snapshot): TemplateOccurrence | null {
  const partner = (params: Readonly<Record<string, string>>) => params.partner ?? '';
  const same = occurrences[opened.index];
  if (same && partner(same.params) === partner(opened.params)) return same;
  const identical = occurrences.filter((o) => JSON.stringify(o.params) === JSON.stringify(opened.params));
  if (identical.length === 1) return identical[0] ?? null;
  const named = occurrences.filter((o) => partner(o.params) === partner(opened.params));
  return named.length === 1 ? named[0] ?? null : null;
}

export interface FieldConflict {
  readonly field: string;
  /** As written when the form opened. */
  readonly original: string;
  /** As written now, by someone else. */
  readonly theirs: string;
  readonly mine: string;
}

/** Values the user changed that someone else changed too, to something else. */
export function fieldConflicts(opened: Snapshot, latest: Snapshot, changes: Readonly<Record<string, string>>): FieldConflict[] {
  const conflicts: FieldConflict[] = [];
  for (const [field, mine] of Object.entries(changes)) {
    const original = opened.params[field] ?? '';
    const theirs = latest.params[field] ?? '';
    if (theirs === original) continue;
    // The same change on both sides is no conflict (a pipe may be written as {{!}}).
    if (theirs === mine.trim() || stripComments(theirs).trim() === mine.trim() || theirs === mine.trim().replace(/\|/g, '{{!}}')) continue;
    conflicts.push({field, original, theirs, mine});
  }
  return conflicts;
}

export type Prepared =
  /** `text` is `base.text` with the changes applied; `rebased` when `base` is newer than the form. */
  | {readonly kind: 'ready'; readonly base: Snapshot; readonly text: string; readonly changed: readonly string[]; readonly rebased: boolean}
  /** Someone changed the same values meanwhile: nothing is saved, the user decides. */
  | {readonly kind: 'conflict'; readonly latest: Snapshot; readonly conflicts: readonly FieldConflict[]}
  /** The latest revision already says what the user wants. */
  | {readonly kind: 'nochange'; readonly latest: Snapshot}
  /** The page, or this partnership on it, is gone. */
  | {readonly kind: 'gone'};

/**
 * Applies the user's changes to the latest revision with the shared editor. When another edit
 * came in since the form opened, the changes are re-applied to it, unless that edit changed
 * the same values (then: a conflict). EditRefused from the editor is passed on.
 */
export function prepareEdit(api: SaveApi, title: string, opened: Snapshot, changes: Readonly<Record<string, string>>, tools: WikitextTools): Promise<Prepared> {
  return api.latest(title).then((revision) => prepareOn(revision, opened, changes, tools));
}

function prepareOn(revision: Revision | null, opened: Snapshot, changes: Readonly<Record<string, string>>, tools: WikitextTools): Prepared {
  if (revision === null) return {kind: 'gone'};
  let base = opened;
  if (revision.revid !== opened.revid) {
    const occurrence = relocate(readTemplates(revision.text, tools.parse, tools.matches), opened);
    if (occurrence === null) return {kind: 'gone'};
    base = snapshotOf(revision, occurrence);
    const conflicts = fieldConflicts(opened, base, changes);
    if (conflicts.length > 0) return {kind: 'conflict', latest: base, conflicts};
  }
  const result = editPartnership(base.text, base.index, changes, tools);
  if (result.changed.length === 0) return {kind: 'nochange', latest: base};
  return {kind: 'ready', base, text: result.text, changed: result.changed, rebased: base !== opened};
}

export type Saved =
  | {readonly kind: 'saved'; readonly revid: number | null; readonly text: string; readonly rebased: boolean}
  | Exclude<Prepared, {kind: 'ready'}>;

const ATTEMPTS = 3;

// The gadget's code uses promise chains, not async functions: lowered to ES5 for MediaWiki 1.39
// (see scripts/build-gadget.ts), every async function costs a state machine in the download.

/**
 * Saves a prepared edit on the revision it was made from. If the wiki reports an edit conflict
 * (someone saved in between), the changes are prepared again on the newest revision and saved,
 * a few times at most; other failures are thrown as ApiFailure.
 */
export function saveEdit(
  api: SaveApi,
  request: {title: string; summary: string; startTimestamp: string},
  opened: Snapshot,
  changes: Readonly<Record<string, string>>,
  tools: WikitextTools,
  prepared?: Prepared,
): Promise<Saved> {
  const attempt = (current: Prepared, tried: number): Promise<Saved> => {
    if (current.kind !== 'ready') return Promise.resolve(current);
    return api.edit({...request, text: current.text, base: {revid: current.base.revid, timestamp: current.base.timestamp}}).then(
      ({revid}): Saved => ({kind: 'saved', revid, text: current.text, rebased: current.rebased}),
      (error: unknown) => {
        if (!(error instanceof ApiFailure) || error.code !== 'editconflict' || tried >= ATTEMPTS) throw error;
        return prepareEdit(api, request.title, opened, changes, tools).then((next) => attempt(next, tried + 1));
      },
    );
  };
  return (prepared ? Promise.resolve(prepared) : prepareEdit(api, request.title, opened, changes, tools)).then((first) => attempt(first, 1));
}
