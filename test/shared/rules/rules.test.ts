/**
 * The rules table of the contract (shared/design/partnership-model.md), one describe per rule id. Partnerships are
 * written as wikitext and go through the whole offline check (reader, validation, rules), so that
 * each case reads like the contract: "these parameters, on this day, give these findings".
 */
import {nodeWikitextTools} from '../../../bot/wikitext';
import {checkPages, type PageInput} from '../../../shared/check';
import {coreMessages} from '../../../shared/i18n/core';
import {addDays, formatDay, parseIsoDate, type Day} from '../../../shared/model/dates';
import {STAGES, type Stage} from '../../../shared/model/stages';
import {DEFAULT_RULES_CONFIG, type RulesConfig} from '../../../shared/rules/config';
import type {Finding, RuleId} from '../../../shared/rules/findings';

const tools = nodeWikitextTools(['Partnership']);
const messages = coreMessages('en');

function dayOf(text: string): Day {
  const day = parseIsoDate(text);
  if (day === null) throw new Error(`bad test date ${text}`);
  return day;
}

const TODAY = dayOf('2026-06-15');
const PAGE = 'Wikimedia France/Partnerships/Louvre';

/** `today` shifted by `offset` days, as the template would hold it. */
const day = (offset: number): string => formatDay(addDays(TODAY, offset));

type Params = Readonly<Record<string, string | undefined>>;

interface CheckOverrides {
  readonly title?: string;
  readonly rules?: RulesConfig;
  readonly today?: Day;
  readonly derivedStageSince?: Day;
}

/** Findings for raw wikitext on one page. */
function checkText(text: string, overrides: CheckOverrides = {}): Finding[] {
  const page: PageInput = {
    title: overrides.title ?? PAGE,
    text,
    ...(overrides.derivedStageSince === undefined ? {} : {derivedStageSince: {0: overrides.derivedStageSince}}),
  };
  return [...checkPages([page], {
    today: overrides.today ?? TODAY,
    rules: overrides.rules ?? DEFAULT_RULES_CONFIG,
    tools,
    messages,
  }).findings];
}

/** A block template with these parameters, in this order; `undefined` leaves a parameter out. */
function wikitext(params: Readonly<Record<string, string | undefined>>): string {
  const lines = Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([name, value]) => `| ${name} = ${value}\n`);
  return `{{Partnership\n${lines.join('')}}}`;
}

/** Findings for one partnership with these parameters. */
function check(params: Readonly<Record<string, string | undefined>>, overrides: CheckOverrides = {}): Finding[] {
  return checkText(wikitext(params), overrides);
}

const ruleIds = (findings: readonly Finding[]): RuleId[] => findings.map((f) => f.rule);
const only = (findings: readonly Finding[], rule: RuleId): Finding[] => findings.filter((f) => f.rule === rule);

/**
 * A partnership with nothing to report at its stage: partner, a coordinator, a backup contact,
 * a signed agreement, just entered its stage. Tests change one thing at a time.
 */
function healthy(stage: string, extra: Params = {}): Record<string, string | undefined> {
  return {
    partner: 'Musée du Louvre',
    stage,
    stage_since: day(0),
    coordinator: 'Alice',
    contact: 'Jeanne Martin',
    backup_contact: 'Paul Durand',
    agreement_signed: day(-10),
    ...extra,
  };
}

const ACTIVE_LIKE: readonly Stage[] = ['active', 'debrief', 'evaluation'];
const NOT_ACTIVE_LIKE: readonly Stage[] = ['prospect', 'contact', 'assessment', 'outreach', 'negotiation', 'on-hold'];
const LIVE_STAGES: readonly Stage[] = STAGES.filter((s) => s !== 'ended' && s !== 'declined');

describe('the helper itself', () => {
  it.each(LIVE_STAGES)('a healthy partnership at %s has no findings', (stage) => {
    expect(check(healthy(stage))).toEqual([]);
  });

  it('reports page, index, partner, recipients and a message on every finding', () => {
    const [finding] = check(healthy('active', {backup_contact: undefined}));
    expect(finding).toMatchObject({
      page: PAGE,
      index: 0,
      partner: 'Musée du Louvre',
      rule: 'missing-backup-contact',
      severity: 'error',
      field: 'backup_contact',
      recipients: ['User:Alice'],
    });
    expect(finding?.message).toMatch(/backup contact/);
    expect(finding?.message).not.toMatch(/⧼/);
  });
});

