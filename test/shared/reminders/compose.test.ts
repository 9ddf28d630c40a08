/**
 * Messages are composed from findings made by the real rules on real wikitext, so each case reads
 * like a talk page a coordinator would get.
 */
import {nodeWikitextTools} from '../../../bot/wikitext';
import {checkPages} from '../../../shared/check';
import {coreMessages} from '../../../shared/i18n/core';
import {composeReminder, type ComposeOptions} from '../../../shared/reminders/compose';
import {readMarkers} from '../../../shared/reminders/marker';
import {planDeliveries, type Delivery} from '../../../shared/reminders/routing';
import {CANONICAL_NAMESPACES} from '../../../shared/rules/recipients';
import {DEFAULT_RULES_CONFIG} from '../../../shared/rules/config';
import {day} from './fixtures';

const TODAY = day('2026-11-21');
const tools = nodeWikitextTools(['Partnership']);

const PAGES = [
  {title: 'Partnerships/Louvre', text: [
    '{{Partnership|partner=Musée du Louvre [[Category:Spam]]|stage=active|stage_since=2026-01-01|coordinator=Alice',
    '|contact=Jean </nowiki>{{Delete}}<script>alert(1)</script>|contact_left=2026-10-01|agreement_signed=2025-01-01|backup_contact=Marie}}',
    '{{Partnership|partner=Second partner|stage=negotiation|stage_since=2026-10-01|coordinator=Alice}}',
  ].join('\n')},
  {title: 'Partnerships/Orsay', text: '{{Partnership|partner=Orsay|stage=outreach|stage_since=2026-11-01|coordinator=Alice|contact=Paul}}'},
  {title: 'Partnerships/Nobody', text: '{{Partnership|partner=Nobody|stage=contact|stage_since=2026-01-01}}'},
];

const check = checkPages(PAGES, {today: TODAY, rules: DEFAULT_RULES_CONFIG, tools, messages: coreMessages('en')});
const remindable = check.findings.filter((f) => f.severity !== 'info');
const {deliveries} = planDeliveries(remindable, {status: () => 'ok', optedOut: new Set(), namespaces: CANONICAL_NAMESPACES});
const delivery = (target: string): Delivery => {
  const found = deliveries.find((d) => d.target === target);
  if (!found) throw new Error(`no delivery to ${target}: ${deliveries.map((d) => d.target).join(', ')}`);
  return found;
};

const OPTIONS: ComposeOptions = {
  language: 'en', siteLanguage: 'en', today: TODAY, maxFindings: 30, cooldownDays: 14,
  optOutPage: 'Partnerships/Opt-out', statusPage: 'Partnerships/Status',
  partnershipsOnPage: (page) => check.partnerships.filter((p) => p.page === page).length,
};

/** What the wiki would treat as markup: the text with every <nowiki>…</nowiki> taken out. */
const outsideNowiki = (text: string) => text.replace(/<nowiki>[\s\S]*?<\/nowiki>/g, '');

