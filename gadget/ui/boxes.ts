import type {Messages} from '../../shared/i18n/messages';
import {boxInfo, type BoxInfo} from '../core/locate';
import {OO, type OoButtonWidget} from './env';

/** The rendered {{Partnership}} boxes of the page's content, in page order (nested boxes included). */
export function partnershipBoxes(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('#mw-content-text .partnership-box'));
}

export function boxInfos(boxes: readonly HTMLElement[]): BoxInfo[] {
  return boxes.map((box) => boxInfo(box.getAttribute('data-partnership-partner'), box.getAttribute('data-partnership-stage')));
}

/**
 * Puts an "Edit partnership" button into each box's header (once, however often the content
 * hook fires). The button is named after the partner for screen readers, as a page may have many.
 */
export function addEditButtons(messages: Messages, open: (boxIndex: number, button: OoButtonWidget) => void): void {
  partnershipBoxes().forEach((box) => {
    if (box.hasAttribute('data-pt-editable')) return;
    box.setAttribute('data-pt-editable', '');
    const partner = boxInfo(box.getAttribute('data-partnership-partner'), null).partner;
    const button = new (OO().ui.ButtonWidget)({
      label: messages('pt-gadget-edit'),
      title: partner ? messages('pt-gadget-edit-named', partner) : messages('pt-gadget-edit'),
      flags: ['progressive'],
      classes: ['pt-edit-button'],
    });
    if (partner) button.$element.find('a').attr('aria-label', messages('pt-gadget-edit-named', partner));
    // Boxes are counted afresh when clicked: the page may have changed (live preview, other gadgets).
    button.on('click', () => open(partnershipBoxes().indexOf(box), button));
    const header = box.firstElementChild;
    const holder = document.createElement('div');
    holder.className = 'pt-edit';
    holder.append(button.$element[0] as HTMLElement);
    if (header instanceof HTMLElement && header.tagName === 'DIV') header.append(holder);
    else box.prepend(holder);
  });
}