describe('stale-stage', () => {
  const LIMITS: readonly [Stage, number][] = [
    ['prospect', 90], ['contact', 30], ['assessment', 45], ['outreach', 30], ['negotiation', 90],
    ['debrief', 30], ['evaluation', 60], ['on-hold', 180],
  ];

  it('has the contract\'s default limits', () => {
    for (const [stage, limit] of LIMITS) expect(DEFAULT_RULES_CONFIG.staleAfterDays[stage]).toBe(limit);
    expect(DEFAULT_RULES_CONFIG.staleAfterDays.active).toBeNull();
    expect(DEFAULT_RULES_CONFIG.staleAfterDays.ended).toBeNull();
    expect(DEFAULT_RULES_CONFIG.staleAfterDays.declined).toBeNull();
  });

  describe.each(LIMITS)('at %s (limit %i days)', (stage, limit) => {
    it('is not stale exactly at the limit', () => {
      expect(only(check(healthy(stage, {stage_since: day(-limit)})), 'stale-stage')).toEqual([]);
    });

    it('is stale one day after the limit', () => {
      const findings = only(check(healthy(stage, {stage_since: day(-limit - 1)})), 'stale-stage');
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({severity: 'warning', field: 'stage_since', recipients: ['User:Alice']});
      expect(findings[0]?.messageParams).toEqual([stage, limit + 1, limit, day(-limit - 1)]);
      expect(findings[0]?.messageKey).toBe('pt-finding-stale-stage');
    });
  });

  it('never fires for active, however long ago the stage began', () => {
    expect(only(check(healthy('active', {stage_since: day(-5000)})), 'stale-stage')).toEqual([]);
  });

  it.each(['ended', 'declined'])('never fires for the terminal stage %s', (stage) => {
    expect(only(check(healthy(stage, {stage_since: day(-5000)})), 'stale-stage')).toEqual([]);
  });

  it('does not fire without stage_since (an offline check has no history)', () => {
    expect(only(check(healthy('contact', {stage_since: undefined})), 'stale-stage')).toEqual([]);
  });

  it('treats an invalid stage_since as empty', () => {
    const findings = check(healthy('contact', {stage_since: '2025-02-29'}));
    expect(only(findings, 'stale-stage')).toEqual([]);
    expect(only(findings, 'invalid-template')).toMatchObject([{field: 'stage_since'}]);
  });

  it('treats a stage_since after today as empty (and reports it)', () => {
    const findings = check(healthy('contact', {stage_since: day(1)}));
    expect(only(findings, 'stale-stage')).toEqual([]);
    expect(only(findings, 'invalid-template')).toMatchObject([{field: 'stage_since', severity: 'error'}]);
  });

  describe('on-hold', () => {
    it('with revisit today: not stale, however old the stage', () => {
      expect(only(check(healthy('on-hold', {stage_since: day(-1000), revisit: day(0)})), 'stale-stage')).toEqual([]);
    });

    it('with revisit yesterday: stale, on field revisit, even if the stage is recent', () => {
      const findings = only(check(healthy('on-hold', {stage_since: day(-1), revisit: day(-1)})), 'stale-stage');
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({severity: 'warning', field: 'revisit'});
      expect(findings[0]?.message).toContain(day(-1));
    });

    it('with revisit in the future, the 180 days do not apply', () => {
      expect(only(check(healthy('on-hold', {stage_since: day(-400), revisit: day(30)})), 'stale-stage')).toEqual([]);
    });

    it('without revisit: 180 days not stale, 181 stale', () => {
      expect(only(check(healthy('on-hold', {stage_since: day(-180)})), 'stale-stage')).toEqual([]);
      expect(only(check(healthy('on-hold', {stage_since: day(-181)})), 'stale-stage'))
        .toMatchObject([{severity: 'warning', field: 'stage_since'}]);
    });

    it('an invalid revisit counts as no revisit', () => {
      expect(only(check(healthy('on-hold', {stage_since: day(-181), revisit: 'soon'})), 'stale-stage'))
        .toMatchObject([{field: 'stage_since'}]);
      expect(only(check(healthy('on-hold', {stage_since: day(-10), revisit: 'soon'})), 'stale-stage')).toEqual([]);
    });
  });

  describe('suppression by next_action_due', () => {
    const stale = (extra: Params) => check(healthy('contact', {stage_since: day(-100), next_action: 'Call', ...extra}));

    it('due today: suppressed', () => {
      expect(ruleIds(stale({next_action_due: day(0)}))).toEqual([]);
    });

    it('due in 90 days: suppressed', () => {
      expect(ruleIds(stale({next_action_due: day(90)}))).toEqual([]);
    });

    it('due in 91 days: not suppressed', () => {
      expect(ruleIds(stale({next_action_due: day(91)}))).toEqual(['stale-stage']);
    });

    it('due yesterday: not suppressed, and next-action-overdue fires', () => {
      expect(ruleIds(stale({next_action_due: day(-1)})).sort()).toEqual(['next-action-overdue', 'stale-stage']);
    });

    it('an invalid due date does not suppress', () => {
      expect(ruleIds(stale({next_action_due: 'next week'})).sort()).toEqual(['invalid-template', 'stale-stage']);
    });

    it('also suppresses on-hold past its revisit date', () => {
      expect(only(check(healthy('on-hold', {revisit: day(-5), next_action_due: day(5)})), 'stale-stage')).toEqual([]);
      expect(only(check(healthy('on-hold', {revisit: day(-5), next_action_due: day(91)})), 'stale-stage')).toHaveLength(1);
    });
  });

  describe('stage keyword normalisation', () => {
    it.each(['On hold', 'on_hold', 'ON-HOLD', 'on-hold', ' On  Hold '])('%j is on-hold (180 days without revisit)', (stage) => {
      const findings = check(healthy(stage, {stage_since: day(-181)}));
      expect(ruleIds(findings)).toEqual(['stale-stage']);
      expect(findings[0]?.messageParams[0]).toBe('on-hold');
      expect(ruleIds(check(healthy(stage, {stage_since: day(-180)})))).toEqual([]);
    });

    it.each(['On hold', 'on_hold', 'ON-HOLD'])('%j uses revisit', (stage) => {
      expect(only(check(healthy(stage, {revisit: day(-1)})), 'stale-stage')).toMatchObject([{field: 'revisit'}]);
    });

    it('`Negotiation` and `NEGOTIATION` are negotiation', () => {
      expect(ruleIds(check(healthy('Negotiation', {stage_since: day(-91)})))).toEqual(['stale-stage']);
      expect(ruleIds(check(healthy('NEGOTIATION', {stage_since: day(-90)})))).toEqual([]);
    });
  });

  describe('stage_since derived from the page history', () => {
    it('lets stale-stage fire, with the derived message variant', () => {
      const findings = only(check(healthy('contact', {stage_since: undefined}), {derivedStageSince: addDays(TODAY, -31)}), 'stale-stage');
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({field: 'stage_since', severity: 'warning', messageKey: 'pt-finding-stale-stage-derived'});
      expect(findings[0]?.message).toContain('derived');
      expect(findings[0]?.message).toContain(day(-31));
    });

    it('uses the same threshold', () => {
      expect(only(check(healthy('contact', {stage_since: undefined}), {derivedStageSince: addDays(TODAY, -30)}), 'stale-stage')).toEqual([]);
    });

    it('a written stage_since wins over the derived one', () => {
      const findings = check(healthy('contact', {stage_since: day(-5)}), {derivedStageSince: addDays(TODAY, -300)});
      expect(only(findings, 'stale-stage')).toEqual([]);
    });
  });
});