describe('a reminder to a coordinator, in English', () => {
  const alice = delivery('User talk:Alice');
  const message = composeReminder(alice, OPTIONS);

  test('starts with a marker naming every reminder it tells, and the day', () => {
    expect(message.text.split('\n')[0]).toMatch(/^<!-- partnership-tracker: .* -->$/);
    const [marker, ...others] = readMarkers(message.text);
    expect(others).toEqual([]);
    expect(marker?.day).toBe(TODAY);
    expect([...(marker?.keys ?? [])].sort()).toEqual(alice.items.map((i) => i.key).sort());
    expect(message.keys).toHaveLength(alice.items.length);
    expect(message.omitted).toBe(0);
  });

  test('has a dated heading as plain text', () => {
    expect(message.sectionTitle).toBe('Partnership reminders (2026-11-21)');
  });

  test('links every partnership, says which one on a page holding several, and names the partner as text', () => {
    expect(message.text).toContain("* '''[[:Partnerships/Louvre]]''' (partnership 1 of 2 on the page) — <nowiki>Musée du Louvre [[Category:Spam]]</nowiki>");
    expect(message.text).toContain("* '''[[:Partnerships/Louvre]]''' (partnership 2 of 2 on the page) — <nowiki>Second partner</nowiki>");
    expect(message.text).toContain("* '''[[:Partnerships/Orsay]]''' — <nowiki>Orsay</nowiki>");
  });

  test('lets no value from the template act as markup', () => {
    const markup = outsideNowiki(message.text);
    expect(markup).not.toMatch(/Category:Spam|\{\{Delete|<script|alert\(1\)/);
    expect(message.text).toContain('&lt;/nowiki>{{Delete}}&lt;script>');
  });

  test('tells what is wrong and what to do: the successor steps when the contact left', () => {
    expect(message.text).toContain("** '''Error:''' The main contact (<nowiki>");
    expect(message.text).toMatch(/Consider promoting the backup contact, <nowiki>Marie<\/nowiki>/);
    expect(message.text).toMatch(/''What to do:'' Find out who is in charge of the partnership at the partner now, and rebuild the relationship/);
    expect(message.text).toMatch(/what Wikimedia is.*past reports.*Be patient.*end of the partnership/s);
  });

  test('gives the backup-contact advice from the lesson on personnel change, once, then "as above"', () => {
    expect(message.text).toContain('name a second person as a backup contact');
    expect(message.text).toContain('Copy their colleagues on your emails');
    expect(message.text).toContain('contingency plan');
    const backup = message.text.split('\n').filter((line) => line.includes('There is no backup contact'));
    expect(backup.length).toBe(2);
    expect(message.text).toContain("**: ''What to do:'' as above.");
  });

  test('errors come first', () => {
    const severities = message.text.split('\n').filter((l) => l.startsWith('** ')).map((l) => /'''(\w+):'''/.exec(l)?.[1]);
    expect(severities.indexOf('Warning')).toBeGreaterThan(severities.lastIndexOf('Error'));
  });

  test('ends with the status table, the cooldown, how to opt out and a signature', () => {
    const last = message.text.trimEnd().split('\n').pop() ?? '';
    expect(last).toContain('[[:Partnerships/Status]]');
    expect(last).toContain('at most once every 14 days');
    expect(last).toContain('add your user name to [[:Partnerships/Opt-out]]');
    expect(last).toContain('<code><nowiki>{{nobots}}</nowiki></code>');
    expect(last).toContain('<code><nowiki>{{bots|optout=partnership-reminders}}</nowiki></code>');
    expect(last.endsWith(' ~~~~')).toBe(true);
  });

  test('written in the wiki\'s language, it is not wrapped', () => {
    expect(message.text).not.toContain('<div');
  });
});

describe('the cap on points per message', () => {
  const alice = delivery('User talk:Alice');
  const message = composeReminder(alice, {...OPTIONS, maxFindings: 1});

  test('tells the most serious points and says how many more there are, pointing to the status table', () => {
    expect(alice.items).toHaveLength(3);
    expect(message.keys).toEqual(['Partnerships/Louvre|0|contact-left|contact_left|User talk:Alice']);
    expect(message.omitted).toBe(2);
    expect(readMarkers(message.text)[0]?.keys).toEqual(message.keys);
    expect(message.text).toContain('3 points need your attention');
    expect(message.text).toContain('…and 2 more points: see the status table, [[:Partnerships/Status]].');
    expect(message.text.split('\n').filter((l) => l.startsWith('** '))).toHaveLength(1);
  });

  test('without a status table, says the rest comes later', () => {
    const text = composeReminder(alice, {...OPTIONS, maxFindings: 2, statusPage: null}).text;
    expect(text).toContain('…and one more point, in a later message.');
    expect(text).not.toContain('status table');
  });
});

describe('a reminder on a partnership\'s talk page', () => {
  const message = composeReminder(delivery('Talk:Partnerships/Nobody'), OPTIONS);

  test('says why it is posted there, and how to stop it there', () => {
    expect(message.text).toContain('No coordinator of the partnership on this page can be reached');
    expect(message.text).toContain('name a coordinator in the template');
    expect(message.text).not.toContain('Partnerships/Opt-out');
    expect(message.text).toContain('Write who leads the partnership on the Wikimedia side');
  });
});

describe('other languages', () => {
  const alice = delivery('User talk:Alice');

  test('Arabic on an English wiki is wrapped to read right to left', () => {
    const message = composeReminder(alice, {...OPTIONS, language: 'ar'});
    expect(message.text).toMatch(/^<!-- partnership-tracker: [^\n]* -->\n<div lang="ar" dir="rtl">\n/);
    expect(message.text.trimEnd().endsWith('~~~~\n</div>')).toBe(true);
    expect(message.sectionTitle).toBe('تذكيرات الشراكات (2026-11-21)');
    expect(message.text).toContain('ما العمل:');
    expect(message.text).toContain('<nowiki>Musée du Louvre [[Category:Spam]]</nowiki>');
  });

  test('Arabic on an Arabic wiki needs no wrapper', () => {
    expect(composeReminder(alice, {...OPTIONS, language: 'ar', siteLanguage: 'ar'}).text).not.toContain('<div');
  });

  test('French on an English wiki is marked as French, left to right', () => {
    const message = composeReminder(alice, {...OPTIONS, language: 'fr'});
    expect(message.text).toContain('<div lang="fr" dir="ltr">');
    expect(message.text).toContain("''Que faire :''");
    expect(message.text).toContain("'''Erreur :'''");
    expect(message.sectionTitle).toBe('Rappels sur les partenariats (2026-11-21)');
  });

  test.each(['es', 'ru', 'zh'])('%s: every line is translated, with no message key left showing', (language) => {
    const message = composeReminder(alice, {...OPTIONS, language, siteLanguage: language});
    expect(message.text).not.toMatch(/⧼|pt-reminder|pt-finding|\$\d/);
    expect(message.text).not.toContain('What to do');
    expect(message.sectionTitle).not.toContain('Partnership reminders');
  });
});
