import {FormController, type FormContext, type FormDialog, type Session} from './form-controller';
import {jqPromise, OO, type OoProcess, type OoWindowManager} from './env';

type ParentPrototype = Record<'initialize' | 'getSetupProcess' | 'getReadyProcess' | 'getActionProcess' | 'getTeardownProcess', (this: unknown, data?: unknown) => OoProcess>;

interface Instance extends FormDialog {
  form: FormController;
}

/**
 * An OOUI ProcessDialog whose content is a FormController. Defined when first needed: the
 * action labels are in the user's language, which is known once the messages have loaded.
 */
function defineDialog(ctx: FormContext): new () => Instance {
  const oo = OO();
  const ui = oo.ui;
  const m = ctx.messages;
  const parent = ui.ProcessDialog.prototype as unknown as ParentPrototype;
  function PartnershipDialog(this: Instance, config?: Record<string, unknown>): void {
    (ui.ProcessDialog as unknown as (this: Instance, config?: Record<string, unknown>) => void).call(this, config);
  }
  oo.inheritClass(PartnershipDialog, ui.ProcessDialog);
  const Dialog = PartnershipDialog as unknown as {static: Record<string, unknown>; prototype: Record<string, unknown>};
  Dialog.static.name = 'partnershipTracker';
  Dialog.static.size = 'larger';
  Dialog.static.actions = [
    {action: 'review', label: m('pt-gadget-review'), flags: ['primary', 'progressive'], modes: ['edit']},
    {action: 'save', label: m('pt-gadget-save'), flags: ['primary', 'progressive'], modes: ['preview']},
    {action: 'back', label: m('pt-gadget-back'), flags: ['safe', 'back'], modes: ['preview']},
    {label: m('pt-gadget-cancel'), flags: ['safe', 'close'], modes: ['edit']},
  ];
  Object.assign(Dialog.prototype, {
    initialize(this: Instance) {
      parent.initialize.call(this);
      this.form = new FormController(this, ctx);
      this.$body.append(this.form.stack.$element);
      return this;
    },
    getSetupProcess(this: Instance, data: {session: Session; title: string}) {
      return parent.getSetupProcess.call(this, data).next(() => this.form.setup(data.session));
    },
    getReadyProcess(this: Instance, data: unknown) {
      return parent.getReadyProcess.call(this, data).next(() => this.form.ready());
    },
    getActionProcess(this: Instance, action: string) {
      if (action === 'review' || action === 'save' || action === 'back') {
        return new ui.Process(() => jqPromise(this.form.act(action)));
      }
      // Closing (Cancel, Escape): only after confirming that unsaved changes may go.
      const confirmed = this.form.hasChanges() ? Promise.resolve(ui.confirm(m('pt-gadget-discard'))) : Promise.resolve(true);
      return new ui.Process(() => jqPromise(confirmed.then((ok) => {
        if (ok) this.close({action});
      })));
    },
    getBodyHeight() {
      return Math.max(320, Math.round(window.innerHeight * 0.72));
    },
  });
  return PartnershipDialog as unknown as new () => Instance;
}

let manager: OoWindowManager | null = null;
let DialogClass: (new () => Instance) | null = null;
let opened = 0;

/** Opens the form in a dialog; each opening gets a fresh dialog, removed again once closed. */
export function openDialog(ctx: FormContext, session: Session, title: string): void {
  const ui = OO().ui;
  if (!manager) {
    manager = new ui.WindowManager();
    document.body.append(manager.$element[0] as HTMLElement);
  }
  DialogClass ??= defineDialog(ctx);
  const dialog = new DialogClass();
  const name = `partnershipTracker${++opened}`;
  const windows = manager as unknown as {addWindows(windows: Record<string, unknown>): void; removeWindows(names: string[]): unknown};
  windows.addWindows({[name]: dialog});
  void manager.openWindow(dialog, {session, title}).closed.then(() => windows.removeWindows([name]));
}
