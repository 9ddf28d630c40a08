import type {Messages} from '../../shared/i18n/messages';
import {parseIsoDate} from '../../shared/model/dates';
import {PARTNER_TYPES, PRIORITIES} from '../../shared/model/params';
import {STAGES} from '../../shared/model/stages';
import type {FieldSetup} from '../core/fields';
import {mw, OO, type JQ, type OoDateInputWidget, type OoDropdownInputWidget, type OoFieldLayout, type OoInputWidget} from './env';

/** One parameter in the form: its widget, its field layout, and how to read and write it. */
export interface FieldControl {
  readonly name: string;
  readonly setup: FieldSetup;
  readonly layout: OoFieldLayout;
  get(): string;
  set(value: string): void;
  focus(): void;
  /** Text typed into a date box that is not a date yet (the picker keeps its last valid value). */
  hasUnfinishedDate(): boolean;
  onChange(handler: () => void): void;
  readonly element: HTMLElement;
}

function optionLabel(messages: Messages, setup: FieldSetup, value: string): string {
  if (value === '') return messages('pt-gadget-not-set');
  const known: readonly string[] = {stage: STAGES, 'partner-type': PARTNER_TYPES, priority: PRIORITIES}[setup.spec.type as 'stage'] ?? [];
  if (!known.includes(value)) return messages('pt-gadget-unknown-value', value);
  switch (setup.spec.type) {
    case 'stage': return messages('pt-gadget-stage-option', messages(`pt-stage-${value}`), value);
    case 'partner-type': return messages(`pt-gadget-partner-type-${value}`);
    case 'priority': return messages(`pt-gadget-priority-${value}`);
    default: return value;
  }
}

export function fieldLabel(messages: Messages, name: string, required: boolean): string {
  const label = messages(`pt-gadget-label-${name}`);
  return required ? messages('pt-gadget-required-label', label) : label;
}

/** Builds the widget that `setup.kind` calls for, showing `value` (the initial value, or the user's after a rebuild). */
export function fieldControl(setup: FieldSetup, value: string, messages: Messages, $overlay: JQ): FieldControl {
  const ui = OO().ui;
  const name = setup.spec.name;
  const required = 'required' in setup.spec;
  let widget: OoInputWidget;
  let date: OoDateInputWidget | null = null;
  switch (setup.kind) {
    case 'date':
      // No $overlay: a calendar in the overlay is hidden when it would fall outside the dialog,
      // and then Tab from the date box moves nowhere (a keyboard trap). Inline, it follows the box.
      date = new (mw().widgets.DateInputWidget)({value, precision: 'day', classes: ['pt-date']});
      widget = date;
      break;
    case 'choice': {
      const options = (setup.options ?? []).map((data) => ({data, label: optionLabel(messages, setup, data)}));
      widget = new ui.DropdownInputWidget({options, value, $overlay}) as OoDropdownInputWidget;
      break;
    }
    case 'multiline':
      widget = new ui.MultilineTextInputWidget({value, autosize: true, rows: 2, maxRows: 10, required});
      break;
    default:
      widget = new ui.TextInputWidget({value, required});
  }
  const layout = new ui.FieldLayout(widget, {
    label: fieldLabel(messages, name, required),
    align: 'top',
    help: messages(`pt-gadget-help-${name}`),
    helpInline: true,
    classes: [`pt-field-${name}`],
  });
  // Tests and users' scripts find fields by parameter name.
  layout.$element.attr('data-pt-field', name);
  // OOUI before 0.46 (MediaWiki 1.39) gives a drop-down's shown value role=textbox without a
  // name, which screen readers announce as an unnamed text box.
  layout.$element.find('.oo-ui-dropdownWidget-handle [role="textbox"]').attr('aria-label', fieldLabel(messages, name, required));
  return {
    name,
    setup,
    layout,
    element: layout.$element[0] as HTMLElement,
    get: () => widget.getValue(),
    set: (next) => void widget.setValue(next),
    focus: () => {
      (layout.$element[0] as HTMLElement).scrollIntoView({block: 'nearest'});
      widget.focus();
    },
    hasUnfinishedDate: () => {
      if (!date) return false;
      const typed = date.textInput.getValue().trim();
      return typed !== '' && parseIsoDate(typed) === null;
    },
    onChange: (handler) => {
      widget.on('change', handler);
      date?.textInput.on('change', handler);
    },
  };
}