describe('next-action-overdue', () => {
  it('due today: does not fire', () => {
    expect(check(healthy('active', {next_action: 'Call', next_action_due: day(0)}))).toEqual([]);
  });

  it('due yesterday: fires as a warning on next_action_due', () => {
    const findings = check(healthy('active', {next_action: 'Call the curator', next_action_due: day(-1)}));
    expect(findings).toMatchObject([{rule: 'next-action-overdue', severity: 'warning', field: 'next_action_due', recipients: ['User:Alice']}]);
    expect(findings[0]?.message).toContain(day(-1));
  });

  it('fires whatever the (non-terminal) stage', () => {
    for (const stage of LIVE_STAGES) {
      expect(ruleIds(check(healthy(stage, {next_action_due: day(-3)})))).toContain('next-action-overdue');
    }
  });

  it('still applies when the stage is missing or unknown', () => {
    expect(ruleIds(check(healthy('', {next_action_due: day(-3)})))).toContain('next-action-overdue');
    expect(ruleIds(check(healthy('paused', {next_action_due: day(-3)})))).toContain('next-action-overdue');
  });

  it('an invalid date is not overdue', () => {
    expect(ruleIds(check(healthy('active', {next_action_due: '2026-13-01'})))).toEqual(['invalid-template']);
  });
});

describe('missing-backup-contact', () => {
  it.each([
    ['prospect', null], ['contact', null], ['assessment', null],
    ['outreach', 'warning'],
    ['negotiation', 'error'], ['active', 'error'], ['debrief', 'error'], ['evaluation', 'error'],
    ['on-hold', null], ['ended', null], ['declined', null],
  ] as const)('at %s: %s', (stage, severity) => {
    const findings = only(check(healthy(stage, {backup_contact: undefined})), 'missing-backup-contact');
    if (severity === null) {
      expect(findings).toEqual([]);
    } else {
      expect(findings).toMatchObject([{severity, field: 'backup_contact', recipients: ['User:Alice']}]);
    }
  });

  it('an empty backup_contact counts as missing', () => {
    expect(only(check(healthy('negotiation', {backup_contact: ''})), 'missing-backup-contact')).toHaveLength(1);
    expect(only(check(healthy('negotiation', {backup_contact: '<!-- to find -->'})), 'missing-backup-contact')).toHaveLength(1);
  });

  it('does not fire when there is a backup contact', () => {
    expect(only(check(healthy('negotiation')), 'missing-backup-contact')).toEqual([]);
  });

  it('fires when backup_contact_left is set, even with a backup contact named', () => {
    const findings = only(check(healthy('active', {backup_contact_left: day(-2)})), 'missing-backup-contact');
    expect(findings).toMatchObject([{severity: 'error', field: 'backup_contact'}]);
    expect(findings[0]?.message).toContain('Paul Durand');
    expect(only(check(healthy('outreach', {backup_contact_left: day(-2)})), 'missing-backup-contact'))
      .toMatchObject([{severity: 'warning'}]);
  });

  it('does not fire for backup_contact_left at stages without the rule', () => {
    expect(only(check(healthy('prospect', {backup_contact_left: day(-2)})), 'missing-backup-contact')).toEqual([]);
  });

  it('is skipped when the stage is missing or unknown', () => {
    expect(ruleIds(check(healthy('', {backup_contact: undefined})))).toEqual(['invalid-template']);
    expect(ruleIds(check(healthy('signed', {backup_contact: undefined})))).toEqual(['invalid-template']);
  });
});

