/**
 * The lazily loaded part of the script-tag widget (dist/live-chat.widget.js): registers
 * every tag but the leave-a-message form (a chunk of its own, loaded when it first shows:
 * components/offline/load-offline-form.ts; define.ts registers it eagerly for npm) and hands the loader's <live-chat> elements over to
 * LiveChat. The loader (loader.ts) imports it on intent and calls `upgrade`.
 *
 * How one element becomes another: the registry keeps the loader's class (`Shell`) as the
 * constructor of `live-chat` forever, so `upgrade` makes Shell a subclass of LiveChat
 * (prototype and static side); elements created from then on are full widgets. Elements
 * that already exist are constructed again in place: for the span of one synchronous
 * constructor call, the root of lit's class chain (whose parent is HTMLElement) gets a parent
 * that returns the existing element, so lit's and LiveChat's constructors (fields, #private
 * members, controllers) run on it exactly as they would for a new element. Then the
 * element's attributes are replayed and, if it is in the document, it is connected.
 * Properties the page set before are own properties, which lit keeps and applies.
 */
import { LiveChat } from './components/live-chat/live-chat.js';
import { WIDGET_TAGS, defineTags } from './widget-tags.js';
import { keepLoaderSettings, type LoaderSettings } from './controller/loader-settings.js';

/** For pages that show the parts on their own (the demo's themed previews): a locale, loaded on demand. */
export { resolveLocale } from './i18n/load.js';

defineTags(WIDGET_TAGS);

type Ctor = abstract new (...args: never[]) => unknown;

/** The class in LiveChat's chain whose parent is HTMLElement (lit's ReactiveElement). */
function chainRoot(): Ctor {
  let c = LiveChat as unknown as Ctor;
  while (Object.getPrototypeOf(c) !== HTMLElement) c = Object.getPrototypeOf(c) as Ctor;
  return c;
}

/**
 * Turns `Shell` (the class registered as `live-chat`) and every element in `existing` into LiveChat.
 * `settingsOf` gives the loader's Settings answer for an element, which its first presence check
 * may use instead of asking again (controller/loader-settings.ts).
 */
export function upgrade(Shell: CustomElementConstructor, existing: Iterable<HTMLElement>, settingsOf?: (el: HTMLElement) => LoaderSettings | undefined): void {
  if (Object.getPrototypeOf(Shell) === LiveChat) return;
  Object.setPrototypeOf(Shell.prototype, LiveChat.prototype);
  Object.setPrototypeOf(Shell, LiveChat);
  // lit prepares a class (properties, attributes, styles) when it is registered; Shell was registered before it was a LitElement.
  (Shell as unknown as { finalize(): void }).finalize();
  const root = chainRoot();
  for (const el of existing) {
    const settings = settingsOf?.(el);
    if (settings) keepLoaderSettings(el, settings);
    const inPlace = function () {
      return el;
    };
    Object.setPrototypeOf(root, inPlace);
    try {
      Reflect.construct(Shell, [], Shell);
    } finally {
      Object.setPrototypeOf(root, HTMLElement);
    }
    const chat = el as unknown as LiveChat;
    for (const name of LiveChat.observedAttributes) {
      const value = el.getAttribute(name);
      if (value !== null) chat.attributeChangedCallback(name, null, value);
    }
    if (el.isConnected) chat.connectedCallback();
  }
}
