import {liveFindings} from '../../gadget/core/live-findings';
import {coreMessages} from '../../shared/i18n/core';
import {parseIsoDate, type Day} from '../../shared/model/dates';
import {DEFAULT_RULES_CONFIG} from '../../shared/rules/config';

const options = {page: 'Partnerships/Louvre', today: parseIsoDate('2026-11-21') as Day, rules: DEFAULT_RULES_CONFIG, messages: coreMessages('en')};
const opened = {index: 0, params: {partner: 'Louvre', stage: 'negotiation', coordinator: 'Alice', colour: 'teal'}, duplicates: ['stage']};

describe('liveFindings', () => {
  it('reports what the bot would report for the template as it would be saved', () => {
    const rules = liveFindings(opened, {partner: 'Louvre', stage: 'negotiation', coordinator: 'Alice'}, options).map((f) => f.rule);
    expect(rules).toEqual(['duplicate-parameter', 'unknown-parameter', 'missing-backup-contact']);
  });

  it('follows the form: a backup contact clears the error, a departure raises one', () => {
    const after = liveFindings(opened, {partner: 'Louvre', stage: 'negotiation', coordinator: 'Alice', backup_contact: 'Marc', contact: 'Jeanne', contact_left: '2026-11-20'}, options);
    expect(after.map((f) => f.rule)).toEqual(['duplicate-parameter', 'unknown-parameter', 'contact-left']);
    expect(after[2]?.message).toContain('Jeanne');
    expect(after.every((f) => f.page === 'Partnerships/Louvre' && f.index === 0)).toBe(true);
  });

  it('reads values as the template would: comments removed, bad values as empty', () => {
    const found = liveFindings({index: 0, params: {}, duplicates: []}, {partner: 'X <!-- y -->', stage: 'active', stage_since: 'soon', coordinator: 'Bob', backup_contact: 'Léa', agreement: 'informal'}, options);
    expect(found.map((f) => [f.rule, f.field])).toEqual([['invalid-template', 'stage_since']]);
  });
});
