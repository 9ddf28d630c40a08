import type {Messages} from '../../shared/i18n/messages';
import {PARAM_GROUPS, PARAMS, type ParamGroup} from '../../shared/model/params';
import {normaliseStage} from '../../shared/model/stages';
import type {RulesConfig} from '../../shared/rules/config';
import {editPartnership, EditRefused, type WikitextTools} from '../../shared/wikitext/edit';
import {moveToNextStage, nextStageOf} from '../core/actions';
import {apiErrorMessage, isRecoverable} from '../core/api-errors';
import {newPageTitle, type GadgetConfig} from '../core/config';
import {dayOfIso} from '../core/dates';
import {blockingProblems, changedValues, fieldProblems, fieldSetup, fieldSetups, type FieldSetup} from '../core/fields';
import {liveFindings, type OpenedTemplate} from '../core/live-findings';
import {ApiFailure, prepareEdit, saveEdit, type FieldConflict, type Prepared, type Snapshot} from '../core/save';
import {creationSummary, editSummary} from '../core/summary';
import {ContactLeftView} from './contact-left-view';
import {OO, type JQ, type OoButtonWidget, type OoError, type OoInputWidget, type OoLabelWidget, type OoLayout, type OoMessageWidget, type OoPanelLayout, type OoStackLayout, type OoWindowInstance} from './env';
import {fieldControl, type FieldControl} from './field-control';
import {FindingsView} from './findings-view';
import type {WikiApi} from './wiki-api';
import {PreviewView} from './preview-view';

export interface FormContext {
  readonly messages: Messages;
  readonly config: GadgetConfig;
  readonly tools: WikitextTools;
  readonly api: WikiApi;
  readonly today: string;
  /** After a save: show the saved page. */
  readonly navigate: (title: string) => void;
}

export type Session =
  | {readonly kind: 'edit'; readonly title: string; readonly opened: Snapshot; readonly duplicates: readonly string[]; readonly startTimestamp: string; readonly rules: RulesConfig}
  | {readonly kind: 'create'; readonly startTimestamp: string; readonly rules: RulesConfig};

export interface FormDialog extends OoWindowInstance {
  readonly $overlay: JQ;
}

/**
 * Everything inside the dialog: the fields grouped as the model groups them, the quick actions,
 * the live findings, and the review and save steps. The OOUI dialog class only forwards to it.
 */
