import {nodeWikitextTools} from '../../bot/wikitext';
import {blockingProblems, changedValues, fieldProblems, fieldSetup, fieldSetups, shownValue} from '../../gadget/core/fields';
import {paramSpec, type ParamSpec} from '../../shared/model/params';
import {editPartnership} from '../../shared/wikitext/edit';
import {readTemplates} from '../../shared/wikitext/reader';

const spec = (name: string) => paramSpec(name) as ParamSpec;
const tools = nodeWikitextTools(['Partnership']);

describe('fieldSetup', () => {
  it('uses a date picker for a valid date or an empty one, a text box otherwise', () => {
    expect(fieldSetup(spec('stage_since'), '2026-03-01')).toMatchObject({kind: 'date', initial: '2026-03-01'});
    expect(fieldSetup(spec('stage_since'), undefined)).toMatchObject({kind: 'date', initial: ''});
    expect(fieldSetup(spec('stage_since'), '2026-02-30')).toMatchObject({kind: 'text', initial: '2026-02-30'});
    expect(fieldSetup(spec('stage_since'), 'March 2026')).toMatchObject({kind: 'text', initial: 'March 2026'});
  });

  it('offers the stages, shows a spelling like "On hold" as its keyword, and keeps an unknown stage as an option', () => {
    const onHold = fieldSetup(spec('stage'), 'On hold');
    expect(onHold).toMatchObject({kind: 'choice', initial: 'on-hold'});
    expect(onHold.options).not.toContain('');
    const unknown = fieldSetup(spec('stage'), 'phase 2');
    expect(unknown.initial).toBe('phase 2');
    expect(unknown.options?.[0]).toBe('phase 2');
    expect(fieldSetup(spec('stage'), '').options?.[0]).toBe('');
    expect(fieldSetup(spec('priority'), 'High')).toMatchObject({kind: 'choice', initial: 'high'});
    expect(fieldSetup(spec('priority'), undefined).options?.[0]).toBe('');
  });

  it('uses several lines for long text and for any value written on several lines', () => {
    expect(fieldSetup(spec('notes'), 'x').kind).toBe('multiline');
    expect(fieldSetup(spec('contact'), 'Jeanne\nMartin').kind).toBe('multiline');
    expect(fieldSetup(spec('contact'), 'Jeanne').kind).toBe('text');
  });

  it('leaves trailing comments out of the form (the editor keeps them), and shows comments inside a value', () => {
    expect(shownValue('negotiation <!-- since March -->')).toBe('negotiation');
    expect(fieldSetup(spec('stage'), 'negotiation <!-- since March -->')).toMatchObject({kind: 'choice', initial: 'negotiation'});
    expect(fieldSetup(spec('partner'), '<!-- to do -->')).toMatchObject({kind: 'text', initial: ''});
    expect(fieldSetup(spec('stage_since'), '<!-- about --> 2026-03-01')).toMatchObject({kind: 'text', initial: '<!-- about --> 2026-03-01'});
  });

  it('writes an edited value once, with its trailing comment kept once', () => {
    const text = '{{Partnership\n| partner = Louvre\n| next_action = Send the draft <!-- keep -->\n}}';
    const [occurrence] = readTemplates(text, tools.parse, tools.matches);
    const setups = fieldSetups(occurrence?.params ?? {});
    const shown = Object.fromEntries(setups.map((s) => [s.spec.name, s.initial]));
    const changes = changedValues(setups, {...shown, next_action: 'Send the draft, version 2'});
    expect(changes).toEqual({next_action: 'Send the draft, version 2'});
    expect(editPartnership(text, 0, changes, tools).text).toBe('{{Partnership\n| partner = Louvre\n| next_action = Send the draft, version 2 <!-- keep -->\n}}');
  });
});

describe('changedValues', () => {
  const setups = fieldSetups({partner: 'Louvre', stage: 'On hold', notes: 'a\r\nb'});
  const shown = Object.fromEntries(setups.map((s) => [s.spec.name, s.initial]));

  it('is empty when nothing was touched, whatever the spelling written', () => {
    expect(changedValues(setups, shown)).toEqual({});
  });

  it('holds exactly the values the user changed, trimmed', () => {
    expect(changedValues(setups, {...shown, stage: 'active', affiliate: ' WMFR ', partner: 'Louvre '})).toEqual({stage: 'active', affiliate: 'WMFR'});
  });

  it('holds an emptied value as empty', () => {
    expect(changedValues(setups, {...shown, partner: ''})).toEqual({partner: ''});
  });
});

describe('fieldProblems and blockingProblems', () => {
  it('validates with the shared schema, on the value without comments', () => {
    const problems = fieldProblems({partner: '', stage: 'phase 2', stage_since: '2026-02-30', coordinator: '[[Alice]]', next_action_due: '2026-03-01 <!-- x -->'});
    expect([...problems.values()].map((p) => [p.field, p.code])).toEqual([
      ['partner', 'required'], ['stage', 'unknown-stage'], ['stage_since', 'invalid-date'], ['coordinator', 'invalid-user'],
    ]);
  });

  it('blocks a save only for values the user changed', () => {
    const problems = fieldProblems({partner: 'Louvre', stage: 'active', stage_since: 'last spring', end: '2026-13-01'});
    expect(blockingProblems(problems, {end: '2026-13-01'}).map((p) => p.field)).toEqual(['end']);
    expect(blockingProblems(problems, {notes: 'x'})).toEqual([]);
  });
});