describe('contact-left', () => {
  it('left today: fires as an error on contact_left', () => {
    const findings = check(healthy('active', {contact_left: day(0)}));
    expect(findings).toMatchObject([{rule: 'contact-left', severity: 'error', field: 'contact_left', recipients: ['User:Alice']}]);
    expect(findings[0]?.message).toContain('Jeanne Martin');
  });

  it('left long ago: fires', () => {
    expect(ruleIds(check(healthy('negotiation', {contact_left: day(-400)})))).toEqual(['contact-left']);
  });

  it('leaving tomorrow: does not fire', () => {
    expect(check(healthy('active', {contact_left: day(1)}))).toEqual([]);
  });

  it('suggests promoting the backup contact when there is one', () => {
    const [finding] = check(healthy('active', {contact_left: day(-1)}));
    expect(finding?.message).toMatch(/promot/i);
    expect(finding?.message).toContain('Paul Durand');
  });

  it('does not suggest promoting when there is no backup contact', () => {
    const findings = only(check(healthy('prospect', {backup_contact: undefined, contact_left: day(-1)})), 'contact-left');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).not.toMatch(/promot/i);
  });

  it('does not suggest promoting a backup contact who has left too', () => {
    const findings = only(check(healthy('prospect', {contact_left: day(-1), backup_contact_left: day(-3)})), 'contact-left');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).not.toMatch(/promot/i);
  });

  it('fires at every non-terminal stage, and when the stage is missing or unknown', () => {
    for (const stage of [...LIVE_STAGES, '', 'paused']) {
      expect(ruleIds(check(healthy(stage, {contact_left: day(-1)})))).toContain('contact-left');
    }
  });

  it('an invalid date does not fire', () => {
    expect(ruleIds(check(healthy('active', {contact_left: 'March'})))).toEqual(['invalid-template']);
  });
});

describe('agreement-missing', () => {
  it.each(ACTIVE_LIKE)('fires at %s without agreement_signed', (stage) => {
    expect(check(healthy(stage, {agreement_signed: undefined})))
      .toMatchObject([{rule: 'agreement-missing', severity: 'warning', field: 'agreement_signed', recipients: ['User:Alice']}]);
  });

  it.each(NOT_ACTIVE_LIKE)('does not fire at %s', (stage) => {
    expect(only(check(healthy(stage, {agreement_signed: undefined})), 'agreement-missing')).toEqual([]);
  });

  it.each(['informal', 'Informal', 'INFORMAL', ' informal ', 'informal <!-- no paper needed -->'])(
    'agreement = %j suppresses it', (agreement) => {
      expect(check(healthy('active', {agreement_signed: undefined, agreement}))).toEqual([]);
    });

  it('a link in agreement does not suppress it: only the signature date does', () => {
    expect(ruleIds(check(healthy('active', {agreement_signed: undefined, agreement: '[[File:Agreement.pdf]]'}))))
      .toEqual(['agreement-missing']);
    expect(check(healthy('active', {agreement: '[[File:Agreement.pdf]]'}))).toEqual([]);
  });

  it('an invalid agreement_signed counts as empty', () => {
    expect(ruleIds(check(healthy('active', {agreement_signed: '2026-02-30'}))).sort()).toEqual(['agreement-missing', 'invalid-template']);
  });

  it.each(['ended', 'declined'])('does not fire at %s', (stage) => {
    expect(check(healthy(stage, {agreement_signed: undefined}))).toEqual([]);
  });
});

describe('debrief-overdue', () => {
  it('last_event 30 days ago without debrief: does not fire', () => {
    expect(check(healthy('active', {last_event: day(-30)}))).toEqual([]);
  });

  it('last_event 31 days ago without debrief: fires', () => {
    const findings = check(healthy('active', {last_event: day(-31)}));
    expect(findings).toMatchObject([{rule: 'debrief-overdue', severity: 'warning', field: 'debrief', recipients: ['User:Alice']}]);
    expect(findings[0]?.message).toContain(day(-31));
  });

  it('a debrief before last_event does not count', () => {
    expect(ruleIds(check(healthy('active', {last_event: day(-40), debrief: day(-41)})))).toEqual(['debrief-overdue']);
  });

  it('a debrief on or after last_event does', () => {
    expect(check(healthy('active', {last_event: day(-40), debrief: day(-40)}))).toEqual([]);
    expect(check(healthy('active', {last_event: day(-40), debrief: day(-35)}))).toEqual([]);
  });

  it('no last_event: does not fire', () => {
    expect(check(healthy('active', {debrief: day(-400)}))).toEqual([]);
  });

  it('an invalid debrief counts as empty', () => {
    expect(ruleIds(check(healthy('active', {last_event: day(-40), debrief: 'done'}))).sort()).toEqual(['debrief-overdue', 'invalid-template']);
  });

  it('still applies when the stage is missing or unknown', () => {
    expect(ruleIds(check(healthy('', {last_event: day(-40)})))).toContain('debrief-overdue');
    expect(ruleIds(check(healthy('paused', {last_event: day(-40)})))).toContain('debrief-overdue');
  });

  it.each(['ended', 'declined'])('does not fire at %s', (stage) => {
    expect(check(healthy(stage, {last_event: day(-40)}))).toEqual([]);
  });
});

