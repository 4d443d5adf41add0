/**
 * The script-tag entry (dist/live-chat.iife.js, dist/live-chat.js): a loader of a few KB
 * that defines <live-chat> at once and shows its launcher, asks once whether anyone is
 * online (after the page's `load`, when the browser is idle), and loads the rest of the
 * widget (dist/live-chat.widget.js, found next to this script) only when it is needed:
 * - the visitor shows intent: the pointer enters or touches the launcher, it gets focus,
 *   or it is clicked (the click opens the panel when the code is there; "Opening the
 *   chat…" shows if that takes a moment);
 * - a chat is stored for this tab (reload, page change; not looked for on a first visit from
 *   elsewhere) or runs in another tab of the site;
 * - the page calls a public method, sets `expanded` or the `open` attribute (calls are
 *   queued and replayed in order once the code is there);
 * - the configured `invite-button-id` is available and not answered on an earlier page of this tab
 *   (the widget then shows the invitation);
 * - at idle with `preload="idle"`, unless the visitor saves data or the connection is 2G.
 * Then the widget takes over the same element (bundle.ts `upgrade`): references, listeners,
 * attributes and properties the page set stay as they are, and the presence check's answer goes
 * with it (the widget does not ask again while it is fresh: controller/loader-settings.ts).
 *
 * Before the handover `phase` is `idle` or, once the presence check found the button offline,
 * `unavailable` (with its `live-chat-phase-change`, which the widget's own check repeats);
 * `transcript` is empty; `send()` queues its text and returns '' (the entry id comes later).
 *
 * Start-up work runs in small steps, each in a task of its own (loader/steps.ts): evaluating
 * this file only defines the element (from an `async` tag not even that: `define` below); the
 * launcher is drawn in the next few tasks (language, stylesheet, shadow root and DOM), and the
 * presence check runs in idle callbacks of its own.
 *
 * Owns: when the launcher is drawn and what it does (its DOM: loader/launcher.ts), the triggers,
 * the call queue, loading, and a failed load (an honest message on the launcher, `live-chat-error` with code `network`,
 * a new attempt on the next intent). Leaves everything else to the widget. No lit here:
 * lit alone would weigh more than all of this.
 */
import { OBSERVED_ATTRIBUTES, PROPERTIES, SHADOW_ROOT_OPTIONS, type MethodName } from './loader/attributes.js';
import { build, cfg, language, mount, stylesheet, update, views, type Actions, type View } from './loader/launcher.js';
import { step } from './loader/steps.js';
import { presence, settingsUrl, type PresenceQuery } from './loader/presence.js';
import type { LoaderSettings } from './controller/loader-settings.js';
import type { LiveChat } from './components/live-chat/live-chat.js';

type Widget = typeof import('./bundle.js');
type Call = [el: Shell, name: MethodName, args: unknown[], resolve: (v: unknown) => void, reject: (e: unknown) => void];

/**
 * This file's URL, read at evaluation time: a classic script (the IIFE) is only known then,
 * as document.currentScript; a module knows import.meta.url (which the IIFE build cannot keep).
 */
const script = document.currentScript as HTMLScriptElement | null;
const base = script?.src || import.meta.url;
/** Every <live-chat> constructed before the widget arrived: all of them are handed over. */
const shells = new Set<Shell>();
const calls: Call[] = [];
let loading: Promise<void> | null = null;
let attempt = 0;
/** Elements whose first render is queued (`draw`). */
const drawing = new WeakSet<Element>();
/** Elements whose deferred round (`deferred`) is scheduled. */
const rounds = new WeakSet<Element>();
/** `mayHaveVisited()`, asked once per page. */
let visited: boolean | undefined;

/** The Settings answer each element's presence check got (given to the widget at the handover). */
const answers = new WeakMap<Element, LoaderSettings>();

/** Configuration properties the page set before the handover (given to the widget then). */
const early = new WeakMap<Element, Record<string, unknown>>();

/** `live-chat:<endpoint>|<org>|<deployment>|<button>`: the widget's storage prefix and Web Lock name. */
function chatKey(el: HTMLElement): string {
  return `live-chat:${cfg(el, 'endpoint')}|${cfg(el, 'orgId')}|${cfg(el, 'deploymentId')}|${cfg(el, 'buttonId')}`;
}

/**
 * Whether this tab may have been on this site before (so a chat of it may be in its
 * sessionStorage): a reload or a back/forward visit, an earlier entry of this origin in the
 * tab's history, or a link from this origin. A page's first sessionStorage access can block the
 * main thread for tens of milliseconds, so a first visit from elsewhere skips it; a chat stored
 * by an earlier visit in this tab that left the site and came back by a link resumes on intent.
 * Without the Navigation API: maybe.
 */
