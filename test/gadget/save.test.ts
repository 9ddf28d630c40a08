import {nodeWikitextTools} from '../../bot/wikitext';
import {ApiFailure, fieldConflicts, prepareEdit, relocate, saveEdit, snapshotOf, type EditRequest, type Revision, type SaveApi, type Snapshot} from '../../gadget/core/save';
import {editPartnership, EditRefused} from '../../shared/wikitext/edit';
import {readTemplates} from '../../shared/wikitext/reader';

const tools = nodeWikitextTools(['Partnership']);
const read = (text: string) => readTemplates(text, tools.parse, tools.matches);
const TEXT = 'Intro.\n{{Partnership\n| partner = Louvre\n| stage = negotiation\n| next_action = Draft\n}}\n{{Partnership|partner=BnF|stage=contact}}';

/** A wiki with one page: a list of revisions; edits may be told to fail. */
class FakeWiki implements SaveApi {
  revisions: Revision[] = [];
  failures: ApiFailure[] = [];
  edits: EditRequest[] = [];
  constructor(text: string | null) {
    if (text !== null) this.revisions.push({revid: 1, timestamp: '2026-11-21T10:00:00Z', text});
  }
  get current(): Revision | undefined {
    return this.revisions[this.revisions.length - 1];
  }
  /** Someone else saves. */
  other(text: string): void {
    this.revisions.push({revid: this.revisions.length + 1, timestamp: `2026-11-21T10:0${this.revisions.length}:00Z`, text});
  }
  latest(): Promise<Revision | null> {
    return Promise.resolve(this.current ?? null);
  }
  edit(request: EditRequest): Promise<{revid: number | null}> {
    this.edits.push(request);
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    this.other(request.text);
    return Promise.resolve({revid: this.revisions.length});
  }
}

function opened(wiki: FakeWiki, index = 0): Snapshot {
  const revision = wiki.current as Revision;
  return snapshotOf(revision, read(revision.text)[index]!);
}

const request = {title: 'Partnerships/Louvre', summary: 's', startTimestamp: '2026-11-21T10:00:00Z'};

describe('prepareEdit', () => {
  it('edits the revision the form opened on when nothing changed since', async () => {
    const wiki = new FakeWiki(TEXT);
    const prepared = await prepareEdit(wiki, 'P', opened(wiki), {stage: 'active'}, tools);
    expect(prepared).toMatchObject({kind: 'ready', rebased: false, changed: ['stage']});
    expect(prepared.kind === 'ready' && prepared.text).toBe(editPartnership(TEXT, 0, {stage: 'active'}, tools).text);
  });

  it('re-applies the changes to a newer revision that changed other parts of the page', async () => {
    const wiki = new FakeWiki(TEXT);
    const start = opened(wiki);
    const theirs = `New template first: {{Partnership|partner=Orsay|stage=prospect}}\n${editPartnership(TEXT, 1, {stage: 'assessment'}, tools).text.replace('| next_action = Draft', '| next_action = Draft\n| coordinator = Alice')}`;
    wiki.other(theirs);
    const prepared = await prepareEdit(wiki, 'P', start, {stage: 'active'}, tools);
    expect(prepared.kind).toBe('ready');
    if (prepared.kind !== 'ready') return;
    expect(prepared.rebased).toBe(true);
    expect(prepared.base.revid).toBe(2);
    // The partnership moved from index 0 to 1; their coordinator stays.
    expect(prepared.text).toBe(editPartnership(theirs, 1, {stage: 'active'}, tools).text);
  });

  it('reports a conflict when someone changed the same value to something else, and saves nothing', async () => {
    const wiki = new FakeWiki(TEXT);
    const start = opened(wiki);
    wiki.other(editPartnership(TEXT, 0, {next_action: 'Theirs', stage: 'active'}, tools).text);
    const prepared = await prepareEdit(wiki, 'P', start, {next_action: 'Mine', notes: 'n'}, tools);
    expect(prepared.kind).toBe('conflict');
    if (prepared.kind !== 'conflict') return;
    expect(prepared.conflicts).toEqual([{field: 'next_action', original: 'Draft', theirs: 'Theirs', mine: 'Mine'}]);
    expect(prepared.latest.params.stage).toBe('active');
    expect(wiki.edits).toEqual([]);
  });

  it('sees no conflict, and nothing to do, when someone made the same change', async () => {
    const wiki = new FakeWiki(TEXT);
    const start = opened(wiki);
    wiki.other(editPartnership(TEXT, 0, {next_action: 'Call | write'}, tools).text);
    expect((await prepareEdit(wiki, 'P', start, {next_action: 'Call | write'}, tools)).kind).toBe('nochange');
  });

  it('says the partnership is gone when the page or the template is', async () => {
    const wiki = new FakeWiki(TEXT);
    const start = opened(wiki);
    wiki.other('Intro only.');
    expect(await prepareEdit(wiki, 'P', start, {stage: 'active'}, tools)).toEqual({kind: 'gone'});
    expect(await prepareEdit(new FakeWiki(null), 'P', start, {stage: 'active'}, tools)).toEqual({kind: 'gone'});
  });

  it('passes on the shared editor\'s refusal of a value that would break the template', async () => {
    const wiki = new FakeWiki(TEXT);
    await expect(prepareEdit(wiki, 'P', opened(wiki), {notes: 'a }} b'}, tools)).rejects.toBeInstanceOf(EditRefused);
  });
});