describe('evaluation-due', () => {
  it('365 days after agreement_signed: does not fire', () => {
    expect(check(healthy('active', {agreement_signed: day(-365), last_event: day(-5), debrief: day(-4)}))).toEqual([]);
  });

  it('366 days after agreement_signed, never evaluated: fires on last_evaluation', () => {
    const findings = check(healthy('active', {agreement_signed: day(-366), last_event: day(-5), debrief: day(-4)}));
    expect(findings).toMatchObject([{rule: 'evaluation-due', severity: 'warning', field: 'last_evaluation', recipients: ['User:Alice']}]);
    expect(findings[0]?.message).toContain(day(-366));
  });

  it('counts from last_evaluation when it is later than agreement_signed', () => {
    const base = {agreement_signed: day(-1000), last_event: day(-5), debrief: day(-4)};
    expect(check(healthy('active', {...base, last_evaluation: day(-365)}))).toEqual([]);
    const findings = check(healthy('active', {...base, last_evaluation: day(-366)}));
    expect(findings).toMatchObject([{rule: 'evaluation-due', field: 'last_evaluation'}]);
    expect(findings[0]?.message).toContain(day(-366));
  });

  it('counts from agreement_signed when it is later than last_evaluation', () => {
    const base = {last_event: day(-5), debrief: day(-4), last_evaluation: day(-2000)};
    expect(check(healthy('active', {...base, agreement_signed: day(-365)}))).toEqual([]);
    expect(ruleIds(check(healthy('active', {...base, agreement_signed: day(-366)})))).toEqual(['evaluation-due']);
  });

  it('needs last_event', () => {
    expect(only(check(healthy('active', {agreement_signed: day(-1000)})), 'evaluation-due')).toEqual([]);
  });

  it('needs agreement_signed', () => {
    const findings = check(healthy('active', {agreement_signed: undefined, agreement: 'informal', last_evaluation: day(-1000), last_event: day(-5), debrief: day(-4)}));
    expect(only(findings, 'evaluation-due')).toEqual([]);
  });

  it.each(ACTIVE_LIKE)('fires at %s', (stage) => {
    expect(ruleIds(check(healthy(stage, {agreement_signed: day(-400), last_event: day(-5), debrief: day(-4)})))).toEqual(['evaluation-due']);
  });

  it.each([...NOT_ACTIVE_LIKE, 'ended', 'declined'])('does not fire at %s', (stage) => {
    expect(only(check(healthy(stage, {agreement_signed: day(-400), last_event: day(-5), debrief: day(-4)})), 'evaluation-due')).toEqual([]);
  });
});

describe('no-coordinator', () => {
  it.each(LIVE_STAGES.filter((s) => s !== 'prospect'))('fires at %s without coordinator', (stage) => {
    const findings = check(healthy(stage, {coordinator: undefined}), {title: 'Help:Partnerships'});
    expect(findings).toMatchObject([{rule: 'no-coordinator', severity: 'warning', field: 'coordinator', recipients: ['Help talk:Partnerships']}]);
  });

  it('exempts prospect', () => {
    expect(check(healthy('prospect', {coordinator: undefined}))).toEqual([]);
  });

  it('coordinator2 alone is enough', () => {
    expect(check(healthy('active', {coordinator: undefined, coordinator2: 'Bob'}))).toEqual([]);
  });

  it('an empty coordinator counts as none', () => {
    expect(ruleIds(check(healthy('active', {coordinator: ''})))).toEqual(['no-coordinator']);
  });

  it('invalid user values count as empty (and are reported as invalid)', () => {
    const findings = check(healthy('active', {coordinator: '[[Alice]]', coordinator2: '<script>'}));
    expect(ruleIds(findings).sort()).toEqual(['invalid-template', 'invalid-template', 'no-coordinator']);
    expect(only(findings, 'no-coordinator')[0]?.recipients).toEqual([`Talk:${PAGE}`]);
  });

  it.each(['ended', 'declined'])('does not fire at %s', (stage) => {
    expect(check(healthy(stage, {coordinator: undefined}))).toEqual([]);
  });

  it('is skipped when the stage is unknown', () => {
    expect(ruleIds(check(healthy('paused', {coordinator: undefined})))).toEqual(['invalid-template']);
  });
});