export class FormController {
  readonly stack: OoStackLayout;
  private readonly editPanel: OoPanelLayout;
  private readonly previewPanel: OoPanelLayout;
  private readonly preview: PreviewView;
  private readonly messages: Messages;
  private session: Session | null = null;
  private setups: FieldSetup[] = [];
  private controls = new Map<string, FieldControl>();
  private touched = new Set<string>();
  private reviewed = false;
  private prepared: Prepared | null = null;
  private createText = '';
  private createTitle: OoInputWidget | null = null;
  private titleEdited = false;
  private notice!: OoMessageWidget;
  private findings!: FindingsView;
  private contactLeft: ContactLeftView | null = null;
  private nextStageButton: OoButtonWidget | null = null;
  private stageHelp: OoLabelWidget | null = null;
  private conflicts: readonly FieldConflict[] = [];
  private findingsTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly dialog: FormDialog, private readonly ctx: FormContext) {
    const ui = OO().ui;
    this.messages = ctx.messages;
    this.editPanel = new ui.PanelLayout({padded: true, expanded: false, classes: ['pt-form']});
    this.previewPanel = new ui.PanelLayout({padded: true, expanded: false});
    this.preview = new PreviewView(ctx.messages);
    this.previewPanel.$element.append(this.preview.element);
    this.stack = new ui.StackLayout({items: [this.editPanel, this.previewPanel], expanded: false});
  }

  // ---------------------------------------------------------------- building the form

  setup(session: Session): void {
    this.session = session;
    this.touched.clear();
    this.reviewed = false;
    this.prepared = null;
    this.conflicts = [];
    const setups = fieldSetups(session.kind === 'edit' ? session.opened.params : {});
    // A new partnership starts in the first stage, today: values shown, and changes to write.
    const values = session.kind === 'edit' ? Object.fromEntries(setups.map((s) => [s.spec.name, s.initial])) : {stage: 'prospect', stage_since: this.ctx.today};
    this.build(setups, values);
    this.showMode('edit');
  }

  private build(setups: FieldSetup[], values: Readonly<Record<string, string>>): void {
    const ui = OO().ui;
    const m = this.messages;
    this.setups = setups;
    this.controls = new Map();
    this.editPanel.$element.empty();
    this.notice = new ui.MessageWidget({type: 'notice', inline: true, classes: ['pt-notice']});
    this.notice.toggle(false);
    this.notice.$element.attr('role', 'status');
    const parts: HTMLElement[] = [this.notice.$element[0] as HTMLElement];

    if (this.session?.kind === 'create') {
      this.createTitle = new ui.TextInputWidget({value: '', required: true});
      this.titleEdited = false;
      this.createTitle.on('change', () => {
        if (this.createTitle?.getValue() !== newPageTitle(this.ctx.config.parentPage, this.value('partner'))) this.titleEdited = true;
      });
      parts.push(new ui.FieldLayout(this.createTitle, {
        label: m('pt-gadget-create-title'), align: 'top', help: m('pt-gadget-create-title-help', this.ctx.config.parentPage), helpInline: true,
      }).$element[0] as HTMLElement);
    } else {
      this.createTitle = null;
      parts.push(this.quickActions());
    }
    this.findings = new FindingsView(m, (field) => this.focusField(field));
    parts.push(this.findings.element);

    const groups = new Map<ParamGroup, OoLayout>(PARAM_GROUPS.map((group) => [group, new ui.FieldsetLayout({label: m(`pt-gadget-group-${group}`), classes: [`pt-group-${group}`]})]));
    for (const setup of setups) {
      const control = fieldControl(setup, values[setup.spec.name] ?? '', m, this.dialog.$overlay);
      this.controls.set(setup.spec.name, control);
      control.onChange(() => {
        this.touched.add(setup.spec.name);
        this.refresh();
      });
      groups.get(setup.spec.group)?.addItems([control.layout]);
      if (setup.spec.name === 'stage') {
        this.stageHelp = new ui.LabelWidget({classes: ['pt-stage-help']});
        this.stageHelp.$element.attr('aria-live', 'polite');
        groups.get('stage')?.addItems([this.stageHelp]);
      }
    }
    for (const group of groups.values()) parts.push(group.$element[0] as HTMLElement);
    this.editPanel.$element.append(...parts);
    if (this.contactLeft) this.contactLeft.close();
    this.refresh();
    this.updateFindings();
  }

  private quickActions(): HTMLElement {
    const ui = OO().ui;
    const m = this.messages;
    this.nextStageButton = new ui.ButtonWidget({label: m('pt-gadget-action-next-stage-none'), classes: ['pt-action-next-stage']});
    this.nextStageButton.on('click', () => {
      const changes = moveToNextStage(this.values(), this.ctx.today);
      if (changes) this.apply(changes, m('pt-gadget-applied-next-stage', m(`pt-stage-${changes.stage}`)), 'stage');
    });
    const contactLeft = new ui.ButtonWidget({label: m('pt-gadget-action-contact-left'), classes: ['pt-action-contact-left']});
    const backup = new ui.ButtonWidget({label: m('pt-gadget-action-add-backup'), classes: ['pt-action-add-backup']});
    backup.on('click', () => this.focusField('backup_contact'));
    const bar = new ui.HorizontalLayout({items: [this.nextStageButton, contactLeft, backup], classes: ['pt-actions']});
    bar.$element.attr('role', 'group').attr('aria-label', m('pt-gadget-actions'));
    this.contactLeft = new ContactLeftView(m, this.ctx.today, (changes) => {
      this.contactLeft?.close();
      this.apply(changes, m('pt-gadget-applied-contact-left'), 'next_action');
    }, () => {
      this.contactLeft?.close();
      contactLeft.focus();
    });
    contactLeft.on('click', () => this.contactLeft?.open(this.values()));
    const wrapper = document.createElement('div');
    wrapper.append(bar.$element[0] as HTMLElement, this.contactLeft.layout.$element[0] as HTMLElement);
    return wrapper;
  }

  /** A quick action fills in fields; nothing is saved until the user reviews and saves. */
  private apply(changes: Readonly<Record<string, string>>, notice: string, focus: string): void {
    for (const [name, value] of Object.entries(changes)) {
      this.controls.get(name)?.set(value);
      this.touched.add(name);
    }
    this.refresh();
    this.showNotice('success', notice);
    this.focusField(focus);
  }

  // ---------------------------------------------------------------- reading and checking

  private value(name: string): string {
    return this.controls.get(name)?.get() ?? '';
  }

  private values(): Record<string, string> {
    return Object.fromEntries([...this.controls].map(([name, control]) => [name, control.get()]));
  }

  private changes(): Record<string, string> {
    return changedValues(this.setups, this.values());
  }

  /** Validation beside each field, the stage's explanation, and what the quick actions offer. */
  private refresh(): void {
    const m = this.messages;
    const values = this.values();
    const problems = fieldProblems(values);
    for (const [name, control] of this.controls) {
      const problem = problems.get(name as never);
      const showRequired = this.reviewed || this.touched.has(name) || this.session?.kind === 'edit';
      const errors = control.hasUnfinishedDate() ? [m('pt-problem-invalid-date')]
        : problem && (problem.code !== 'required' || showRequired) ? [m(`pt-problem-${problem.code}`)] : [];
      control.layout.setErrors(errors);
      const conflict = this.conflicts.find((c) => c.field === name);
      const note = conflict ? [m('pt-gadget-conflict-field', conflict.theirs || m('pt-gadget-preview-empty'))] : [];
      if (control.layout.setWarnings) control.layout.setWarnings(note);
      else control.layout.setNotices?.(note);
    }
    const stage = normaliseStage(values.stage ?? '');
    this.stageHelp?.setLabel(stage ? m(`pt-gadget-stage-help-${stage}`) : m('pt-gadget-stage-help-unknown'));
    if (this.nextStageButton) {
      const next = nextStageOf(values.stage);
      this.nextStageButton.setLabel(next ? m('pt-gadget-action-next-stage', m(`pt-stage-${next}`)) : m('pt-gadget-action-next-stage-none'));
      this.nextStageButton.setDisabled(next === null);
    }
    if (this.createTitle && !this.titleEdited) this.createTitle.setValue(newPageTitle(this.ctx.config.parentPage, values.partner ?? ''));
    clearTimeout(this.findingsTimer);
    this.findingsTimer = setTimeout(() => this.updateFindings(), 150);
  }

  private opened(): OpenedTemplate {
    const s = this.session;
    return s?.kind === 'edit' ? {index: s.opened.index, params: s.opened.params, duplicates: s.duplicates} : {index: 0, params: {}, duplicates: []};
  }

  private updateFindings(): void {
    const s = this.session;
    if (!s) return;
    this.findings.show(liveFindings(this.opened(), this.values(), {
      page: s.kind === 'edit' ? s.title : this.createTitle?.getValue() ?? '',
      today: dayOfIso(this.ctx.today),
      rules: s.rules,
      messages: this.messages,
    }));
  }

  // ---------------------------------------------------------------- focus

  focusField(name: string): void {
    this.controls.get(name)?.focus();
  }

  /** The first field needing attention: a bad value, then the field of the first error or warning. */
  ready(): void {
    const problems = fieldProblems(this.values());
    const bad = PARAMS.find((p) => problems.has(p.name) && (this.session?.kind === 'edit' || problems.get(p.name)?.code !== 'required'));
    if (bad) return this.focusField(bad.name);
    if (this.session?.kind === 'create') return this.focusField('partner');
    const findings = liveFindings(this.opened(), this.values(), {page: '', today: dayOfIso(this.ctx.today), rules: this.session?.rules as RulesConfig, messages: this.messages});
    const flagged = ['error', 'warning'].map((severity) => findings.find((f) => f.severity === severity && f.field && this.controls.has(f.field))).find(Boolean);
    this.focusField(flagged?.field ?? 'partner');
  }

  // ---------------------------------------------------------------- actions

  hasChanges(): boolean {
    return Object.keys(this.changes()).length > 0;
  }

  /** Runs a dialog action; rejects with an OO.ui.Error for the dialog's error screen. */
  act(action: string): Promise<void> {
    const run = action === 'review' ? () => this.review() : action === 'save' ? () => this.save() : () => this.back();
    // EditRefused and API failures become messages in the user's language.
    return Promise.resolve().then(run).then(undefined, (error: unknown) => {
      throw this.failure(error);
    });
  }

  private back(): void {
    this.showMode('edit');
    this.focusField(Object.keys(this.changes())[0] ?? 'partner');
  }

  private review(): Promise<void> | void {
    const m = this.messages;
    this.reviewed = true;
    this.refresh();
    const changes = this.changes();
    const unfinished = [...this.controls.values()].find((c) => c.hasUnfinishedDate());
    const blocking = blockingProblems(fieldProblems(this.values()), this.session?.kind === 'create' ? {...changes, partner: '', stage: ''} : changes);
    const firstBad = unfinished?.name ?? PARAMS.find((p) => blocking.some((b) => b.field === p.name))?.name;
    if (firstBad) {
      this.showNotice('error', m('pt-gadget-fix-fields'));
      this.focusField(firstBad);
      return;
    }
    if (Object.keys(changes).length === 0) {
      this.showNotice('notice', m('pt-gadget-nothing-changed'));
      return;
    }
    const s = this.session;
    if (s?.kind === 'create') return this.reviewCreation(changes);
    if (s?.kind !== 'edit') return;
    return prepareEdit(this.ctx.api, s.title, s.opened, changes, this.ctx.tools).then((prepared) => this.handlePrepared(prepared, changes));
  }

  private handlePrepared(prepared: Prepared, changes: Record<string, string>): Promise<void> | void {
    const m = this.messages;
    const s = this.session;
    if (s?.kind !== 'edit') return;
    if (prepared.kind === 'gone') throw new (OO().ui.Error)(m('pt-gadget-error-gone'), {recoverable: false});
    if (prepared.kind === 'conflict') return this.showConflict(prepared.latest, prepared.conflicts, changes);
    if (prepared.kind === 'nochange') {
      this.rebase(prepared.latest, changes, []);
      this.showNotice('notice', m('pt-gadget-already-saved'));
      return;
    }
    this.prepared = prepared;
    const written = Object.fromEntries(prepared.changed.map((name) => [name, changes[name] ?? '']));
    // The review still lists every change when the diff cannot be had: the diff is a bonus.
    return this.ctx.api.compare(s.title, prepared.base.text, prepared.text).then(undefined, () => null).then((diffRows) => {
      this.preview.show({
        changes: prepared.changed.map((name) => [name, prepared.base.params[name] ?? '', changes[name] ?? '']),
        summary: editSummary(m, this.partnerName(), written),
        diffRows,
        text: prepared.text,
        notice: prepared.rebased ? m('pt-gadget-rebased') : null,
      });
      this.showMode('preview');
      this.preview.note.focus();
    });
  }

  private reviewCreation(changes: Record<string, string>): void {
    const m = this.messages;
    const title = this.createTitle?.getValue().trim() ?? '';
    if (title === '') {
      this.showNotice('error', m('pt-gadget-create-title-missing'));
      this.createTitle?.focus();
      return;
    }
    const name = this.ctx.config.templateNames[0] ?? 'Partnership';
    // The shared editor writes the new template too: same escaping, same layout as `set`.
    this.createText = `${editPartnership(`{{${name}\n}}`, 0, changes, this.ctx.tools).text}\n`;
    this.preview.show({
      changes: Object.entries(changes).map(([k, v]) => [k, '', v]),
      summary: creationSummary(m, changes.partner ?? ''),
      diffRows: null,
      text: this.createText,
      notice: m('pt-gadget-create-notice', title),
    });
    this.showMode('preview');
    this.preview.note.focus();
  }

  private save(): Promise<void> | void {
    const m = this.messages;
    const s = this.session;
    const changes = this.changes();
    const note = this.preview.note.getValue();
    if (s?.kind === 'create') {
      const title = this.createTitle?.getValue().trim() ?? '';
      return this.ctx.api.edit({title, text: this.createText, summary: creationSummary(m, changes.partner ?? '', note), startTimestamp: s.startTimestamp, create: true})
        .then(() => this.saved(title));
    }
    if (s?.kind !== 'edit') return;
    const prepared = this.prepared ?? undefined;
    const changed = prepared?.kind === 'ready' ? prepared.changed : Object.keys(changes);
    const summary = editSummary(m, this.partnerName(), Object.fromEntries(changed.map((k) => [k, changes[k] ?? ''])), note);
    return saveEdit(this.ctx.api, {title: s.title, summary, startTimestamp: s.startTimestamp}, s.opened, changes, this.ctx.tools, prepared).then((saved) => {
      if (saved.kind === 'saved') return this.saved(s.title);
      this.showMode('edit');
      return this.handlePrepared(saved, changes);
    });
  }

  private saved(title: string): void {
    this.dialog.close({saved: title});
    this.ctx.navigate(title);
  }

  // ---------------------------------------------------------------- conflicts

  /**
   * Someone else changed the values the user changed. Nothing is saved; the form moves onto the
   * latest revision: fields the user left alone take the new values, the user's input stays in the
   * fields they changed, and the others' values are shown beside them. Saving again, knowingly,
   * writes the user's values over theirs.
   */
  private showConflict(latest: Snapshot, conflicts: readonly FieldConflict[], changes: Record<string, string>): void {
    const m = this.messages;
    this.rebase(latest, changes, conflicts);
    this.showMode('edit');
    const names = conflicts.map((c) => m(`pt-gadget-label-${c.field}`)).join(m('pt-gadget-list-separator'));
    this.showNotice('warning', m('pt-gadget-conflict', names, conflicts.length));
    const first = conflicts[0];
    if (first) this.focusField(first.field);
  }

  private rebase(latest: Snapshot, changes: Record<string, string>, conflicts: readonly FieldConflict[]): void {
    const s = this.session;
    if (s?.kind !== 'edit') return;
    this.session = {...s, opened: latest};
    this.prepared = null;
    const values: Record<string, string> = {};
    const setups = PARAMS.map((spec) => {
      const setup = fieldSetup(spec, latest.params[spec.name]);
      const mine = changes[spec.name];
      values[spec.name] = mine ?? setup.initial;
      if (mine === undefined) return setup;
      // The user's value must fit the widget: otherwise a text box, compared with the latest value.
      const fits = setup.kind === 'text' || setup.kind === 'multiline' || (setup.options ?? []).includes(mine)
        || (setup.kind === 'date' && fieldSetup(spec, mine).kind === 'date');
      return fits ? setup : {...fieldSetup(spec, mine), initial: setup.initial, options: undefined, kind: mine.includes('\n') ? 'multiline' as const : 'text' as const};
    });
    const touched = new Set(this.touched);
    this.build(setups, values);
    this.touched = touched;
    this.conflicts = conflicts;
    this.refresh();
  }

  // ---------------------------------------------------------------- helpers

  private partnerName(): string {
    const s = this.session;
    const current = this.value('partner').trim();
    return current || (s?.kind === 'edit' ? s.opened.params.partner ?? '' : '');
  }

  private showNotice(type: 'notice' | 'error' | 'warning' | 'success', text: string): void {
    this.notice.setType(type);
    this.notice.setLabel(text);
    this.notice.toggle(true);
    this.notice.$element.attr('role', type === 'error' || type === 'warning' ? 'alert' : 'status');
  }

  private showMode(mode: 'edit' | 'preview'): void {
    this.stack.setItem(mode === 'edit' ? this.editPanel : this.previewPanel);
    this.dialog.actions.setMode(mode);
    this.dialog.updateSize();
  }

  /** An error for the dialog's error screen, in the user's language. */
  private failure(error: unknown): OoError {
    const m = this.messages;
    const Err = OO().ui.Error;
    if (error instanceof Err) return error;
    if (error instanceof EditRefused) {
      if (error.field && this.controls.has(error.field)) {
        this.controls.get(error.field)?.layout.setErrors([m(`pt-gadget-refused-${error.code}`)]);
        this.focusField(error.field);
      }
      return new Err(m(`pt-gadget-refused-${error.code}`), {recoverable: false});
    }
    if (error instanceof ApiFailure) {
      const {key, params} = apiErrorMessage(error.code, error.info);
      return new Err(m(key, ...params), {recoverable: isRecoverable(error.code)});
    }
    return new Err(m('pt-gadget-error-other', error instanceof Error ? error.message : String(error), 'internal'), {recoverable: false});
  }
}