describe('relocate and fieldConflicts', () => {
  it('finds the partnership by its partner when templates were added before it', () => {
    const wiki = new FakeWiki(TEXT);
    const start = opened(wiki, 1);
    expect(relocate(read(`{{Partnership|partner=New}}${TEXT}`), start)?.index).toBe(2);
    expect(relocate(read('{{Partnership|partner=Other}}'), start)).toBeNull();
  });

  it('ignores values only the other side changed', () => {
    const wiki = new FakeWiki(TEXT);
    const start = opened(wiki);
    const latest = {...start, params: {...start.params, stage: 'active'}};
    expect(fieldConflicts(start, latest, {next_action: 'Mine'})).toEqual([]);
  });
});

describe('saveEdit', () => {
  it('saves on the base revision, with the request\'s summary and start time', async () => {
    const wiki = new FakeWiki(TEXT);
    const saved = await saveEdit(wiki, request, opened(wiki), {stage: 'active'}, tools);
    expect(saved).toMatchObject({kind: 'saved', revid: 2, rebased: false});
    expect(wiki.edits[0]).toMatchObject({summary: 's', startTimestamp: request.startTimestamp, base: {revid: 1, timestamp: '2026-11-21T10:00:00Z'}});
  });

  it('after an edit conflict reported by the wiki, prepares again on the newest revision and saves', async () => {
    const wiki = new FakeWiki(TEXT);
    const start = opened(wiki);
    const prepared = await prepareEdit(wiki, 'P', start, {stage: 'active'}, tools);
    // Someone saves between the review and the save; the wiki refuses the stale base.
    const theirs = `${TEXT}\nMore text.`;
    wiki.other(theirs);
    wiki.failures.push(new ApiFailure('editconflict', 'Edit conflict.'));
    const saved = await saveEdit(wiki, request, start, {stage: 'active'}, tools, prepared);
    expect(saved).toMatchObject({kind: 'saved', rebased: true});
    expect(wiki.current?.text).toBe(editPartnership(theirs, 0, {stage: 'active'}, tools).text);
    expect(wiki.edits.map((e) => e.base?.revid)).toEqual([1, 2]);
  });

  it('returns a conflict found on the retry, and gives up after three edit conflicts', async () => {
    const wiki = new FakeWiki(TEXT);
    const start = opened(wiki);
    const prepared = await prepareEdit(wiki, 'P', start, {stage: 'active'}, tools);
    wiki.other(editPartnership(TEXT, 0, {stage: 'ended'}, tools).text);
    wiki.failures.push(new ApiFailure('editconflict'));
    expect((await saveEdit(wiki, request, start, {stage: 'active'}, tools, prepared)).kind).toBe('conflict');

    const busy = new FakeWiki(TEXT);
    busy.failures.push(new ApiFailure('editconflict'), new ApiFailure('editconflict'), new ApiFailure('editconflict'));
    await expect(saveEdit(busy, request, opened(busy), {stage: 'active'}, tools)).rejects.toMatchObject({code: 'editconflict'});
    expect(busy.edits).toHaveLength(3);
  });

  it('passes on other API failures untouched', async () => {
    const wiki = new FakeWiki(TEXT);
    wiki.failures.push(new ApiFailure('protectedpage', 'This page has been protected.'));
    await expect(saveEdit(wiki, request, opened(wiki), {stage: 'active'}, tools)).rejects.toMatchObject({code: 'protectedpage', info: 'This page has been protected.'});
  });
});