describe('recipients', () => {
  const recipients = (params: Params, title = PAGE) => check(healthy('active', {backup_contact: undefined, ...params}), {title})[0]?.recipients;

  it('are the coordinators\' user pages', () => {
    expect(recipients({coordinator: 'Alice', coordinator2: '[[User:Bob|Bob]]'})).toEqual(['User:Alice', 'User:Bob']);
  });

  it('are deduplicated', () => {
    expect(recipients({coordinator: 'Alice', coordinator2: '[[User:alice]]'})).toEqual(['User:Alice']);
  });

  it('leave out an invalid coordinator', () => {
    expect(recipients({coordinator: '[[Alice]]', coordinator2: 'User:Bob'})).toEqual(['User:Bob']);
  });

  it('are the talk page of the page without coordinators', () => {
    expect(recipients({coordinator: undefined})).toEqual([`Talk:${PAGE}`]);
    expect(recipients({coordinator: undefined}, 'Help:X')).toEqual(['Help talk:X']);
    expect(recipients({coordinator: undefined}, 'User:Alice/Partnerships')).toEqual(['User talk:Alice/Partnerships']);
    expect(recipients({coordinator: undefined}, 'Talk:X')).toEqual(['Talk:X']);
  });
});

describe('invalid-template', () => {
  const invalid = (params: Readonly<Record<string, string | undefined>>) => only(check(params), 'invalid-template');

  it('partner missing', () => {
    const findings = check(healthy('active', {partner: undefined}));
    expect(findings).toMatchObject([{rule: 'invalid-template', severity: 'error', field: 'partner', partner: null, recipients: ['User:Alice']}]);
  });

  it('partner empty', () => {
    expect(invalid(healthy('active', {partner: ''}))).toMatchObject([{field: 'partner', partner: null}]);
  });

  it('partner holding only a comment is empty, and so is the partner of the finding', () => {
    expect(invalid(healthy('active', {partner: '<!-- who? -->'}))).toMatchObject([{field: 'partner', partner: null}]);
  });

  it('stage missing', () => {
    expect(check(healthy('active', {stage: undefined}))).toMatchObject([{rule: 'invalid-template', severity: 'error', field: 'stage'}]);
  });

  it('stage empty', () => {
    expect(invalid(healthy('active', {stage: ' '}))).toMatchObject([{field: 'stage'}]);
  });

  it('unknown stage keyword', () => {
    const findings = invalid(healthy('signed'));
    expect(findings).toMatchObject([{field: 'stage', severity: 'error'}]);
    expect(findings[0]?.message).toContain('signed');
  });

  it.each([
    'stage_since', 'contact_left', 'backup_contact_left', 'first_contact', 'agreement_signed', 'start', 'end',
    'last_event', 'debrief', 'last_evaluation', 'next_action_due', 'revisit',
  ])('invalid date in %s', (field) => {
    for (const value of ['2026-02-30', '15/06/2026', '2026-6-1', 'soon']) {
      const findings = invalid(healthy('active', {[field]: value}));
      expect(findings).toMatchObject([{field, severity: 'error'}]);
      expect(findings[0]?.message).toContain(value);
    }
  });

  it('stage_since after today', () => {
    expect(invalid(healthy('active', {stage_since: day(1)}))).toMatchObject([{field: 'stage_since'}]);
    expect(invalid(healthy('active', {stage_since: day(0)}))).toEqual([]);
  });

  it.each(['coordinator', 'coordinator2'])('a %s that is not a user', (field) => {
    for (const value of ['[[Alice]]', '<script>', 'User talk:Alice', '{{user|Alice}}']) {
      expect(invalid(healthy('active', {[field]: value}))).toMatchObject([{field, severity: 'error'}]);
    }
  });

  it('one finding per problem, each with its field', () => {
    const findings = check({
      stage: 'paused', stage_since: '2026-02-30', coordinator: '[[Alice]]', coordinator2: 'Bob|x', next_action_due: 'tomorrow',
    });
    const fields = only(findings, 'invalid-template').map((f) => f.field);
    expect(fields.sort()).toEqual(['coordinator', 'next_action_due', 'partner', 'stage', 'stage_since']);
    expect(only(findings, 'invalid-template').every((f) => f.severity === 'error' && f.partner === null)).toBe(true);
  });

  it('bad partner_type and priority values are not findings', () => {
    expect(check(healthy('active', {partner_type: 'zoo', priority: 'urgent'}))).toEqual([]);
  });

  it('valid values with surrounding spaces and comments are fine', () => {
    expect(check(healthy('active', {stage: ' Active <!-- since the MoU -->', agreement_signed: ` ${day(-3)} <!-- MoU -->`}))).toEqual([]);
  });

  it.each(['ended', 'declined'])('applies to %s', (stage) => {
    expect(invalid(healthy(stage, {partner: undefined, revisit: 'later'})).map((f) => f.field).sort()).toEqual(['partner', 'revisit']);
  });
});

