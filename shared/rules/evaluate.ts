import type {Partnership} from '../model/partnership';
import {partnerName} from '../model/partnership';
import {isTerminal} from '../model/stages';
import type {Messages} from '../i18n/messages';
import type {Finding} from './findings';
import {recipientsOf, type NamespaceNames} from './recipients';
import {RULES, type RuleContext} from './rules';

export interface EvaluationOptions extends RuleContext {
  /** Wording of `message`; the key and parameters travel with the finding for other languages. */
  readonly messages: Messages;
  readonly namespaces?: NamespaceNames;
}

export function evaluate(p: Partnership, options: EvaluationOptions): Finding[] {
  const stage = p.fields.stage;
  const terminal = stage !== undefined && isTerminal(stage);
  const recipients = recipientsOf(p, options.namespaces);
  const partner = partnerName(p);
  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (terminal && !rule.template) continue;
    if (rule.needsStage && stage === undefined) continue;
    for (const result of rule.check(p, options)) {
      const messageKey = `pt-finding-${rule.id}${result.variant ? `-${result.variant}` : ''}`;
      findings.push({
        page: p.page,
        index: p.index,
        partner,
        rule: rule.id,
        severity: result.severity ?? rule.severity,
        ...(result.field === undefined ? {} : {field: result.field}),
        message: options.messages(messageKey, ...result.params),
        recipients,
        messageKey,
        messageParams: result.params,
      });
    }
  }
  return findings;
}
