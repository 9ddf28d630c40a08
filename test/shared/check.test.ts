import {nodeWikitextTools} from '../../bot/wikitext';
import {checkPages, checkResultJson, type PageInput} from '../../shared/check';
import {coreMessages} from '../../shared/i18n/core';
import {parseIsoDate} from '../../shared/model/dates';
import {DEFAULT_RULES_CONFIG} from '../../shared/rules/config';

const tools = nodeWikitextTools(['Partnership']);
const messages = coreMessages('en');
const TODAY = parseIsoDate('2026-11-21')!;

const run = (pages: readonly PageInput[]) => checkPages(pages, {today: TODAY, rules: DEFAULT_RULES_CONFIG, tools, messages});
const json = (pages: readonly PageInput[]) => checkResultJson(run(pages)) as {
  today: string;
  partnerships: {page: string; index: number; partner: string | null; stage: string | null; params: Record<string, string>}[];
  findings: Record<string, unknown>[];
};

/** Partners of the templates found on one page, in index order, with their index. */
const found = (text: string): string[] => run([{title: 'P', text}]).partnerships.map((p) => `${p.index}:${p.params.partner ?? ''}`);

const LOUVRE = 'Wikimedia France/Partnerships/Louvre';

describe('checkResultJson', () => {
  it('has the shape of the contract\'s example', () => {
    const text = '{{Partnership\n| partner = Musée du Louvre\n| stage = active\n| coordinator = Alice\n| agreement = informal\n}}';
    const result = json([{title: LOUVRE, text}]);
    expect(result).toEqual({
      today: '2026-11-21',
      partnerships: [
        {page: LOUVRE, index: 0, partner: 'Musée du Louvre', stage: 'active',
          params: {partner: 'Musée du Louvre', stage: 'active', coordinator: 'Alice', agreement: 'informal'}},
      ],
      findings: [
        {page: LOUVRE, index: 0, partner: 'Musée du Louvre', rule: 'missing-backup-contact', severity: 'error',
          field: 'backup_contact', message: expect.any(String), recipients: ['User:Alice']},
      ],
    });
    expect(Object.keys(result)).toEqual(['today', 'partnerships', 'findings']);
    expect(Object.keys(result.partnerships[0]!)).toEqual(['page', 'index', 'partner', 'stage', 'params']);
    expect(Object.keys(result.findings[0]!)).toEqual(['page', 'index', 'partner', 'rule', 'severity', 'field', 'message', 'recipients']);
    expect(result.findings[0]!.message).toMatch(/backup contact/);
  });

  it('survives JSON.stringify unchanged (no undefined, no functions, no internal keys)', () => {
    const result = json([{title: LOUVRE, text: '{{Partnership|partner=A|stage=contact|colour=red}}'}]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    for (const finding of result.findings) {
      expect(finding).not.toHaveProperty('messageKey');
      expect(finding).not.toHaveProperty('messageParams');
    }
  });

  it('keeps params as written (trimmed), unknown and positional ones included, the last of duplicates', () => {
    const text = '{{Partnership\n|  partner  =   Musée du Louvre  \n| stage = On hold <!-- waiting -->\n| favourite colour = blue\n' +
      '|Louvre\n| coordinator = [[User:Alice|Alice]]\n| next_action = \n| notes = a\n| notes = b\n}}';
    const [p] = json([{title: LOUVRE, text}]).partnerships;
    expect(p!.params).toEqual({
      partner: 'Musée du Louvre',
      stage: 'On hold <!-- waiting -->',
      'favourite colour': 'blue',
      1: 'Louvre',
      coordinator: '[[User:Alice|Alice]]',
      next_action: '',
      notes: 'b',
    });
    expect(p!.stage).toBe('on-hold');
  });

  it.each([
    ['active', 'active'],
    ['Active', 'active'],
    ['ON_HOLD', 'on-hold'],
    [' on hold ', 'on-hold'],
    ['Paused', 'Paused'],
    [' in talks  ', 'in talks'],
  ])('stage %j is %j (normalised keyword, or the raw value when unknown)', (written, stage) => {
    expect(json([{title: LOUVRE, text: `{{Partnership|partner=A|stage=${written}}}`}]).partnerships[0]!.stage).toBe(stage);
  });

  it('a partner holding only a comment is missing: null, as invalid-template says', () => {
    const result = json([{title: LOUVRE, text: '{{Partnership|partner=<!-- to do -->|stage=prospect}}'}]);
    expect(result.findings).toMatchObject([{rule: 'invalid-template', field: 'partner', partner: null}]);
    expect(result.partnerships[0]!.partner).toBeNull();
  });

  it('a missing partner or stage is null', () => {
    const [p] = json([{title: LOUVRE, text: '{{Partnership|notes=x}}'}]).partnerships;
    expect(p!.partner).toBeNull();
    expect(p!.stage).toBeNull();
    const findings = json([{title: LOUVRE, text: '{{Partnership|partner=|stage=}}'}]).findings;
    expect(findings.map((f) => [f.partner, f.field])).toEqual([[null, 'partner'], [null, 'stage']]);
  });

  it('findings name their field', () => {
    const result = json([{title: LOUVRE, text: '{{Partnership|partner=A|stage=contact|stage_since=2020-01-01|x=1|x=2}}'}]);
    for (const f of result.findings) expect(typeof f.field).toBe('string');
  });

  it('lists partnerships and findings in page order, then index order', () => {
    const result = json([
      {title: 'B', text: '{{Partnership|partner=B0|stage=contact}}{{Partnership|partner=B1|stage=prospect|x=1}}'},
      {title: 'A', text: '{{Partnership|partner=A0|stage=prospect|y=2}}'},
    ]);
    expect(result.partnerships.map((p) => `${p.page}#${p.index} ${p.partner}`)).toEqual(['B#0 B0', 'B#1 B1', 'A#0 A0']);
    expect(result.findings.map((f) => `${f.page}#${f.index} ${f.rule}`)).toEqual([
      'B#0 no-coordinator',
      'B#1 unknown-parameter',
      'A#0 unknown-parameter',
    ]);
  });

  it('a page without the template gives nothing', () => {
    expect(json([{title: 'X', text: 'No template here. {{Other|partner=A}}'}])).toEqual({today: '2026-11-21', partnerships: [], findings: []});
  });
});

describe('which templates count, and their index', () => {
  const P = (n: number | string) => `{{Partnership|partner=${n}|stage=prospect}}`;

  it('counts templates in page order', () => {
    expect(found(`${P(0)} text ${P(1)}\n\n== Section ==\n${P(2)}`)).toEqual(['0:0', '1:1', '2:2']);
  });

  it('does not count templates in comments', () => {
    expect(found(`<!-- ${P('c')} -->${P(0)}<!--\n${P('d')}\n-->${P(1)}`)).toEqual(['0:0', '1:1']);
  });

  it('does not count templates in an unclosed comment (it runs to the end of the page)', () => {
    expect(found(`${P(0)}<!-- ${P('c')}`)).toEqual(['0:0']);
  });

  it.each(['nowiki', 'pre', 'syntaxhighlight', 'source'])('does not count templates in <%s>', (tag) => {
    expect(found(`<${tag}>${P('x')}</${tag}>${P(0)}`)).toEqual(['0:0']);
    expect(found(`<${tag} lang="text">${P('x')}</${tag}>${P(0)}`)).toEqual(['0:0']);
  });

  it('does not count templates in <includeonly> on a content page', () => {
    expect(found(`<includeonly>${P('x')}</includeonly>${P(0)}`)).toEqual(['0:0']);
  });

  it('counts templates in <noinclude>', () => {
    expect(found(`<noinclude>${P(0)}</noinclude>${P(1)}`)).toEqual(['0:0', '1:1']);
  });

  it('counts templates in <onlyinclude>', () => {
    expect(found(`<onlyinclude>${P(0)}</onlyinclude>${P(1)}`)).toEqual(['0:0', '1:1']);
  });

  it('counts templates nested in other templates\' parameters, in page order', () => {
    expect(found(`${P(0)}{{Box|title=T|content=${P(1)}}}{{Box|${P(2)}}}${P(3)}`)).toEqual(['0:0', '1:1', '2:2', '3:3']);
  });

  it('counts a partnership nested in another partnership after the outer one', () => {
    expect(found('{{Partnership|partner=0|stage=prospect|notes={{Partnership|partner=1|stage=prospect}}}}')).toEqual(['0:0', '1:1']);
  });

  it('counts templates in <ref>', () => {
    expect(found(`Text<ref>${P(0)}</ref> more<ref name="a">${P(1)}</ref>${P(2)}\n<references />`)).toEqual(['0:0', '1:1', '2:2']);
  });

  it('counts {{safesubst:…}} and {{msg:…}}, which MediaWiki expands on a page view', () => {
    expect(found(`{{safesubst:Partnership|partner=0|stage=prospect}}${P(1)}`)).toEqual(['0:0', '1:1']);
    expect(found(`{{msg:Partnership|partner=0|stage=prospect}}${P(1)}`)).toEqual(['0:0', '1:1']);
  });

  it('does not count {{subst:…}} or {{msgnw:…}}, which a page view does not expand', () => {
    expect(found(`{{subst:Partnership|partner=x|stage=prospect}}{{msgnw:Partnership|partner=y}}${P(0)}`)).toEqual(['0:0']);
  });

  it('counts every spelling of the name, and nothing else', () => {
    const text = '{{partnership|partner=0|stage=prospect}}{{Template:Partnership|partner=1|stage=prospect}}' +
      '{{ Partnership <!-- x -->|partner=2|stage=prospect}}{{:Partnership|partner=x}}{{Partnership/doc}}{{Partnerships|partner=x}}';
    expect(found(text)).toEqual(['0:0', '1:1', '2:2']);
  });

  it('mixes it all', () => {
    const text = [
      '<!-- {{Partnership|partner=c}} -->',
      P(0),
      '<nowiki>{{Partnership|partner=n}}</nowiki>',
      '<pre>{{Partnership|partner=p}}</pre>',
      `{{Infobox|x=${P(1)}}}`,
      '<syntaxhighlight lang="wikitext">{{Partnership|partner=s}}</syntaxhighlight>',
      `<ref>${P(2)}</ref>`,
      '<includeonly>{{Partnership|partner=i}}</includeonly>',
      `<noinclude>${P(3)}</noinclude>`,
      P(4),
    ].join('\n');
    expect(found(text)).toEqual(['0:0', '1:1', '2:2', '3:3', '4:4']);
  });

  it('numbers each page from 0, and findings carry that index', () => {
    const result = run([
      {title: 'One', text: `${P(0)}<!-- ${P('c')} -->{{Partnership|partner=1|stage=contact}}`},
      {title: 'Two', text: `<nowiki>${P('n')}</nowiki>{{Partnership|partner=0|stage=contact}}`},
    ]);
    expect(result.partnerships.map((p) => `${p.page}:${p.index}:${p.params.partner}`)).toEqual(['One:0:0', 'One:1:1', 'Two:0:0']);
    expect(result.findings.map((f) => `${f.page}:${f.index}:${f.partner}:${f.rule}`)).toEqual([
      'One:1:1:no-coordinator',
      'Two:0:0:no-coordinator',
    ]);
  });
});