describe('duplicate-parameter', () => {
  it('one warning per name, even if given three times; the last value wins', () => {
    const text = '{{Partnership|partner=Louvre|stage=prospect|coordinator=Alice|stage=contact|stage=active|backup_contact=B|agreement_signed=' + day(-1) + '}}';
    const findings = checkText(text);
    expect(findings).toMatchObject([{rule: 'duplicate-parameter', severity: 'warning', field: 'stage', recipients: ['User:Alice']}]);
    expect(findings[0]?.message).toContain('stage');
    const result = checkPages([{title: PAGE, text}], {today: TODAY, rules: DEFAULT_RULES_CONFIG, tools, messages});
    expect(result.partnerships[0]?.params.stage).toBe('active');
    expect(result.partnerships[0]?.fields.stage).toBe('active');
  });

  it('one warning per duplicated name', () => {
    const findings = checkText('{{Partnership|partner=A|partner=B|stage=prospect|stage = prospect |x=1|x=2}}');
    expect(only(findings, 'duplicate-parameter').map((f) => f.field)).toEqual(['partner', 'stage', 'x']);
    expect(only(findings, 'unknown-parameter').map((f) => f.field)).toEqual(['x']);
    expect(findings[0]?.partner).toBe('B');
  });

  it('names are compared trimmed', () => {
    expect(ruleIds(checkText('{{Partnership|partner=A| stage =prospect|stage=prospect}}'))).toEqual(['duplicate-parameter']);
  });

  it('the last value wins even when it is empty', () => {
    const findings = checkText('{{Partnership|partner=A|stage=prospect|stage=}}');
    expect(ruleIds(findings).sort()).toEqual(['duplicate-parameter', 'invalid-template']);
    expect(only(findings, 'invalid-template')[0]?.field).toBe('stage');
  });

  it('does not fire without repetition', () => {
    expect(checkText('{{Partnership|partner=A|stage=prospect}}')).toEqual([]);
  });

  it.each(['ended', 'declined'])('applies to %s', (stage) => {
    expect(ruleIds(checkText(`{{Partnership|partner=A|stage=${stage}|notes=a|notes=b}}`))).toEqual(['duplicate-parameter']);
  });
});

describe('unknown-parameter', () => {
  it('is info, on the parameter, one per name', () => {
    const findings = check(healthy('active', {favourite: 'yes', Stage: 'x'}));
    expect(findings).toMatchObject([
      {rule: 'unknown-parameter', severity: 'info', field: 'favourite', recipients: ['User:Alice']},
      {rule: 'unknown-parameter', severity: 'info', field: 'Stage'},
    ]);
  });

  it('positional parameters are unknown', () => {
    expect(only(checkText('{{Partnership|Louvre|partner=A|stage=prospect}}'), 'unknown-parameter')).toMatchObject([{field: '1'}]);
  });

  it('an empty unknown parameter is still reported', () => {
    expect(ruleIds(check(healthy('active', {colour: ''})))).toEqual(['unknown-parameter']);
  });

  it('known parameters are not reported', () => {
    const all = healthy('active', {
      partner_type: 'museum', affiliate: 'WMFR', priority: 'high', coordinator2: 'Bob', volunteers: 'V', contact: 'C',
      first_contact: day(-500), goals: 'G', agreement: 'link', start: day(-5), end: day(50), last_event: day(-5), debrief: day(-4),
      last_evaluation: day(-6), measures: 'M', next_action: 'N', next_action_due: day(3), revisit: day(5), outcome: 'O', notes: 'N',
    });
    expect(check(all)).toEqual([]);
  });

  it.each(['ended', 'declined'])('applies to %s', (stage) => {
    expect(ruleIds(check(healthy(stage, {colour: 'red'})))).toEqual(['unknown-parameter']);
  });
});

describe('terminal stages', () => {
  const everythingWrong = {
    stage_since: day(-3000), coordinator: undefined, backup_contact: undefined, agreement_signed: undefined,
    contact_left: day(-10), backup_contact_left: day(-10), next_action_due: day(-10), last_event: day(-100),
  };

  it.each(['ended', 'declined', 'Ended', 'DECLINED'])('%s: only template rules', (stage) => {
    expect(check(healthy(stage, everythingWrong))).toEqual([]);
    const findings = checkText(wikitext(healthy(stage, {...everythingWrong, revisit: 'x', colour: 'red'})) + '{{Partnership|partner=B|stage=' + stage + '|coordinator=[[B]]|stage=' + stage + '}}');
    expect(findings.map((f) => `${f.index} ${f.rule} ${f.field}`)).toEqual([
      '0 invalid-template revisit',
      '0 unknown-parameter colour',
      '1 invalid-template coordinator',
      '1 duplicate-parameter stage',
    ]);
  });

  it('the same partnership, live, has findings', () => {
    expect(ruleIds(check(healthy('negotiation', everythingWrong))).sort()).toEqual([
      'contact-left', 'debrief-overdue', 'missing-backup-contact', 'next-action-overdue', 'no-coordinator', 'stale-stage',
    ]);
  });
});

