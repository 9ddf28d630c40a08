import {nodeWikitextTools} from '../../bot/wikitext';
import {boxInfo, locateTemplate, renderedStage, type BoxInfo} from '../../gadget/core/locate';
import {readTemplates} from '../../shared/wikitext/reader';

const tools = nodeWikitextTools(['Partnership']);
const read = (text: string) => readTemplates(text, tools.parse, tools.matches);
const box = (partner: string, stage: string): BoxInfo => ({partner, stage});

describe('boxInfo', () => {
  it('decodes the partner as {{urlencode:…|PATH}} wrote it', () => {
    expect(boxInfo('Mus%C3%A9e%20du%20Louvre%20%26%20co', 'active')).toEqual({partner: 'Musée du Louvre & co', stage: 'active'});
  });

  it('keeps an attribute that is not an escape as it is', () => {
    expect(boxInfo('100%', null)).toEqual({partner: '100%', stage: ''});
  });
});

describe('renderedStage', () => {
  it('computes the stage attribute as the template does', () => {
    expect(renderedStage(' Active ')).toBe('active');
    expect(renderedStage('On hold')).toBe('on-hold');
    expect(renderedStage('on_hold')).toBe('on-hold');
    expect(renderedStage('phase 2')).toBe('');
    expect(renderedStage(undefined)).toBe('');
  });
});

describe('locateTemplate', () => {
  const page = '{{Partnership|partner=A|stage=active}}\n{{Partnership|partner=B|stage=contact}}\n{{Partnership|partner=C|stage=ended}}';

  it('takes the box index when boxes and templates agree, in order', () => {
    const boxes = [box('A', 'active'), box('B', 'contact'), box('C', 'ended')];
    expect([0, 1, 2].map((i) => locateTemplate(boxes, i, read(page)))).toEqual([0, 1, 2]);
  });

  it('finds a footnote\'s box drawn at the end of the page (the reference list) by its partner', () => {
    const text = 'Text<ref>{{Partnership|partner=R|stage=prospect}}</ref>\n{{Partnership|partner=A|stage=active}}\n<references/>';
    // MediaWiki draws A first, then R in the reference list.
    const boxes = [box('A', 'active'), box('R', 'prospect')];
    expect(locateTemplate(boxes, 0, read(text))).toBe(1);
    expect(locateTemplate(boxes, 1, read(text))).toBe(0);
  });

  it('finds a box when a template on the page is not drawn ({{#if:}} false)', () => {
    const text = '{{#if:|{{Partnership|partner=Hidden|stage=active}}}}\n{{Partnership|partner=A|stage=active}}';
    expect(locateTemplate([box('A', 'active')], 0, read(text))).toBe(1);
  });

  it('pairs boxes that look alike in order, when there are as many templates as boxes', () => {
    const text = '{{Partnership|partner=Same|stage=active}}{{Partnership|partner=Other|stage=active}}{{Partnership|partner=Same|stage=active}}';
    const boxes = [box('Same', 'active'), box('Same', 'active')];
    expect(locateTemplate(boxes, 0, read(text))).toBe(0);
    expect(locateTemplate(boxes, 1, read(text))).toBe(2);
  });

  it('refuses to guess: a box from another page, or more look-alikes than boxes', () => {
    expect(locateTemplate([box('Elsewhere', 'active')], 0, read(page))).toBeNull();
    const text = '{{Partnership|partner=Same|stage=active}}{{Partnership|partner=Same|stage=active}}';
    expect(locateTemplate([box('Same', 'active')], 0, read(text))).toBeNull();
    expect(locateTemplate([], 0, read(text))).toBeNull();
  });

  it('compares a partner with markup only by stage (the page shows it expanded)', () => {
    const text = '{{Partnership|partner={{PAGENAME}}|stage=active}}';
    expect(locateTemplate([box('Some page', 'active')], 0, read(text))).toBe(0);
    expect(locateTemplate([box('Some page', 'contact')], 0, read(text))).toBeNull();
  });

  it('matches the partner as the template receives it: without comments', () => {
    const text = '{{Partnership|partner = Louvre <!-- the museum --> |stage=active}}';
    expect(locateTemplate([box('Louvre', 'active')], 0, read(text))).toBe(0);
  });
});
