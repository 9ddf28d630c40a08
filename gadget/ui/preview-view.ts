import type {Messages} from '../../shared/i18n/messages';
import {OO, type OoInputWidget, type OoMessageWidget} from './env';

export interface PreviewContent {
  /** Parameter, value before, value after. */
  readonly changes: readonly (readonly [string, string, string])[];
  readonly summary: string;
  /** MediaWiki's diff rows (HTML from action=compare), or null: show `text` instead. */
  readonly diffRows: string | null;
  readonly text: string;
  readonly notice: string | null;
}

/** The review step: what will change, the edit summary, and the diff, before anything is saved. */
export class PreviewView {
  readonly element: HTMLElement;
  readonly note: OoInputWidget;
  private readonly notice: OoMessageWidget;
  private readonly changes: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly diff: HTMLElement;

  constructor(private readonly messages: Messages) {
    const ui = OO().ui;
    this.element = document.createElement('div');
    this.element.className = 'pt-preview';
    this.notice = new ui.MessageWidget({type: 'notice', inline: true});
    this.changes = document.createElement('dl');
    this.changes.className = 'pt-preview-changes';
    this.summary = document.createElement('p');
    this.summary.className = 'pt-preview-summary';
    this.note = new ui.TextInputWidget({placeholder: messages('pt-gadget-preview-note-placeholder')});
    const noteField = new ui.FieldLayout(this.note, {label: messages('pt-gadget-preview-note'), align: 'top'});
    this.diff = document.createElement('div');
    this.diff.className = 'pt-preview-diff';
    const heading = (key: string) => {
      const h = document.createElement('h3');
      h.textContent = messages(key);
      return h;
    };
    this.element.append(this.notice.$element[0] as HTMLElement, heading('pt-gadget-preview-changes'), this.changes,
      heading('pt-gadget-preview-summary'), this.summary, noteField.$element[0] as HTMLElement, heading('pt-gadget-preview-diff'), this.diff);
  }

  show(content: PreviewContent): void {
    this.notice.toggle(content.notice !== null);
    if (content.notice !== null) this.notice.setLabel(content.notice);
    const empty = this.messages('pt-gadget-preview-empty');
    this.changes.replaceChildren(...content.changes.flatMap(([name, before, after]) => {
      const dt = document.createElement('dt');
      dt.textContent = this.messages(`pt-gadget-label-${name}`);
      const code = document.createElement('code');
      code.textContent = name;
      dt.append(' (', code, ')');
      const dd = document.createElement('dd');
      const del = document.createElement('del');
      del.textContent = before || empty;
      const ins = document.createElement('ins');
      ins.textContent = after || empty;
      dd.append(del, ' → ', ins);
      return [dt, dd];
    }));
    this.summary.textContent = content.summary;
    this.note.setValue('');
    if (content.diffRows === null) {
      const pre = document.createElement('pre');
      pre.textContent = content.text;
      pre.tabIndex = 0;
      pre.setAttribute('aria-label', this.messages('pt-gadget-preview-text'));
      this.diff.replaceChildren(pre);
    } else {
      // MediaWiki's diff rows, with a header row so that each cell has a column heading.
      this.diff.innerHTML = '<table class="diff diff-contentalign-left diff-editfont-monospace"><colgroup>'
        + '<col class="diff-marker"><col class="diff-content"><col class="diff-marker"><col class="diff-content"></colgroup>'
        + `<thead><tr><th colspan="2" scope="col">${escapeHtml(this.messages('pt-gadget-preview-before'))}</th>`
        + `<th colspan="2" scope="col">${escapeHtml(this.messages('pt-gadget-preview-after'))}</th></tr></thead>`
        + `<tbody>${content.diffRows}</tbody></table>`;
    }
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
