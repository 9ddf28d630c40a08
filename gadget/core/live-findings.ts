import type {Messages} from '../../shared/i18n/messages';
import type {Day} from '../../shared/model/dates';
import {toPartnership} from '../../shared/model/partnership';
import {checkPartnerships} from '../../shared/check';
import type {RulesConfig} from '../../shared/rules/config';
import type {Finding} from '../../shared/rules/findings';
import {stripComments} from '../../shared/wikitext/syntax-tree';

export interface OpenedTemplate {
  readonly index: number;
  /** Every parameter as written when the form opened, unknown ones included. */
  readonly params: Readonly<Record<string, string>>;
  readonly duplicates: readonly string[];
}

export interface FindingsOptions {
  readonly page: string;
  readonly today: Day;
  readonly rules: RulesConfig;
  readonly messages: Messages;
}

/**
 * What the bot would report if the form were saved now: the shared rules run on the template as
 * it would read after the save (unknown and duplicate parameters are kept by the editor, so they
 * stay in the picture).
 */
export function liveFindings(opened: OpenedTemplate, current: Readonly<Record<string, string>>, options: FindingsOptions): Finding[] {
  const params: Record<string, string> = {...opened.params};
  for (const [name, value] of Object.entries(current)) {
    const trimmed = value.trim();
    if (trimmed === '' && !(name in opened.params)) delete params[name];
    else params[name] = trimmed;
  }
  const values = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, stripComments(value).trim()]));
  const partnership = toPartnership(options.page, {index: opened.index, params, values, duplicates: opened.duplicates});
  return checkPartnerships([partnership], {today: options.today, rules: options.rules, messages: options.messages});
}
