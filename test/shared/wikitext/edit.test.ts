import {nodeWikitextTools} from '../../../bot/wikitext';
import {editPartnership, EditRefused} from '../../../shared/wikitext/edit';
import {readTemplates} from '../../../shared/wikitext/reader';

const tools = nodeWikitextTools(['Partnership']);
const edit = (text: string, changes: Record<string, string>, index = 0) => editPartnership(text, index, changes, tools).text;
const read = (text: string) => readTemplates(text, tools.parse, tools.matches);

describe('changing an existing value', () => {
  it('keeps the whitespace around the value, the comments and every other byte', () => {
    const page = 'Intro\n{{Partnership\n | partner = Louvre <!-- official name -->\n | stage   =  contact \n}}\nOutro [[Category:X]]';
    expect(edit(page, {stage: 'outreach'})).toBe(
      'Intro\n{{Partnership\n | partner = Louvre <!-- official name -->\n | stage   =  outreach \n}}\nOutro [[Category:X]]');
    expect(edit(page, {partner: 'Musée du Louvre'})).toBe(
      'Intro\n{{Partnership\n | partner = Musée du Louvre <!-- official name -->\n | stage   =  contact \n}}\nOutro [[Category:X]]');
  });

  it('changes the last of duplicated parameters, the one MediaWiki uses', () => {
    expect(edit('{{Partnership|stage=a|partner=P|stage=b}}', {stage: 'active'})).toBe('{{Partnership|stage=a|partner=P|stage=active}}');
  });

  it('empties a value with key= and keeps the parameter', () => {
    expect(edit('{{Partnership\n| partner = P\n| next_action = Call\n}}', {next_action: ''})).toBe('{{Partnership\n| partner = P\n| next_action = \n}}');
  });

  it('makes no change when the value is already the one asked for', () => {
    const result = editPartnership('{{Partnership| stage = active }}', 0, {stage: ' active'}, tools);
    expect(result.changed).toEqual([]);
    expect(result.text).toBe('{{Partnership| stage = active }}');
  });

  it('edits only the partnership at the index asked', () => {
    const page = '{{Partnership|partner=A|stage=contact}}\n<!-- {{Partnership|partner=C}} -->\n{{partnership|partner=B|stage=contact}}';
    expect(edit(page, {stage: 'active'}, 1)).toBe('{{Partnership|partner=A|stage=contact}}\n<!-- {{Partnership|partner=C}} -->\n{{partnership|partner=B|stage=active}}');
  });
});

describe('adding a parameter', () => {
  it('adds it on its own line, in parameter order, in a block template', () => {
    const page = '{{Partnership\n| partner = P\n| stage = active\n| contact = Jeanne\n| notes = n\n}}';
    expect(edit(page, {backup_contact: 'Marc'})).toBe('{{Partnership\n| partner = P\n| stage = active\n| contact = Jeanne\n| backup_contact = Marc\n| notes = n\n}}');
  });

  it('follows indentation and aligned equals signs', () => {
    const page = '{{Partnership\n  | partner  = P\n  | stage    = active\n}}';
    expect(edit(page, {notes: 'x'})).toBe('{{Partnership\n  | partner  = P\n  | stage    = active\n  | notes    = x\n}}');
  });

  it('adds it inline in an inline template', () => {
    expect(edit('{{Partnership|partner=P|stage=active}}', {priority: 'high'})).toBe('{{Partnership|partner=P|stage=active|priority=high}}');
    expect(edit('{{Partnership | stage = active }}', {partner: 'P'})).toBe('{{Partnership | partner = P | stage = active }}');
  });

  it('adds to a template with no parameters', () => {
    expect(edit('{{Partnership}}', {partner: 'P'})).toBe('{{Partnership|partner=P}}');
    expect(edit('{{Partnership\n}}', {partner: 'P'})).toBe('{{Partnership\n| partner = P\n}}');
  });

  it('adds several parameters in parameter order', () => {
    expect(edit('{{Partnership\n| partner = P\n}}', {notes: 'n', stage: 'prospect', coordinator: 'Alice'}))
      .toBe('{{Partnership\n| partner = P\n| stage = prospect\n| coordinator = Alice\n| notes = n\n}}');
  });

  it('does not add a parameter that is asked to be empty', () => {
    expect(edit('{{Partnership|partner=P}}', {notes: ''})).toBe('{{Partnership|partner=P}}');
  });
});

describe('values that could break the template', () => {
  it('escapes a bare pipe as {{!}} and keeps pipes in links and templates', () => {
    const result = editPartnership('{{Partnership|partner=P}}', 0, {notes: 'a | b [[x|y]] {{z|w}}'}, tools);
    expect(result.text).toBe('{{Partnership|partner=P|notes=a {{!}} b [[x|y]] {{z|w}}}}');
    expect(read(result.text)[0]?.params.notes).toBe('a {{!}} b [[x|y]] {{z|w}}');
  });

  it.each(['}}', 'a }} b', '{{', '{{unclosed', '<!-- open comment', 'x {{Partnership|partner=Y}}'])('refuses %j with a clear error', (value) => {
    const page = '{{Partnership|partner=P}}';
    expect(() => editPartnership(page, 0, {notes: value}, tools)).toThrow(EditRefused);
    try {
      editPartnership(page, 0, {notes: value}, tools);
    } catch (error) {
      expect((error as EditRefused).field).toBe('notes');
      expect((error as EditRefused).message).toMatch(/notes/);
    }
  });

  it('writes HTML, categories and right-to-left text as plain values that read back exactly', () => {
    for (const value of ['<script>alert(1)</script>', '[[Category:Hacked]]', 'متحف اللوفر', '<nowiki>|</nowiki>', 'a = b', 'x'.repeat(10_000)]) {
      const result = editPartnership('{{Partnership\n| partner = P\n}}', 0, {notes: value}, tools);
      expect(read(result.text)[0]?.params.notes).toBe(value);
    }
  });

  it('refuses parameter names that are not names', () => {
    expect(() => editPartnership('{{Partnership}}', 0, {'a|b': 'x'}, tools)).toThrow(/cannot be a parameter name/);
    expect(() => editPartnership('{{Partnership}}', 0, {'': 'x'}, tools)).toThrow(EditRefused);
  });

  it('refuses an index with no partnership', () => {
    expect(() => editPartnership('no template', 0, {stage: 'x'}, tools)).toThrow(/no \{\{Partnership\}\} at index 0/);
  });
});
