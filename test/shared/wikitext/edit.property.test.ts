import fc from 'fast-check';
import {nodeWikitextTools} from '../../../bot/wikitext';
import {PARAM_NAMES} from '../../../shared/model/params';
import {editPartnership, EditRefused} from '../../../shared/wikitext/edit';
import {readTemplates} from '../../../shared/wikitext/reader';
import {changedSpan} from '../../helpers/diff';

const tools = nodeWikitextTools(['Partnership']);
const read = (text: string) => readTemplates(text, tools.parse, tools.matches);

const word = fc.string({unit: fc.constantFrom(...'abcxyzéأ中 -_.'.split('')), minLength: 1, maxLength: 8});
const space = fc.constantFrom('', ' ', '  ', '\n', ' \n ', '\t');
const prose = fc.string({unit: fc.constantFrom(...'ab \n=|[]<>!-:*#\'"متحف中'.split('')), maxLength: 30})
  .filter((s) => !s.includes('<!--') && !/<\w/.test(s));
const paramName = fc.oneof(fc.constantFrom(...PARAM_NAMES), fc.constantFrom('favourite', 'x', '1', 'Stage'));
const safeValue = fc.string({unit: fc.constantFrom(...'ab 0123-: =.,()éمحف中'.split('')), maxLength: 20});

const otherTemplate = fc.tuple(word, fc.array(fc.tuple(word, safeValue), {maxLength: 3}))
  .map(([name, params]) => `{{Other ${name.replace(/[^a-z]/g, '')}${params.map(([k, v]) => `|${k.replace(/[^a-z]/g, '') || 'k'}=${v}`).join('')}}}`);
const comment = safeValue.map((v) => `<!--${v}-->`);
const nowiki = safeValue.map((v) => `<nowiki>{{Partnership|partner=${v}}}</nowiki>`);
const link = fc.tuple(word, word).map(([a, b]) => `[[${a.trim() || 'a'}|${b}]]`);

const partnership = fc.record({
  block: fc.boolean(),
  nameCase: fc.constantFrom('Partnership', 'partnership', 'Template:Partnership', ' Partnership '),
  lead: space,
  around: fc.constantFrom(['', ''], [' ', ' '], [' ', '  ']),
  params: fc.array(fc.tuple(paramName, fc.oneof(safeValue, link, comment.map((c) => `v ${c}`))), {maxLength: 8}),
}).map(({block, nameCase, around, params}) => {
  const sep = block ? '\n' : '';
  const body = params.map(([k, v]) => `${sep}|${around[0]}${k}${around[1]}=${around[0]}${v}`).join('');
  return `{{${nameCase}${body}${sep}}}`;
});

const page = fc.array(fc.oneof(
  {arbitrary: prose, weight: 3},
  {arbitrary: partnership, weight: 3},
  {arbitrary: otherTemplate, weight: 1},
  {arbitrary: comment, weight: 1},
  {arbitrary: nowiki, weight: 1},
  {arbitrary: link, weight: 1},
), {minLength: 1, maxLength: 8}).map((chunks) => chunks.join(''));

const hostileValue = fc.oneof(
  safeValue,
  fc.constantFrom('}}', '{{', '|', 'a|b', '<script>x</script>', '[[Category:Hacked]]', '{{Delete}}', 'x}}y', '<!--', '<nowiki>', 'متحف اللوفر', '[[a|b]]'),
  fc.string({unit: fc.constantFrom(...'{}|[]<>!-=ab \n'.split('')), maxLength: 12}),
);
const changes = fc.dictionary(paramName, hostileValue, {minKeys: 1, maxKeys: 3});

const unescape = (value: string) => value.split('{{!}}').join('|');
// Braces, unbalanced link brackets, tags and comments can escape a value; so can a line starting with `=`, which may read as a heading.
const couldBreak = (value: string) => /[{}<]|\[\[|\]\]|(^|\n)\s*=/.test(value.trim());

describe('lossless editing (property-based)', () => {
  it('changes only the values asked for, on 10,000 generated pages', () => {
    let edited = 0;
    fc.assert(fc.property(page, fc.nat(), changes, (text, pick, asked) => {
      const before = read(text);
      fc.pre(before.length > 0);
      const index = pick % before.length;
      const target = before[index]!;
      let result;
      try {
        result = editPartnership(text, index, asked, tools);
      } catch (error) {
        // Refusing is allowed only for values that could escape the template.
        expect(error).toBeInstanceOf(EditRefused);
        expect(Object.values(asked).some(couldBreak)).toBe(true);
        return;
      }
      edited++;
      const span = changedSpan(text, result.text);
      if (span.start < span.beforeEnd || span.start < span.afterEnd) {
        expect(span.start).toBeGreaterThanOrEqual(target.syntax.start);
        expect(span.beforeEnd).toBeLessThanOrEqual(target.syntax.end);
      }
      const after = read(result.text);
      expect(after).toHaveLength(before.length);
      const now = after[index]!;
      for (const [rawName, value] of Object.entries(asked)) {
        const name = rawName.trim();
        const expected = value.trim();
        if (expected === '' && !(name in target.params)) {
          expect(name in now.params).toBe(false);
          continue;
        }
        expect(unescape(now.values[name] ?? '')).toBe(unescape(expected).replace(/<!--[\s\S]*?-->/g, '').trim());
      }
      for (const [name, value] of Object.entries(target.params)) {
        if (!(name in asked)) expect(now.params[name]).toBe(value);
      }
      before.forEach((other, i) => {
        if (i !== index) expect(after[i]!.params).toEqual(other.params);
      });
    }), {numRuns: 10_000, seed: 20261121});
    expect(edited).toBeGreaterThan(5_000);
  });
});
