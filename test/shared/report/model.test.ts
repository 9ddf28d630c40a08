import {formatDay} from '../../../shared/model/dates';
import {HOSTILE, model} from './fixtures';

describe('buildReport', () => {
  it('orders open partnerships by lifecycle, terminal ones last, unknown stages after the known', () => {
    const rows = model().rows;
    expect(rows.map((r) => [r.partner, r.stage ?? r.stageText, r.terminal])).toEqual([
      [HOSTILE, 'prospect', false],
      ['BnF', 'negotiation', false],
      ['Musée du Louvre', 'active', false],
      ['Stadtbibliothek', 'activ', false],
      ['Bundesarchiv', 'ended', true],
    ]);
  });

  it('reads each column from the typed fields and flags stale and overdue from the findings', () => {
    const [, bnf, louvre] = model().rows;
    expect(louvre).toMatchObject({
      section: 'Museum', affiliate: 'Wikimédia France', coordinators: ['User:Alice', 'User:Bruno'], backupContact: true,
      daysInStage: 324, stale: false, overdue: true, nextAction: 'Plan the edit-a-thon',
    });
    expect(formatDay(louvre!.nextActionDue!)).toBe('2026-11-01');
    expect(bnf).toMatchObject({daysInStage: 204, stale: true, overdue: false, backupContact: false, section: null});
    expect(bnf!.findings.map((f) => f.rule)).toEqual(['missing-backup-contact', 'stale-stage']);
  });

  it('keeps invalid values visible: an unknown stage as written, no days for an invalid date', () => {
    const broken = model().rows.find((r) => r.page === 'WMDE/Broken')!;
    expect(broken).toMatchObject({stage: null, stageText: 'activ', daysInStage: null, stageSince: null});
  });

  it('counts stages in lifecycle order, with the unknown ones last, and totals errors and warnings', () => {
    const report = model();
    expect(report.stageCounts.map((s) => `${s.stage}:${s.count}`)).toEqual([
      'prospect:1', 'contact:0', 'assessment:0', 'outreach:0', 'negotiation:1', 'active:1', 'debrief:0', 'evaluation:0', 'on-hold:0', 'ended:1', 'declined:0', 'unknown:1',
    ]);
    expect(report.totals).toEqual({partnerships: 5, errors: 3, warnings: 2, notes: 0});
    expect(report.errors.map((e) => `${e.row.partner}:${e.finding.rule}`)).toEqual(['BnF:missing-backup-contact']);
    expect(report.invalidTemplates.map((e) => e.finding.field)).toEqual(['stage', 'stage_since']);
    expect(report.warnings.map((e) => e.finding.rule)).toEqual(['stale-stage', 'next-action-overdue']);
  });

  it('lists unreadable pages (as errors) only on an unfiltered report', () => {
    const unreadable = [{page: 'Broken page', reason: 'deleted'}];
    expect(model({}, unreadable).unreadablePages).toEqual(unreadable);
    expect(model({}, unreadable).totals.errors).toBe(4);
    expect(model({affiliate: 'Wikimedia Deutschland'}, unreadable).unreadablePages).toEqual([]);
  });

  it('filters by affiliate, case-insensitively, and by stages', () => {
    expect(model({affiliate: 'WIKIMÉDIA FRANCE'}).rows.map((r) => r.partner)).toEqual(['BnF', 'Musée du Louvre']);
    const staged = model({stages: ['ended', 'prospect']});
    expect(staged.rows.map((r) => r.stage)).toEqual(['prospect', 'ended']);
    expect(staged.stageCounts.map((s) => s.stage)).toEqual(['prospect', 'ended']);
    expect(staged.invalidTemplates).toEqual([]);
  });
});
