import {normaliseBlock, REPORT_END, REPORT_START, spliceReport, UPDATED_CLASS} from '../../../shared/report/markers';

const block = (body: string, time = '10:00') => `${REPORT_START}\n<div class="${UPDATED_CLASS}">Last updated ${time}</div>\n${body}\n${REPORT_END}`;

describe('spliceReport', () => {
  it('creates a page that holds only the block', () => {
    expect(spliceReport(null, block('table'))).toEqual({action: 'create', text: block('table')});
  });

  it('appends the block to a page without markers, keeping what people wrote', () => {
    expect(spliceReport('Written by people.\n\n', block('table'))).toEqual({action: 'append', text: `Written by people.\n\n${block('table')}`});
  });

  it('replaces only what lies between the markers: text above and below stays byte for byte', () => {
    const above = 'Intro ~~~~ {{Keep}}\n  indented\n';
    const below = '\n== Discussion ==\nSigned. [[Category:Partnerships]]';
    const result = spliceReport(`${above}${block('old table')}${below}`, block('new table'));
    expect(result).toEqual({action: 'update', text: `${above}${block('new table')}${below}`});
  });

  it('makes no change when only the "last updated" line differs', () => {
    expect(spliceReport(`Top\n${block('table', '09:00')}\nBottom`, block('table', '12:00'))).toEqual({action: 'unchanged'});
    expect(normaliseBlock(block('table', '09:00'))).toBe(normaliseBlock(block('table', '12:00')));
    expect(normaliseBlock(block('table'))).not.toBe(normaliseBlock(block('other table')));
  });

  it('refuses damaged markers rather than guess where the bot\'s part ends', () => {
    for (const page of [`${REPORT_START}\nno end`, `no start\n${REPORT_END}`, `${REPORT_END}\n${REPORT_START}`, `${block('a')}\n${block('b')}`]) {
      expect(spliceReport(page, block('table'))).toMatchObject({action: 'refuse'});
    }
  });
});