function mayHaveVisited(): boolean {
  const history = (window as { navigation?: { entries?: () => unknown[] } }).navigation;
  if (!history?.entries) return true;
  const visit = (performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined)?.type;
  if ((visit && visit !== 'navigate') || history.entries().length > 1) return true;
  // No referrer (typed, bookmarked, withheld) is a first visit. A string test, not `new URL`: the
  // exception an empty referrer throws costs milliseconds on a slow phone.
  return document.referrer.startsWith(`${self.origin}/`);
}

function hasStoredChat(el: HTMLElement): boolean {
  if (!(visited ??= mayHaveVisited())) return false;
  try {
    return sessionStorage.getItem(`${chatKey(el)}:chat`) !== null;
  } catch {
    return false; // storage disabled: nothing can have been stored
  }
}

/** The visitor answered this invitation on an earlier page of this tab (the widget keeps the list). */
function declined(el: HTMLElement, invite: string): boolean {
  if (!(visited ??= mayHaveVisited())) return false;
  try {
    return (JSON.parse(sessionStorage.getItem(`${chatKey(el)}:invites`) ?? '[]') as unknown[]).includes(invite);
  } catch {
    return false;
  }
}

function load(): Promise<void> {
  return (loading ??= import(/* @vite-ignore */ new URL(`./live-chat.widget.js${attempt ? `?retry=${attempt}` : ''}`, base).href).then(
    handOver,
    (e: unknown) => {
      loading = null;
      attempt++;
      for (const [, , , , reject] of calls.splice(0)) reject(e);
      const message = `The chat could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
      for (const el of shells) {
        setMode(el, 'failed');
        el.dispatchEvent(new CustomEvent('live-chat-error', { bubbles: true, composed: true, detail: { code: 'network', message } }));
      }
    },
  ));
}

function handOver(widget: Widget): void {
  const focused: Shell[] = [];
  const pressed: Shell[] = [];
  for (const el of shells) {
    if (el.shadowRoot?.activeElement) focused.push(el);
    if (views.get(el)?.pressed) pressed.push(el);
    el.shadowRoot?.replaceChildren();
    views.delete(el);
  }
  const all = [...shells];
  shells.clear();
  // What the page set is an own property when the widget's constructor runs: lit keeps and applies it.
  for (const el of all) {
    for (const [prop, value] of Object.entries(early.get(el) ?? {})) {
      Object.defineProperty(el, prop, { value, writable: true, configurable: true, enumerable: true });
    }
  }
  widget.upgrade(Shell, all, (el) => answers.get(el));
  for (const [el, name, args, resolve, reject] of calls.splice(0)) {
    try {
      resolve((el as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args));
    } catch (e) {
      reject(e);
    }
  }
  // The press that began on our launcher ends on the widget's: that is the click it would have been.
  for (const el of pressed) {
    const up = () => {
      el.removeEventListener('pointercancel', cancel);
      (el as unknown as LiveChat).open();
    };
    const cancel = () => el.removeEventListener('pointerup', up);
    el.addEventListener('pointerup', up, { once: true });
    el.addEventListener('pointercancel', cancel, { once: true });
  }
  // Focus was on our launcher (keyboard intent): put it on the widget's, unless the panel took it.
  for (const el of focused) {
    const chat = el as unknown as LiveChat;
    void chat.updateComplete.then(() => {
      if (!chat.expanded) chat.shadowRoot?.querySelector<HTMLElement>('[part~="launcher"]')?.focus();
    });
  }
}

/** Queues a public call until the widget is there; `start` and `end` give its promise, `send` gives ''. */
function call(el: Shell, name: MethodName, args: unknown[]): unknown {
  const done = new Promise((resolve, reject) => calls.push([el, name, args, resolve, reject]));
  void load();
  if (name === 'start' || name === 'end') return done;
  done.catch(() => {}); // reported as live-chat-error; nobody holds this promise
  return name === 'send' ? '' : undefined;
}

function setMode(el: Shell, mode: View['mode']): void {
  const v = views.get(el);
  if (v) {
    v.mode = mode;
    render(el);
  }
}

/**
 * The first render of `el`'s launcher, in steps: its language, the shared stylesheet, then the
 * shadow root and the launcher itself (a page's first of each costs several milliseconds on a
 * slow phone). Skipped when the widget took the element over or it left the document meanwhile.
 */
function draw(el: Shell): void {
  if (views.has(el) || drawing.has(el)) return;
  drawing.add(el);
  const live = () => shells.has(el) && el.isConnected;
  let built: View | undefined;
  step(
    () => live() && language(el),
    () => live() && stylesheet(),
    () => live() && (el.shadowRoot ?? el.attachShadow(SHADOW_ROOT_OPTIONS)),
    () => live() && (built = build(actions(el))),
    () => {
      drawing.delete(el);
      if (live() && built && !views.has(el)) render(el, built);
    },
  );
}

/** What `el`'s launcher does before the handover: load on intent; a click opens the panel. */
function actions(el: Shell): Actions {
  return {
    intent: () => void load(),
    open: () => {
      void call(el, 'open', []);
      setTimeout(() => loading && setMode(el, 'loading'), 300);
    },
  };
}

/** Brings `el`'s launcher up to date, drawing it at once (`built`, or built now) if it is not there yet. */
function render(el: Shell, built?: View): void {
  update(el, views.get(el) ?? mount(el, built ?? build(actions(el))));
}

/**
 * What cannot wait for intent: the page opening the panel, or a chat stored for this tab.
 * The storage check runs in steps of its own right after the launcher's (a resumed chat does
 * not wait for the page's load), and only when the tab may have been here before (`mayHaveVisited`).
 */
function check(el: Shell): void {
  if (el.hasAttribute('open')) {
    void load();
    return;
  }
  const wanted = () => el.isConnected && !loading && shells.has(el);
  // Two steps: the navigation entries, then (only if the tab may have been here) the storage.
  step(
    () => wanted() && (visited ??= mayHaveVisited()),
    () => wanted() && hasStoredChat(el) && void load(),
  );
}

/** `fn` when the browser is idle (at the latest after 3 s). */
function idle(fn: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 3000 });
  else setTimeout(fn, 200);
}

/** After the page's load event, when the browser is idle. */
function afterLoad(fn: () => void): void {
  if (document.readyState === 'complete') idle(fn);
  else addEventListener('load', () => idle(fn), { once: true });
}

/**
 * The one deferred round per element, in idle callbacks of their own: preload and a chat in
 * another tab (Web Locks); the presence check's URL; its request (a page's first `fetch`); its
 * answer (the launcher, the phase, the invitation).
 */
function deferred(el: Shell): void {
  const wanted = () => shells.has(el) && el.isConnected && !loading;
  if (!wanted()) return;
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean; effectiveType?: string } }).connection;
  if (el.getAttribute('preload') === 'idle' && !connection?.saveData && !/2g/.test(connection?.effectiveType ?? '')) {
    void load();
    return;
  }
  const key = chatKey(el);
  navigator.locks?.query().then(
    (s) => {
      if (s.held?.some((l) => l.name === key)) void load();
    },
    () => {},
  );
  const [endpoint, orgId, deploymentId, button] = key.slice(10).split('|');
  if (!endpoint || !orgId || !deploymentId || !button) return;
  idle(() => {
    const invite = cfg(el, 'inviteButtonId');
    // The widget's question, in its order (so its first check can take this answer): the button, the
    // pre-chat form's department buttons, the invitation's.
    const q = { endpoint, orgId, deploymentId, buttons: [button, ...departments(el), ...(invite ? [invite] : [])] };
    const url = settingsUrl(q);
    if (url && wanted()) idle(() => wanted() && present(el, url, q, invite)); // no URL: the widget reports the bad endpoint
  });
}

/**
 * The buttons of the pre-chat form's department choosers (`group_chooser` options' `buttonId`). Read
 * without the widget's checks: a form the widget reads otherwise only makes it ask Settings again.
 */
function departments(el: Shell): string[] {
  try {
    const v: unknown = (el as unknown as { prechatFields: unknown }).prechatFields;
    const fields: unknown = typeof v === 'string' ? JSON.parse(v) : v;
    if (!Array.isArray(fields)) return [];
    return fields.flatMap((f: { type?: unknown; options?: unknown }) =>
      f?.type === 'group_chooser' && Array.isArray(f.options) ? f.options.flatMap((o: { buttonId?: unknown }) => (typeof o?.buttonId === 'string' ? [o.buttonId] : [])) : [],
    );
  } catch {
    return [];
  }
}

/**
 * Asks whether the button (and the invitation's) is available; the launcher and the phase follow.
 * The answer is kept for the widget (`answers`), whose first check may use it instead of asking again.
 */
function present(el: Shell, url: string, q: PresenceQuery, invite: string): void {
  const button = q.buttons[0]!;
  const apiVersion = cfg(el, 'apiVersion') || '49';
  const keep = (text: string) => shells.has(el) && answers.set(el, { ...q, apiVersion, text, at: Date.now() });
  // Unknown (null): the launcher stays as it is; the widget asks again when it runs.
  void presence(url, apiVersion, keep).then((available) => {
    const v = views.get(el);
    if (!available || !v || !shells.has(el)) return;
    const was = el.phase;
    v.online = available.has(button);
    render(el);
    // As the widget's own presence check does: an offline button makes the phase `unavailable`.
    if (el.phase !== was) el.dispatchEvent(new CustomEvent('live-chat-phase-change', { bubbles: true, composed: true, detail: { phase: el.phase, previous: was } }));
    if (invite && available.has(invite)) step(() => !loading && shells.has(el) && !declined(el, invite) && void load());
  });
}

/** `el` is in the document: its launcher, what cannot wait (`check`), and its one deferred round. */
function connected(el: Shell): void {
  if (views.has(el)) render(el);
  else draw(el);
  if ((el as { expanded?: unknown }).expanded === true) void load(); // set before the loader ran
  check(el);
  if (!rounds.has(el)) {
    rounds.add(el);
    afterLoad(() => deferred(el));
  }
}

/** The loader's side of <live-chat>; the widget replaces it (bundle.ts `upgrade`). */
class Base extends HTMLElement {
  constructor() {
    super();
    shells.add(this);
  }

  /** Before the widget runs: `idle`, or `unavailable` when the presence check found the button offline. */
  get phase(): string {
    return views.get(this)?.online === false ? 'unavailable' : 'idle';
  }

  get transcript(): readonly unknown[] {
    return [];
  }

  open(): void {
    void call(this, 'open', []);
  }

  minimize(): void {
    void call(this, 'minimize', []);
  }

  start(prechatValues?: unknown): Promise<void> {
    return call(this, 'start', [prechatValues]) as Promise<void>;
  }

  send(text: string): string {
    return call(this, 'send', [text]) as string;
  }

  end(): Promise<void> {
    return call(this, 'end', []) as Promise<void>;
  }

  sendCustomEvent(type: string, data: string): void {
    void call(this, 'sendCustomEvent', [type, data]);
  }

  get expanded(): boolean {
    return this.hasAttribute('open');
  }

  set expanded(open: boolean) {
    void call(this, open ? 'open' : 'minimize', []);
  }

  connectedCallback(): void {
    // In a step: the registry calls this while this file is evaluated (the upgrade at `define`).
    step(() => this.isConnected && shells.has(this) && connected(this));
  }

  disconnectedCallback(): void {}

  attributeChangedCallback(name: string): void {
    if (!views.has(this) || !this.isConnected) return;
    render(this);
    if (name === 'open' || name.endsWith('id') || name === 'endpoint') check(this);
  }
}
for (const [prop, attr, fallback = ''] of PROPERTIES) {
  Object.defineProperty(Base.prototype, prop, {
    get(this: Base) {
      const set = early.get(this);
      if (set && prop in set) return set[prop];
      return typeof fallback === 'boolean' ? this.hasAttribute(attr) : (this.getAttribute(attr) ?? fallback);
    },
    set(this: Base, value: unknown) {
      let set = early.get(this);
      if (!set) early.set(this, (set = {}));
      set[prop] = value;
      if (views.has(this) && this.isConnected) {
        render(this);
        check(this);
      }
    },
    configurable: true,
  });
}

/**
 * The class registered as `live-chat`. Its lifecycle callbacks (read once by the registry)
 * go to whatever its prototype inherits from: the loader's Base first, LiveChat after the handover.
 */
class Shell extends Base {
  static get observedAttributes(): string[] {
    return OBSERVED_ATTRIBUTES;
  }

  override connectedCallback(): void {
    super.connectedCallback();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
  }

  override attributeChangedCallback(name: string, old?: string | null, value?: string | null): void {
    (super.attributeChangedCallback as (n: string, o?: string | null, v?: string | null) => void)(name, old, value);
  }
}
export type { Shell };

/**
 * Registers `live-chat` (once per page, whichever copy of the loader runs first). From an `async`
 * tag (the README's) it happens in the next task: an async script runs at a moment no other script
 * can count on, so nothing can rely on the definition being there in the task that evaluated it,
 * and the registry's first use and the upgrade of the page's elements then make a task of their own.
 * From any other tag (classic, `defer`, module) it happens at once, as scripts after it may expect.
 */
const define = () => customElements.get('live-chat') || customElements.define('live-chat', Shell);
if (script?.async) step(define);
else define();
