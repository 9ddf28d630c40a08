import {normaliseStage, STAGE_INFO, type Stage} from '../../shared/model/stages';
import {isoPlusDays} from './dates';

export type Values = Readonly<Record<string, string>>;

/** The stage "Move to next stage" proposes, or null (unknown stage, or no single next step). */
export function nextStageOf(stage: string | undefined): Stage | null {
  const current = normaliseStage(stage ?? '');
  return current === null ? null : STAGE_INFO[current].next;
}

/** Moves to the next stage of the lifecycle, which begins today. */
export function moveToNextStage(values: Values, today: string): Record<string, string> | null {
  const next = nextStageOf(values.stage);
  return next === null ? null : {stage: next, stage_since: today};
}

export interface ContactLeftChoice {
  /** The day the main contact left (today by default). */
  readonly left: string;
  /** Make the backup contact the main contact (only when there is one who has not left). */
  readonly promote: boolean;
  /** The next action: re-introducing the partnership to whoever is in charge now. */
  readonly nextAction: string;
  readonly nextActionDue: string;
}

/** A backup contact who can take over: named, and not gone themselves. */
export function promotableBackup(values: Values): string | null {
  const backup = (values.backup_contact ?? '').trim();
  return backup !== '' && (values.backup_contact_left ?? '').trim() === '' ? backup : null;
}

export const DEFAULT_REINTRODUCTION_DAYS = 14;

export function defaultContactLeft(values: Values, today: string): Omit<ContactLeftChoice, 'nextAction'> {
  return {left: today, promote: promotableBackup(values) !== null, nextActionDue: isoPlusDays(today, DEFAULT_REINTRODUCTION_DAYS)};
}

/**
 * The personnel change at the partner (seed 004): the main contact is gone, and the relationship
 * must be rebuilt with whoever is in charge now. Without a backup, `contact_left` records the
 * departure (the bot then reminds the coordinators). With one, the backup becomes the main
 * contact: `contact_left` would then describe the new main contact, so it stays empty, the
 * departure is told in the next action, and `backup_contact` is emptied for a new one.
 */
export function mainContactLeft(values: Values, choice: ContactLeftChoice): Record<string, string> {
  const backup = promotableBackup(values);
  const changes: Record<string, string> = {next_action: choice.nextAction, next_action_due: choice.nextActionDue};
  if (choice.promote && backup !== null) {
    return {...changes, contact: backup, backup_contact: '', contact_left: ''};
  }
  return {...changes, contact_left: choice.left};
}
