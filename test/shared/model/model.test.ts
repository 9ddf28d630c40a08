import {addDays, dayOf, formatDay, parseIsoDate} from '../../../shared/model/dates';
import {STAGES, isActiveLike, isTerminal, normaliseStage} from '../../../shared/model/stages';
import {normaliseUser, userName} from '../../../shared/model/users';
import {normaliseTitle, templateMatcher} from '../../../shared/wikitext/template-name';

describe('parseIsoDate', () => {
  it.each(['2026-01-05', '2026-12-31', '2024-02-29', '2000-02-29', '1999-01-01', '2026-02-28'])('%s is valid', (text) => {
    const day = parseIsoDate(text);
    expect(day).not.toBeNull();
    expect(formatDay(day!)).toBe(text);
  });

  it.each([
    ['2026-02-30', 'no 30 February'],
    ['2025-02-29', 'not a leap year'],
    ['1900-02-29', 'century, not a leap year'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'no month 13'],
    ['2026-00-10', 'no month 0'],
    ['2026-01-00', 'no day 0'],
    ['2026-01-32', 'no day 32'],
    ['2026-1-5', 'unpadded'],
    ['2026-01-5', 'unpadded day'],
    ['26-01-05', 'two-digit year'],
    [' 2026-01-05', 'leading space'],
    ['2026-01-05 ', 'trailing space'],
    ['2026-01-05\n', 'trailing newline'],
    ['2026/01/05', 'slashes'],
    ['05-01-2026', 'day first'],
    ['20260105', 'basic format'],
    ['2026-01-05T00:00:00Z', 'a timestamp'],
    ['2026-01', 'a month'],
    ['', 'empty'],
    ['２０２６-01-05', 'full-width digits'],
    ['٢٠٢٦-٠١-٠٥', 'Arabic-Indic digits'],
  ])('%j is invalid (%s)', (text) => {
    expect(parseIsoDate(text)).toBeNull();
  });

  it('gives calendar days: consecutive dates differ by one, across months, years and leap days', () => {
    expect(parseIsoDate('2024-03-01')! - parseIsoDate('2024-02-29')!).toBe(1);
    expect(parseIsoDate('2026-01-01')! - parseIsoDate('2025-12-31')!).toBe(1);
    expect(parseIsoDate('2027-01-01')! - parseIsoDate('2026-01-01')!).toBe(365);
    expect(parseIsoDate('2025-01-01')! - parseIsoDate('2024-01-01')!).toBe(366);
    expect(parseIsoDate('1970-01-01')).toBe(0);
  });

  it('addDays and formatDay round-trip', () => {
    const day = parseIsoDate('2026-02-28')!;
    expect(formatDay(addDays(day, 1))).toBe('2026-03-01');
    expect(formatDay(addDays(day, -59))).toBe('2025-12-31');
  });

  it('dayOf takes the UTC day', () => {
    expect(formatDay(dayOf(new Date('2026-06-15T23:59:59Z')))).toBe('2026-06-15');
    expect(formatDay(dayOf(new Date('2026-06-15T00:00:00Z')))).toBe('2026-06-15');
    expect(formatDay(dayOf(new Date('2026-06-16T01:00:00+02:00')))).toBe('2026-06-15');
  });
});

describe('normaliseUser', () => {
  it.each([
    ['Alice', 'User:Alice'],
    ['User:Alice', 'User:Alice'],
    ['user:alice', 'User:Alice'],
    ['USER:Alice', 'User:Alice'],
    ['User : Alice', 'User:Alice'],
    ['[[User:Alice]]', 'User:Alice'],
    ['[[user:Alice]]', 'User:Alice'],
    ['[[User:Alice|anything]]', 'User:Alice'],
    ['[[User:Alice|Alice (WMFR)]]', 'User:Alice'],
    ['[[ User:Alice ]]', 'User:Alice'],
    ['Alice_Smith', 'User:Alice Smith'],
    ['User:Alice_Smith', 'User:Alice Smith'],
    ['[[User:Alice_Smith|A]]', 'User:Alice Smith'],
    ['Alice  Smith', 'User:Alice Smith'],
    ['  Alice  ', 'User:Alice'],
    ['alice', 'User:Alice'],
    ['Élodie', 'User:Élodie'],
    ['مستخدم', 'User:مستخدم'],
  ])('%j → %s', (text, expected) => {
    expect(normaliseUser(text)).toBe(expected);
  });

  it.each([
    ['[[Alice]]', 'an article link'],
    ['[[:Alice]]', 'an article link'],
    ['<script>', 'forbidden characters'],
    ['Alice<br>', 'forbidden characters'],
    ['', 'empty'],
    ['   ', 'blank'],
    ['User:', 'no name'],
    ['[[User:]]', 'no name'],
    ['User talk:Alice', 'another namespace'],
    ['[[User talk:Alice]]', 'another namespace'],
    ['Template:Alice', 'another namespace'],
    ['[[Special:Contributions/Alice]]', 'not a user page'],
    ['{{user|Alice}}', 'a template'],
    ['Alice|Bob', 'a pipe'],
    ['[[User:Alice]] [[User:Bob]]', 'two users'],
    ['Alice#top', 'a fragment'],
    ['Alice\nBob', 'two lines'],
  ])('%j is not a user (%s)', (text) => {
    expect(normaliseUser(text)).toBeNull();
  });

  it('a subpage of a user page is not a user (MediaWiki forbids "/" in user names)', () => {
    expect(normaliseUser('User:Alice/Sandbox')).toBeNull();
    expect(normaliseUser('[[User:Alice/Partnerships|Alice]]')).toBeNull();
  });

  it('accepts the wiki\'s localised user namespaces when given', () => {
    expect(normaliseUser('Utilisateur:Alice', ['Utilisateur', 'Utilisatrice'])).toBe('User:Alice');
    expect(normaliseUser('[[utilisatrice:alice|A]]', ['Utilisateur', 'Utilisatrice'])).toBe('User:Alice');
    expect(normaliseUser('Utilisateur:Alice')).toBeNull();
  });

  it('userName gives the account name', () => {
    expect(userName('User:Alice Smith')).toBe('Alice Smith');
  });
});

