/**
 * The parts of MediaWiki's browser globals (`mw`, `OO`, jQuery) that the gadget uses, typed by
 * hand: the project has no type packages for them, and declaring them as globals would leak
 * into the Node code that shares this TypeScript program.
 */

/** A jQuery collection, as far as the gadget uses one. */
export interface JQ {
  readonly length: number;
  readonly [index: number]: HTMLElement;
  append(...content: (JQ | HTMLElement | string)[]): JQ;
  addClass(names: string): JQ;
  attr(name: string, value: string): JQ;
  on(event: string, handler: (event: Event) => void): JQ;
  find(selector: string): JQ;
  empty(): JQ;
}

export interface JqDeferred {
  resolve(value?: unknown): void;
  reject(reason?: unknown): void;
  promise(): unknown;
}

export interface Jquery {
  (element: HTMLElement | string): JQ;
  Deferred(): JqDeferred;
}

export interface OoEventEmitter {
  on(event: string, handler: (...args: never[]) => void): this;
  connect?(context: object, handlers: Record<string, string | (() => void)>): this;
}

export interface OoWidget extends OoEventEmitter {
  readonly $element: JQ;
  setDisabled(disabled: boolean): this;
  isDisabled(): boolean;
  toggle(show?: boolean): this;
  isVisible?(): boolean;
}

export interface OoInputWidget extends OoWidget {
  getValue(): string;
  setValue(value: string): this;
  focus(): this;
  setValidityFlag(valid?: boolean): this;
  readonly $input: JQ;
}

export interface OoDateInputWidget extends OoInputWidget {
  /** The text box the date can be typed into (an internal part of the widget, stable since 1.25). */
  readonly textInput: OoInputWidget;
}

export interface OoDropdownInputWidget extends OoInputWidget {
  setOptions(options: {data: string; label: string}[]): this;
}

export interface OoCheckboxInputWidget extends OoWidget {
  isSelected(): boolean;
  setSelected(selected: boolean): this;
  focus(): this;
}

export interface OoButtonWidget extends OoWidget {
  setLabel(label: string | null): this;
  setTitle(title: string | null): this;
  focus(): this;
}

export interface OoLabelWidget extends OoWidget {
  setLabel(label: string | JQ | null): this;
}

export interface OoMessageWidget extends OoWidget {
  setType(type: 'notice' | 'error' | 'warning' | 'success'): this;
  setLabel(label: string | JQ | null): this;
}

export interface OoFieldLayout extends OoWidget {
  setLabel(label: string | null): this;
  setErrors(errors: (string | JQ)[]): this;
  setWarnings?(warnings: (string | JQ)[]): this;
  setNotices?(notices: (string | JQ)[]): this;
  readonly fieldWidget: OoWidget;
}

export interface OoLayout extends OoWidget {
  addItems(items: OoWidget[], index?: number): this;
}

export interface OoStackLayout extends OoWidget {
  setItem(item: OoWidget): this;
}

export interface OoPanelLayout extends OoWidget {
  readonly $element: JQ;
}

export interface OoProcess {
  next(step: () => unknown, context?: object): OoProcess;
}

export interface OoError {
  readonly __ooError: true;
}

export interface OoWindowInstance {
  readonly $body: JQ;
  readonly $foot: JQ;
  readonly actions: {
    setMode(mode: string): void;
    setAbilities(abilities: Record<string, boolean>): void;
    get(filters: {actions?: string}): {setLabel(label: string): void}[];
  };
  setSize?(size: string): void;
  title: OoLabelWidget;
  close(data?: unknown): unknown;
  updateSize(): unknown;
  pushPending(): unknown;
  popPending(): unknown;
  executeAction(action: string): unknown;
}

export interface OoWindowManager extends OoWidget {
  addWindows(windows: unknown[]): void;
  openWindow(win: unknown, data?: unknown): {closed: Promise<unknown>; opened: Promise<unknown>};
}

type Ctor<T> = new (config?: Record<string, unknown>) => T;

export interface OoUi {
  ProcessDialog: Ctor<OoWindowInstance> & {static: Record<string, unknown>; prototype: Record<string, unknown>};
  WindowManager: Ctor<OoWindowManager>;
  Process: new (step?: (() => unknown) | number, context?: object) => OoProcess;
  Error: new (message: string | JQ, config?: {recoverable?: boolean; warning?: boolean}) => OoError;
  PanelLayout: Ctor<OoPanelLayout>;
  StackLayout: Ctor<OoStackLayout>;
  FieldsetLayout: Ctor<OoLayout>;
  FieldLayout: new (widget: OoWidget, config?: Record<string, unknown>) => OoFieldLayout;
  HorizontalLayout: Ctor<OoLayout>;
  TextInputWidget: Ctor<OoInputWidget>;
  MultilineTextInputWidget: Ctor<OoInputWidget>;
  DropdownInputWidget: Ctor<OoDropdownInputWidget>;
  CheckboxInputWidget: Ctor<OoCheckboxInputWidget>;
  ButtonWidget: Ctor<OoButtonWidget>;
  LabelWidget: Ctor<OoLabelWidget>;
  MessageWidget: Ctor<OoMessageWidget>;
  HtmlSnippet: new (html: string) => unknown;
  confirm(text: string, options?: Record<string, unknown>): Promise<boolean>;
  getDefaultOverlay(): JQ;
}

export interface Oo {
  ui: OoUi;
  inheritClass(child: unknown, parent: unknown): void;
}

export interface MwApiPromise<T> extends Promise<T> {
  /** jQuery promises pass every argument of a failure to the handler: the code and the response. */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((code: string, data?: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
}

export interface MwApi {
  get(params: Record<string, unknown>): MwApiPromise<unknown>;
  post(params: Record<string, unknown>): MwApiPromise<unknown>;
  postWithEditToken(params: Record<string, unknown>): MwApiPromise<unknown>;
}

export interface Mw {
  config: {get(key: string): unknown};
  loader: {using(modules: string | string[]): Promise<unknown>};
  hook(name: string): {add(handler: (...args: never[]) => void): void};
  util: {
    addPortletLink(portlet: string, href: string, text: string, id?: string, tooltip?: string): HTMLElement | null;
    getUrl(title: string, params?: Record<string, string>): string;
    getParamValue(name: string): string | null;
  };
  Api: new (options?: Record<string, unknown>) => MwApi;
  libs: Record<string, unknown>;
  widgets: {DateInputWidget: Ctor<OoDateInputWidget>};
  notify?(message: string, options?: Record<string, unknown>): unknown;
}

interface Globals {
  mw: Mw;
  OO: Oo;
  $: Jquery;
}

const globals = globalThis as unknown as Globals;

/** Read when used, not at load: the page's scripts may set them after this module is evaluated. */
export const mw = (): Mw => globals.mw;
export const OO = (): Oo => globals.OO;
export const $ = (element: HTMLElement | string): JQ => globals.$(element);

/**
 * A step of an OOUI process. OOUI shows a step's failure on the dialog's error screen only when
 * its promise is rejected with an array of OO.ui.Error (a bare error is not shown).
 */
export function jqPromise(promise: Promise<unknown>): unknown {
  const deferred = globals.$.Deferred();
  // Block bodies: returning the deferred (a thenable) would make the native promise adopt its
  // rejection, and report it as unhandled.
  promise.then((value) => {
    deferred.resolve(value);
  }, (reason) => {
    deferred.reject(Array.isArray(reason) ? reason : [reason]);
  });
  return deferred.promise();
}
