import type {Messages} from '../../shared/i18n/messages';
import {defaultContactLeft, mainContactLeft, promotableBackup, type Values} from '../core/actions';
import {mw, OO, type OoButtonWidget, type OoCheckboxInputWidget, type OoDateInputWidget, type OoFieldLayout, type OoInputWidget, type OoLayout} from './env';

/**
 * The "main contact left" flow (seed 004): when the contact who believed in the partnership is
 * gone, record it, make the backup contact the main one if there is one, and plan to present the
 * partnership again to whoever is in charge now.
 */
export class ContactLeftView {
  readonly layout: OoLayout;
  private readonly left: OoDateInputWidget;
  private readonly promote: OoCheckboxInputWidget;
  private readonly promoteField: OoFieldLayout;
  private readonly nextAction: OoInputWidget;
  private readonly due: OoDateInputWidget;
  private readonly apply: OoButtonWidget;
  private values: Values = {};
  private suggested = '';

  constructor(private readonly messages: Messages, private readonly today: string, onApply: (changes: Record<string, string>) => void, onCancel: () => void) {
    const ui = OO().ui;
    const DateInput = mw().widgets.DateInputWidget;
    // Inline calendars, as in the form (see field-control.ts).
    this.left = new DateInput({value: today, precision: 'day', required: true});
    this.promote = new ui.CheckboxInputWidget({selected: false});
    this.nextAction = new ui.MultilineTextInputWidget({autosize: true, rows: 2});
    this.due = new DateInput({precision: 'day'});
    this.apply = new ui.ButtonWidget({label: messages('pt-gadget-contact-left-apply'), flags: ['primary', 'progressive']});
    const cancel = new ui.ButtonWidget({label: messages('pt-gadget-contact-left-cancel')});
    this.promoteField = new ui.FieldLayout(this.promote, {label: '', align: 'inline'});
    const buttons = new ui.HorizontalLayout({items: [this.apply, cancel]});
    this.layout = new ui.FieldsetLayout({
      label: messages('pt-gadget-contact-left-heading'),
      help: messages('pt-gadget-contact-left-intro'),
      helpInline: true,
      classes: ['pt-contact-left'],
      items: [
        new ui.FieldLayout(this.left, {label: messages('pt-gadget-contact-left-date'), align: 'top'}),
        this.promoteField,
        new ui.FieldLayout(this.nextAction, {label: messages('pt-gadget-label-next_action'), align: 'top'}),
        new ui.FieldLayout(this.due, {label: messages('pt-gadget-label-next_action_due'), align: 'top'}),
        buttons,
      ],
    });
    this.layout.$element.attr('data-pt-panel', 'contact-left').attr('tabindex', '-1');
    this.promote.on('change', () => this.suggest());
    this.left.on('change', () => this.suggest());
    this.apply.on('click', () => onApply(mainContactLeft(this.values, {
      left: this.left.getValue() || this.today,
      promote: this.promote.isSelected(),
      nextAction: this.nextAction.getValue(),
      nextActionDue: this.due.getValue(),
    })));
    cancel.on('click', onCancel);
    this.layout.toggle(false);
  }

  /** Shows the flow for the form's current values, with today's defaults. */
  open(values: Values): void {
    this.values = values;
    const defaults = defaultContactLeft(values, this.today);
    const backup = promotableBackup(values);
    this.left.setValue(defaults.left);
    this.due.setValue(defaults.nextActionDue);
    this.promoteField.toggle(backup !== null);
    if (backup !== null) {
      this.promoteField.setLabel(this.messages('pt-gadget-contact-left-promote', backup));
    }
    this.promote.setSelected(defaults.promote);
    this.suggested = '';
    this.suggest();
    this.layout.toggle(true);
    // The panel, not its date box: focusing a date box opens its calendar over the buttons below.
    // Screen readers read the heading and explanation; Tab goes on to the date.
    const panel = this.layout.$element[0] as HTMLElement;
    panel.scrollIntoView({block: 'nearest'});
    panel.focus();
  }

  close(): void {
    this.layout.toggle(false);
  }

  /** The next action's suggested wording follows the promote choice, until the user writes their own. */
  private suggest(): void {
    if (this.nextAction.getValue() !== this.suggested) return;
    const contact = (this.values.contact ?? '').trim() || this.messages('pt-gadget-contact-left-unnamed');
    const backup = promotableBackup(this.values);
    this.suggested = this.promote.isSelected() && backup !== null
      ? this.messages('pt-gadget-contact-left-next-action-promoted', contact, backup, this.left.getValue() || this.today)
      : this.messages('pt-gadget-contact-left-next-action', contact);
    this.nextAction.setValue(this.suggested);
  }
}
