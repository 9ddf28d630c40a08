import {plainText} from '../../../shared/reminders/escape';
import {pageOfKey, reminderKey} from '../../../shared/reminders/keys';
import {formatMarker, readMarkers} from '../../../shared/reminders/marker';
import {day, finding} from './fixtures';

describe('reminderKey', () => {
  test('page, index, rule, field and the talk page it is told on', () => {
    const f = finding({rule: 'invalid-template', field: 'stage_since', page: 'Partnerships/Louvre', index: 2});
    expect(reminderKey(f, 'User talk:Alice')).toBe('Partnerships/Louvre|2|invalid-template|stage_since|User talk:Alice');
    expect(pageOfKey(reminderKey(f, 'User talk:Alice'))).toBe('Partnerships/Louvre');
  });

  test('differs by each part', () => {
    const base = finding({rule: 'invalid-template', field: 'start'});
    const keys = new Set([
      reminderKey(base, 'User talk:Alice'),
      reminderKey({...base, field: 'end'}, 'User talk:Alice'),
      reminderKey({...base, index: 1}, 'User talk:Alice'),
      reminderKey({...base, page: 'Other'}, 'User talk:Alice'),
      reminderKey({...base, rule: 'duplicate-parameter'}, 'User talk:Alice'),
      reminderKey(base, 'User talk:Bob'),
    ]);
    expect(keys.size).toBe(6);
  });
});

describe('markers', () => {
  test('round-trip through a talk page among other text', () => {
    const keys = ['A|0|contact-left||User talk:Alice', 'B|1|stale-stage||User talk:Alice'];
    const page = `== Old ==\nHi ~~~~\n== Reminders ==\n${formatMarker(keys, day('2026-11-21'))}\nText\n${formatMarker(['C|0|no-coordinator||Talk:C'], day('2026-12-01'))}`;
    expect(readMarkers(page)).toEqual([{keys, day: day('2026-11-21')}, {keys: ['C|0|no-coordinator||Talk:C'], day: day('2026-12-01')}]);
  });

  test('a key holding "-->" or "<!--" cannot end the comment early', () => {
    const keys = ['P|0|unknown-parameter|a-->b<!--c|Talk:P'];
    const marker = formatMarker(keys, day('2026-11-21'));
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(readMarkers(`x ${marker} y`)).toEqual([{keys, day: day('2026-11-21')}]);
  });

  test('ignores markers that are not ours or broken', () => {
    const text = [
      '<!-- partnership-tracker: not json -->',
      '<!-- partnership-tracker: {"v":2,"keys":["a"],"day":"2026-11-21"} -->',
      '<!-- partnership-tracker: {"v":1,"keys":[1],"day":"2026-11-21"} -->',
      '<!-- partnership-tracker: {"v":1,"keys":["a"],"day":"2026-02-30"} -->',
      '<!-- something else {"v":1,"keys":["a"],"day":"2026-11-21"} -->',
    ].join('\n');
    expect(readMarkers(text)).toEqual([]);
  });
});

describe('plainText', () => {
  test.each([
    ['[[Category:X]]', '<nowiki>[[Category:X]]</nowiki>'],
    ['{{Delete}}', '<nowiki>{{Delete}}</nowiki>'],
    ['<script>alert(1)</script>', '<nowiki>&lt;script>alert(1)&lt;/script></nowiki>'],
    ['a</nowiki>{{Delete}}', '<nowiki>a&lt;/nowiki>{{Delete}}</nowiki>'],
    ['a</NOWIKI >[[Category:X]]', '<nowiki>a&lt;/NOWIKI >[[Category:X]]</nowiki>'],
    ['AT&amp;T ~~~~', '<nowiki>AT&amp;amp;T ~~~~</nowiki>'],
    ['two\nlines', '<nowiki>two lines</nowiki>'],
  ])('%j', (value, expected) => {
    expect(plainText(value)).toBe(expected);
  });

  test('has exactly one closing tag, at the end', () => {
    const shown = plainText('x</nowiki></nowiki ><</nowiki>');
    expect(shown.match(/<\/nowiki/gi)).toHaveLength(1);
    expect(shown.endsWith('</nowiki>')).toBe(true);
  });
});