describe('normaliseStage', () => {
  it.each(STAGES)('%s is itself, in any case', (stage) => {
    expect(normaliseStage(stage)).toBe(stage);
    expect(normaliseStage(stage.toUpperCase())).toBe(stage);
    expect(normaliseStage(` ${stage.charAt(0).toUpperCase()}${stage.slice(1)} `)).toBe(stage);
  });

  it.each(['On hold', 'on_hold', 'on-hold', 'ON-HOLD', 'On_Hold', 'on hold', ' on  hold ', 'on - hold', 'on\thold'])(
    '%j is on-hold', (text) => {
      expect(normaliseStage(text)).toBe('on-hold');
    });

  it.each(['', ' ', 'onhold', 'hold', 'paused', 'signed', 'activ', 'active!', 'pro-spect', 'on hold later'])('%j is not a stage', (text) => {
    expect(normaliseStage(text)).toBeNull();
  });

  it('the stages are in lifecycle order', () => {
    expect(STAGES).toEqual([
      'prospect', 'contact', 'assessment', 'outreach', 'negotiation', 'active', 'debrief', 'evaluation', 'on-hold', 'ended', 'declined',
    ]);
  });

  it('terminal and active-like stages as in the contract', () => {
    expect(STAGES.filter(isTerminal)).toEqual(['ended', 'declined']);
    expect(STAGES.filter(isActiveLike)).toEqual(['active', 'debrief', 'evaluation']);
  });
});

describe('templateMatcher', () => {
  const matches = templateMatcher(['Partnership']);

  it.each([
    'Partnership',
    'partnership',
    ' Partnership ',
    '\nPartnership\n',
    'Template:Partnership',
    'template:partnership',
    'TEMPLATE:Partnership',
    ' template : Partnership',
    'Template_:_Partnership',
    'Template:_Partnership',
    'Partnership_',
    'Partnership<!-- c -->',
    '<!-- c -->Partnership',
    'Partner<!-- c -->ship',
    'Template:<!-- c -->Partnership',
  ])('%j is the template', (name) => {
    expect(matches(name)).toBe(true);
  });

  it.each([
    'PARTNERSHIP',
    'PartnerShip',
    'Partnerships',
    'Partner ship',
    'Partnership/doc',
    'Template talk:Partnership',
    'Template_talk:Partnership',
    ':Partnership',
    ' :Partnership',
    ':Template:Partnership',
    'User:Partnership',
    'Other',
    '',
  ])('%j is not the template', (name) => {
    expect(matches(name)).toBe(false);
  });

  it('matches redirect names from configuration, the same way', () => {
    const withRedirects = templateMatcher(['Partnership', 'Partenariat', 'Template:Partner_record']);
    for (const name of ['Partenariat', 'partenariat', 'Template:Partenariat', 'Partner record', 'partner_record', 'Template:Partner record']) {
      expect(withRedirects(name)).toBe(true);
    }
    expect(withRedirects('Partenariats')).toBe(false);
    expect(matches('Partenariat')).toBe(false);
  });

  it('takes the wiki\'s localised template namespaces', () => {
    const fr = templateMatcher(['Partenariat'], ['Template', 'Modèle']);
    expect(fr('Modèle:Partenariat')).toBe(true);
    expect(fr('modèle : partenariat')).toBe(true);
    expect(fr('Template:Partenariat')).toBe(true);
    expect(fr('Modèle:Partenariat/doc')).toBe(false);
  });

  it('normaliseTitle folds spaces and underscores and capitalises the first letter', () => {
    expect(normaliseTitle('  partner__record  ')).toBe('Partner record');
    expect(normaliseTitle('élan')).toBe('Élan');
  });
});
