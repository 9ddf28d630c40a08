import type {Messages} from '../../shared/i18n/messages';
import type {Finding} from '../../shared/rules/findings';
import {OO, type OoWidget} from './env';

/**
 * "What the bot would flag": the partnership's findings as they would be after saving, updated
 * as the user types. A finding about a field has a button that takes the user to it.
 */
export class FindingsView {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private last = '';

  constructor(private readonly messages: Messages, private readonly goTo: (field: string) => void) {
    this.element = document.createElement('section');
    this.element.className = 'pt-findings';
    const heading = document.createElement('h3');
    heading.id = `pt-findings-heading-${Math.random().toString(36).slice(2, 8)}`;
    heading.textContent = messages('pt-gadget-findings-heading');
    this.element.setAttribute('aria-labelledby', heading.id);
    this.status = document.createElement('p');
    this.status.className = 'pt-findings-status';
    // Announced when the count changes, not on every keystroke.
    this.status.setAttribute('role', 'status');
    this.list = document.createElement('ul');
    this.list.className = 'pt-findings-list';
    this.element.append(heading, this.status, this.list);
  }

  show(findings: readonly Finding[]): void {
    const key = JSON.stringify(findings.map((f) => [f.rule, f.field, f.message]));
    if (key === this.last) return;
    this.last = key;
    const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
    this.status.textContent = findings.length === 0
      ? this.messages('pt-gadget-findings-none')
      : this.messages('pt-gadget-findings-count', count('error'), count('warning'), count('info'));
    this.list.replaceChildren(...findings.map((finding) => this.item(finding)));
  }

  private item(finding: Finding): HTMLElement {
    const li = document.createElement('li');
    li.className = `pt-finding pt-finding-${finding.severity}`;
    const badge = document.createElement('span');
    badge.className = 'pt-finding-severity';
    badge.textContent = this.messages(`pt-severity-${finding.severity}`);
    const text = document.createElement('span');
    text.className = 'pt-finding-message';
    text.textContent = ` ${finding.message} `;
    li.append(badge, text);
    const field = finding.field;
    // Unknown parameters are not in the form: nothing to go to.
    if (field && this.messages.has(`pt-gadget-label-${field}`)) {
      const button: OoWidget = new (OO().ui.ButtonWidget)({
        label: this.messages('pt-gadget-findings-go', this.messages(`pt-gadget-label-${field}`)),
        framed: false,
        flags: ['progressive'],
        classes: ['pt-finding-go'],
      });
      button.on('click', () => this.goTo(field));
      li.append(button.$element[0] as HTMLElement);
    }
    return li;
  }
}
