/**
 * The {{bots}}/{{nobots}} convention of https://en.wikipedia.org/wiki/Template:Bots, case by case:
 * each row is a talk page and whether PartnershipBot may post a partnership reminder on it.
 */
import {allowsBot, botsTemplates, REMINDER_MESSAGE_TYPE, stripInactive} from '../../../shared/wikitext/bots';

const BOT = 'PartnershipBot';
const may = (text: string, type: string | undefined = REMINDER_MESSAGE_TYPE) => allowsBot(text, BOT, type);

describe('allowsBot', () => {
  test.each([
    ['a page without the templates', 'Hello, welcome!', true],
    ['{{bots}} allows every bot', '{{bots}}', true],
    ['{{nobots}} refuses every bot', 'Text\n{{nobots}}\nmore', false],
    ['{{Nobots}}, first letter in capitals', '{{Nobots}}', false],
    ['{{ nobots }} with spaces', '{{ nobots }}', false],
    ['{{Template:Nobots}}', '{{Template:Nobots}}', false],
    ['{{nobots|}} with an empty parameter', '{{nobots|}}', false],
    ['allow=all', '{{bots|allow=all}}', true],
    ['allow=none', '{{bots|allow=none}}', false],
    ['allow naming another bot only', '{{bots|allow=OtherBot,ThirdBot}}', false],
    ['allow naming this bot among others', '{{bots|allow=OtherBot, PartnershipBot}}', true],
    ['allow naming this bot as User:PartnershipBot', '{{bots|allow=User:PartnershipBot}}', true],
    ['an empty allow list allows nobody', '{{bots|allow=}}', false],
    ['deny=all', '{{bots|deny=all}}', false],
    ['deny=none', '{{bots|deny=none}}', true],
    ['deny naming this bot', '{{bots|deny=PartnershipBot}}', false],
    ['deny naming this bot in lower case', '{{bots|deny=partnershipbot}}', false],
    ['deny naming this bot among others, with spaces', '{{bots| deny = OtherBot , PartnershipBot }}', false],
    ['deny naming other bots only', '{{bots|deny=OtherBot,AWB}}', true],
    ['deny naming a bot whose name contains ours', '{{bots|deny=PartnershipBot2}}', true],
    ['{{nobots|Bot1,Bot2}} naming this bot (pywikibot reading)', '{{nobots|OtherBot,PartnershipBot}}', false],
    ['{{nobots|Bot1}} naming another bot only', '{{nobots|OtherBot}}', true],
    ['{{nobots|allow=PartnershipBot}}: the named bot may', '{{nobots|allow=PartnershipBot}}', true],
    ['{{nobots|deny=OtherBot}} still refuses the others', '{{nobots|deny=OtherBot}}', false],
    ['optout=all', '{{bots|optout=all}}', false],
    ['optout of our message type', '{{bots|optout=nosource,partnership-reminders}}', false],
    ['optout of other message types only', '{{bots|optout=nosource,nolicense}}', true],
    ['optout beats an allow naming this bot', '{{bots|allow=PartnershipBot|optout=partnership-reminders}}', false],
    ['a deny naming this bot beats allow=all', '{{bots|allow=all}}{{bots|deny=PartnershipBot}}', false],
    ['an allow naming this bot beats {{nobots}}', '{{nobots}}{{bots|allow=PartnershipBot}}', true],
    ['deny=all with an allow naming this bot', '{{bots|deny=all}}\n{{bots|allow=PartnershipBot}}', true],
    ['{{nobots}} in a comment does nothing', '<!-- {{nobots}} -->', true],
    ['{{nobots}} in nowiki does nothing', 'Use <nowiki>{{nobots}}</nowiki> to opt out', true],
    ['{{nobots}} in pre does nothing', '<pre>{{nobots}}</pre>', true],
    ['{{nobots}} in syntaxhighlight does nothing', '<syntaxhighlight lang="wikitext">{{nobots}}</syntaxhighlight>', true],
    ['{{{nobots}}} is a parameter, not the template', '{{{nobots}}}', true],
    ['{{nobots}} after an unclosed comment does nothing', '<!-- oops {{nobots}}', true],
    ['a page named like the template but longer', '{{nobotsplease}}', true],
    ['{{bots|Foo}} without a key is not the convention', '{{bots|PartnershipBot}}', true],
  ])('%s', (_name, text, expected) => {
    expect(may(text)).toBe(expected);
  });

  test('the message type matters only when the caller names one', () => {
    expect(allowsBot('{{bots|optout=all}}', BOT)).toBe(true);
    expect(allowsBot('{{bots|optout=all}}', BOT, 'anything')).toBe(false);
  });

  test('the bot name is compared as MediaWiki compares user names (first letter, underscores)', () => {
    expect(allowsBot('{{bots|deny=Partnership Tracker}}', 'Partnership_Tracker', REMINDER_MESSAGE_TYPE)).toBe(false);
    expect(allowsBot('{{bots|deny=partnership tracker}}', 'Partnership Tracker', REMINDER_MESSAGE_TYPE)).toBe(false);
  });
});

describe('botsTemplates', () => {
  test('reads named and positional parameters, keys in lower case', () => {
    expect(botsTemplates('{{Bots|Allow=A, B|deny=C}} {{nobots|X}}')).toEqual([
      {name: 'bots', named: new Map([['allow', 'A, B'], ['deny', 'C']]), positional: []},
      {name: 'nobots', named: new Map(), positional: ['X']},
    ]);
  });
});

describe('stripInactive', () => {
  test('removes comments and the contents of nowiki, pre, syntaxhighlight, source and includeonly', () => {
    const text = 'a<!-- c -->b<nowiki>{{x}}</nowiki>c<pre>{{y}}</pre>d<includeonly>{{z}}</includeonly>e<nowiki/>f';
    expect(stripInactive(text).replace(/\s/g, '')).toBe('abcdef');
  });
});
