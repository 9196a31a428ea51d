import path from 'path';
import simulate from 'miniprogram-simulate';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');

/** Any page instance: tests reach methods and data by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PageInstance = Record<string, any> & { data: Record<string, any> };

export interface RenderedPage {
  /** The j-component root (querySelector, dom, triggerLifeTime …). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  component: any;
  instance: PageInstance;
  dom: HTMLElement;
  /** Calls a page lifecycle (onLoad, onShow, onHide, onUnload …) declared under `methods`. */
  lifecycle(name: string, ...args: unknown[]): unknown;
  /** Finds the first element matching a selector inside the page, or throws with the page's HTML. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  find(selector: string): any;
  /** All matches, possibly none. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  findAll(selector: string): any[];
  /**
   * The attributes the WXML gave an element, camelCased as WeChat passes them (open-type → openType).
   * Built-in components (button, live-pusher …) keep them in the virtual tree, not the DOM.
   */
  attributes(selector: string): Record<string, unknown>;
  /** The text a user would read in the element (or the whole page). */
  text(selector?: string): string;
  tap(selector: string): Promise<void>;
  /** Types into an `<input>`/`<textarea>`: sets its value and dispatches `input` as WeChat does. */
  type(selector: string, value: string): Promise<void>;
  /** Dispatches a custom event (e.g. statechange on a live-player) with a `detail`. */
  dispatch(selector: string, eventName: string, detail: unknown): Promise<void>;
  detach(): void;
}

/** Lets pending promise callbacks and zero-delay timers run, as the mini-program's event loop would. */
export async function flush(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i += 1) {
    await Promise.resolve();
    await simulate.sleep(0);
  }
}

/**
 * Renders a page by its path under miniprogram/ (e.g. 'pages/entry/index') with its real WXML,
 * compiled by WeChat's wcc, and its real script loaded through ts-jest.
 */
export function renderPage(pagePath: string, properties: Record<string, unknown> = {}): RenderedPage {
  const id = simulate.load(path.join(MINIPROGRAM_ROOT, pagePath), { rootPath: MINIPROGRAM_ROOT });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const component: any = simulate.render(id, properties);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  component.attach(parent);
  const instance = component.instance as PageInstance;

  const findAll = (selector: string) => component.querySelectorAll(selector) as unknown[];
  const find = (selector: string) => {
    const found = component.querySelector(selector);
    if (!found) throw new Error(`No element matches ${selector} in:\n${component.dom.innerHTML}`);
    return found;
  };

  return {
    component,
    instance,
    dom: component.dom as HTMLElement,
    lifecycle(name, ...args) {
      const fn = instance[name];
      if (typeof fn !== 'function') throw new Error(`Page has no lifecycle method ${name}`);
      return fn.apply(instance, args);
    },
    find,
    findAll: findAll as RenderedPage['findAll'],
    attributes(selector) {
      const vt = find(selector)._exparserNode?._vt as
        { attrs?: { name: string; value: unknown }[] } | undefined;
      return Object.fromEntries((vt?.attrs ?? []).map((a) => [a.name, a.value]));
    },
    text(selector) {
      const el = selector === undefined ? component.dom : find(selector).dom;
      return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    },
    async tap(selector) {
      find(selector).dispatchEvent('tap');
      await flush();
    },
    async type(selector, value) {
      const el = find(selector);
      (el.dom as HTMLInputElement).value = value;
      el.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
      await flush();
    },
    async dispatch(selector, eventName, detail) {
      find(selector).dispatchEvent(eventName, { detail });
      await flush();
    },
    detach() {
      component.detach();
      parent.remove();
    },
  };
}
