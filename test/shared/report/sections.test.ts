import {headingsOf, templateSections} from '../../../shared/report/sections';
import {template, tools} from './fixtures';

describe('headingsOf', () => {
  it('finds headings of every level, with MediaWiki\'s anchors for repeated ones', () => {
    const text = '== Notes ==\nx\n=== Museum ===\n== Notes ==\n==Unbalanced ===\n';
    expect(headingsOf(text).map((h) => h.anchor)).toEqual(['Notes', 'Museum', 'Notes_2', 'Unbalanced =']);
  });

  it('ignores headings inside comments and extension tags', () => {
    const text = '<!--\n== Hidden ==\n-->\n<pre>\n== Code ==\n</pre>\n<nowiki>\n== Not ==\n</nowiki>\n== Real == <!-- trailing comment -->\n';
    expect(headingsOf(text).map((h) => h.text)).toEqual(['Real']);
  });
});

describe('templateSections', () => {
  it('gives each template the section it sits in, or null above the first heading', () => {
    const one = template({partner: 'A', stage: 'prospect'});
    const text = `${one}\n== Libraries ==\n${one}\n<!-- ${one} -->\n=== Small ===\n${one}`;
    expect(templateSections(text, tools)).toEqual([null, 'Libraries', 'Small']);
  });
});