describe('missing or unknown stage', () => {
  const everythingWrong = {
    stage_since: day(-3000), coordinator: undefined, backup_contact: undefined, agreement_signed: undefined,
    contact_left: day(-10), next_action_due: day(-10), last_event: day(-100),
  };

  it.each([undefined, '', 'paused'])('stage %j: only invalid-template, contact-left, next-action-overdue, debrief-overdue', (stage) => {
    expect(ruleIds(check(healthy('x', {...everythingWrong, stage}))).sort()).toEqual([
      'contact-left', 'debrief-overdue', 'invalid-template', 'next-action-overdue',
    ]);
  });

  it('recipients fall back to the talk page', () => {
    for (const f of check(healthy('x', {...everythingWrong, stage: 'paused'}))) expect(f.recipients).toEqual([`Talk:${PAGE}`]);
  });
});

describe('thresholds come from configuration', () => {
  type Changes = Partial<Omit<RulesConfig, 'staleAfterDays'>> & {staleAfterDays?: Partial<Record<Stage, number | null>>};
  const config = (changes: Changes): RulesConfig => ({
    ...DEFAULT_RULES_CONFIG,
    ...changes,
    staleAfterDays: {...DEFAULT_RULES_CONFIG.staleAfterDays, ...changes.staleAfterDays},
  });

  it('staleAfterDays per stage', () => {
    const params = healthy('contact', {stage_since: day(-11)});
    expect(check(params)).toEqual([]);
    const findings = check(params, {rules: config({staleAfterDays: {contact: 10}})});
    expect(findings).toMatchObject([{rule: 'stale-stage'}]);
    expect(findings[0]?.messageParams).toEqual(['contact', 11, 10, day(-11)]);
    expect(check(healthy('contact', {stage_since: day(-50)}), {rules: config({staleAfterDays: {contact: 60}})})).toEqual([]);
  });

  it('a limit for active makes it go stale; null for a stage turns the rule off', () => {
    expect(ruleIds(check(healthy('active', {stage_since: day(-101)}), {rules: config({staleAfterDays: {active: 100}})}))).toEqual(['stale-stage']);
    expect(check(healthy('negotiation', {stage_since: day(-1000)}), {rules: config({staleAfterDays: {negotiation: null}})})).toEqual([]);
  });

  it('the on-hold limit without revisit', () => {
    expect(ruleIds(check(healthy('on-hold', {stage_since: day(-31)}), {rules: config({staleAfterDays: {'on-hold': 30}})}))).toEqual(['stale-stage']);
  });

  it('nextActionCoversDays', () => {
    const params = healthy('contact', {stage_since: day(-100), next_action_due: day(20)});
    expect(check(params)).toEqual([]);
    expect(ruleIds(check(params, {rules: config({nextActionCoversDays: 19})}))).toEqual(['stale-stage']);
    expect(check(params, {rules: config({nextActionCoversDays: 20})})).toEqual([]);
  });

  it('debriefWithinDays', () => {
    const params = healthy('active', {last_event: day(-20)});
    expect(check(params)).toEqual([]);
    expect(ruleIds(check(params, {rules: config({debriefWithinDays: 19})}))).toEqual(['debrief-overdue']);
    expect(check(healthy('active', {last_event: day(-40)}), {rules: config({debriefWithinDays: 40})})).toEqual([]);
  });

  it('evaluationEveryDays', () => {
    const params = healthy('active', {agreement_signed: day(-200), last_event: day(-5), debrief: day(-4)});
    expect(check(params)).toEqual([]);
    expect(ruleIds(check(params, {rules: config({evaluationEveryDays: 199})}))).toEqual(['evaluation-due']);
    expect(check(healthy('active', {agreement_signed: day(-400), last_event: day(-5), debrief: day(-4)}), {rules: config({evaluationEveryDays: 400})})).toEqual([]);
  });

  it('today comes from the options', () => {
    const params = healthy('contact', {stage_since: '2026-01-01'});
    expect(check(params, {today: dayOf('2026-01-31')})).toEqual([]);
    expect(ruleIds(check(params, {today: dayOf('2026-02-01')}))).toEqual(['stale-stage']);
  });
});

describe('every rule id has a case that fires', () => {
  it('covers the whole rules table', () => {
    const fired = new Set<RuleId>([
      ...ruleIds(check(healthy('negotiation', {
        partner: undefined, stage_since: day(-91), backup_contact: undefined, coordinator: undefined, contact_left: day(0),
        next_action_due: day(-1), last_event: day(-31), colour: 'red',
      }))),
      ...ruleIds(check(healthy('active', {agreement_signed: undefined}))),
      ...ruleIds(check(healthy('active', {agreement_signed: day(-366), last_event: day(-1)}))),
      ...ruleIds(checkText('{{Partnership|partner=A|stage=prospect|stage=prospect}}')),
    ]);
    expect([...fired].sort()).toEqual([
      'agreement-missing', 'contact-left', 'debrief-overdue', 'duplicate-parameter', 'evaluation-due', 'invalid-template',
      'missing-backup-contact', 'next-action-overdue', 'no-coordinator', 'stale-stage', 'unknown-parameter',
    ]);
  });
});
