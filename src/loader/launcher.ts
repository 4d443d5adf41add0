/**
 * The loader's launcher before the widget's code has arrived: its nodes and listeners, its
 * words in the language the widget will speak, its one shared stylesheet, and its state
 * (presence answer, loading, failed). Built with DOM calls (no `innerHTML`: nothing for Trusted
 * Types to refuse) and styled with one constructed stylesheet (no inline style for a CSP to
 * block). Owns the launcher's DOM; when it is drawn and what the button's actions do are the
 * loader's (loader.ts).
 */
import { SHADOW_ROOT_OPTIONS } from './attributes.js';
import { loaderStrings, RTL } from './strings.js';
import { negotiate, requestedLanguages } from '../i18n/negotiate.js';
import { tokensCss } from '../components/shared/tokens.css.js';
import { launcherCss } from '../components/live-chat/launcher.css.js';

export interface View {
  button: HTMLButtonElement;
  label: Text;
  status: HTMLElement;
  wrap: HTMLElement;
  /** Settings' answer for the button: null until known. */
  online: boolean | null;
  mode: '' | 'loading' | 'failed';
  /** A primary press on the launcher has started and not ended. */
  pressed?: boolean;
}

/** What the launcher's button does: a sign of intent (hover, touch, focus), and a click. */
export interface Actions {
  intent(): void;
  open(): void;
}

/** The drawn launcher of each element (none before its first render, none after the handover). */
export const views = new WeakMap<Element, View>();

let sheet: CSSStyleSheet | undefined;
/** The launcher's language for each list of requested tags (renders repeat on every attribute change). */
const matches: Record<string, ReturnType<typeof negotiate> | null> = {};

const LOADER_CSS = `.launcher[aria-busy='true']{cursor:progress}.failed .dot{background:var(--_danger)}`;

/** A configuration value as a string (the loader's accessors: set value, attribute, default). */
export function cfg(el: HTMLElement, prop: string): string {
  return String((el as unknown as Record<string, unknown>)[prop] ?? '');
}

/** The launcher's locale and language tag: the widget's negotiation, so the launcher speaks the language the widget will. */
export function language(el: HTMLElement): { locale: string; lang: string } {
  const requested = requestedLanguages(cfg(el, 'language'));
  // The table's keys are canonical tags already (a test says so): only the visitor's are canonicalised.
  const match = (matches[requested.join()] ??= negotiate(requested, Object.keys(loaderStrings), { canonical: true }) ?? null);
  return { locale: match?.locale ?? 'en', lang: match?.requested ?? 'en' };
}

/** The launcher's stylesheet, shared by every element on the page. */
export function stylesheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(tokensCss + launcherCss + LOADER_CSS);
  }
  return sheet;
}

/** The launcher's nodes and listeners, not yet in a shadow root. */
export function build(actions: Actions): View {
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, part?: string) => {
    const node = document.createElement(tag);
    node.className = className;
    if (part) node.setAttribute('part', part);
    return node;
  };
  const wrap = make('div', 'root');
  const status = make('div', 'sr', 'status');
  status.setAttribute('role', 'status');
  const button = make('button', 'launcher', 'launcher');
  button.type = 'button';
  const dot = make('span', 'dot');
  dot.setAttribute('aria-hidden', 'true');
  const label = document.createTextNode('');
  button.append(dot, label);
  wrap.append(status, button);
  const v: View = { button, label, status, wrap, online: null, mode: '' };
  button.addEventListener('pointerenter', actions.intent);
  button.addEventListener('focus', actions.intent);
  // A press in progress when the widget takes over would lose its click (down and up on two
  // different buttons): the loader's handover completes it.
  const press = (e: PointerEvent) => (v.pressed = e.type === 'pointerdown' && e.isPrimary && e.button === 0);
  for (const type of ['pointerdown', 'pointerup', 'pointercancel', 'pointerleave'] as const) button.addEventListener(type, press);
  button.addEventListener('click', actions.open);
  return v;
}

/** Puts `v` into `el`'s shadow root (attached now if the element has none yet). */
export function mount(el: HTMLElement, v: View): View {
  const root = el.shadowRoot ?? el.attachShadow(SHADOW_ROOT_OPTIONS);
  root.adoptedStyleSheets = [stylesheet()];
  root.append(v.wrap);
  views.set(el, v);
  return v;
}

/** Brings the launcher's words and state up to date with `el`'s configuration. */
export function update(el: HTMLElement, v: View): void {
  const { locale, lang } = language(el);
  const s = loaderStrings[locale]!;
  v.wrap.lang = lang;
  v.wrap.dir = RTL.includes(lang.toLowerCase().split('-')[0]!) ? 'rtl' : 'ltr';
  v.button.hidden = Boolean((el as unknown as { noLauncher: unknown }).noLauncher);
  v.button.className = `launcher${v.online === false ? ' offline' : ''}${v.mode === 'failed' ? ' failed' : ''}`;
  v.button.setAttribute('aria-busy', String(v.mode === 'loading'));
  v.label.data = v.mode ? s[v.mode === 'failed' ? 'failed' : 'loading'] : s[v.online === false ? (cfg(el, 'offlineFormAction') ? 'message' : 'offline') : 'open'];
  v.status.textContent = v.mode ? v.label.data : '';
}
