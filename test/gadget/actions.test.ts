import {defaultContactLeft, mainContactLeft, moveToNextStage, nextStageOf, promotableBackup} from '../../gadget/core/actions';
import {isoPlusDays, localToday} from '../../gadget/core/dates';

describe('Move to next stage', () => {
  it('follows the lifecycle and starts the stage today', () => {
    expect(moveToNextStage({stage: 'outreach'}, '2026-11-21')).toEqual({stage: 'negotiation', stage_since: '2026-11-21'});
    expect(moveToNextStage({stage: 'Negotiation'}, '2026-11-21')).toEqual({stage: 'active', stage_since: '2026-11-21'});
    expect(nextStageOf('debrief')).toBe('active');
  });

  it('offers nothing where there is no single next step', () => {
    for (const stage of ['on-hold', 'ended', 'declined', 'phase 2', '']) expect(moveToNextStage({stage}, '2026-11-21')).toBeNull();
  });
});

describe('Main contact left (seed 004)', () => {
  const values = {contact: 'Jeanne Martin', backup_contact: 'Marc Dupont'};

  it('proposes today, promotion when a backup is there, and a re-introduction in two weeks', () => {
    expect(defaultContactLeft(values, '2026-11-21')).toEqual({left: '2026-11-21', promote: true, nextActionDue: '2026-12-05'});
    expect(defaultContactLeft({contact: 'Jeanne'}, '2026-11-21').promote).toBe(false);
  });

  it('records the departure when nobody is promoted', () => {
    expect(mainContactLeft(values, {left: '2026-11-20', promote: false, nextAction: 'Meet the successor', nextActionDue: '2026-12-01'}))
      .toEqual({next_action: 'Meet the successor', next_action_due: '2026-12-01', contact_left: '2026-11-20'});
  });

  it('makes the backup the main contact, and empties the backup for a new one', () => {
    expect(mainContactLeft(values, {left: '2026-11-20', promote: true, nextAction: 'Meet the successor', nextActionDue: '2026-12-01'}))
      .toEqual({next_action: 'Meet the successor', next_action_due: '2026-12-01', contact: 'Marc Dupont', backup_contact: '', contact_left: ''});
  });

  it('never promotes a backup contact who left too', () => {
    const gone = {...values, backup_contact_left: '2026-10-01'};
    expect(promotableBackup(gone)).toBeNull();
    expect(mainContactLeft(gone, {left: '2026-11-20', promote: true, nextAction: 'x', nextActionDue: ''}).contact_left).toBe('2026-11-20');
  });
});

describe('dates', () => {
  it('gives the local calendar day and adds days across months', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
    expect(isoPlusDays('2026-12-25', 14)).toBe('2027-01-08');
  });
});
