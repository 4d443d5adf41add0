/**
 * The transcript's DOM helpers, pure and stateless: text with safe links, element creation, the
 * local day of a time, scrolling an item into the log, PageUp/PageDown from an empty composer, and
 * the constants of grouping and announcements. <live-chat-transcript> owns the state.
 */
import { safeUrl } from '../shared/safe-url.js';

const URL_RE = /\bhttps?:\/\/[^\s<>"]+/gi;
/** Consecutive messages of one author closer than this share a group. */
export const GROUP_MS = 5 * 60_000;
/** How long an announcement stays in the live region (long enough for every screen reader to queue it). */
export const ANNOUNCE_MS = 5000;
/** System entries the status region does not already say (it says joined, transferred, reconnecting, ended). */
export const ANNOUNCED_SYSTEM = new Set(['agent-disconnected', 'idle-warning', 'idle-cleared', 'custom']);
/** What counts as a control inside a message (taken out of the tab order until the visitor enters it). */
export const CONTROLS = 'a[href],button,input,select,textarea';

/**
 * Keeps the controls inside messages out of the tab order, also those a message gets later (rich
 * content that arrives from its chunk, an upload's cancel button): Tab goes from the log to the
 * composer; Enter on a message reaches its controls. Observe the log's list with it.
 */
export const untabbable = () =>
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (!(n instanceof HTMLElement)) continue;
        if (n.matches(CONTROLS)) n.tabIndex = -1;
        for (const c of n.querySelectorAll<HTMLElement>(CONTROLS)) c.tabIndex = -1;
      }
    }
  });

/** Appends `text` to `parent` as text nodes, with http(s) URLs as safe links. */
export function appendLinkified(parent: Node, text: string): void {
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(/[.,;:!?)\]'}]+$/, '');
    const at = m.index;
    const href = safeUrl(url);
    if (!href) continue; // not a URL: stays text
    parent.appendChild(document.createTextNode(text.slice(last, at)));
    const a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = url;
    parent.appendChild(a);
    last = at + url.length;
  }
  parent.appendChild(document.createTextNode(text.slice(last)));
}

export function el(tag: string, cls: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The local calendar day of a time (day separators follow the visitor's own clock). */
export const dayOf = (t: number) => new Date(t).toDateString();

const startOfDay = (t: number) => new Date(t).setHours(0, 0, 0, 0);

/**
 * A day separator's words: "Today" and "Yesterday" in the visitor's language (Intl's own relative
 * words, first letter capitalised as a label), else the full date. `now`: the visitor's clock.
 */
export function dayLabel(t: number, lang: string, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(t)) / 864e5); // rounded: days of 23 or 25 hours
  if (days !== 0 && days !== 1) return new Intl.DateTimeFormat(lang, { dateStyle: 'full' }).format(t);
  const word = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }).format(-days, 'day');
  return word.charAt(0).toLocaleUpperCase(lang) + word.slice(1);
}

/** Scrolls `log` just enough to show `item` (a few pixels of air), never the page around it. */
export function reveal(item: HTMLElement, log: HTMLElement): void {
  const r = item.getBoundingClientRect();
  const box = log.getBoundingClientRect();
  if (r.top < box.top) log.scrollTop -= box.top - r.top + 8;
  else if (r.bottom > box.bottom) log.scrollTop += Math.min(r.bottom - box.bottom + 8, r.top - box.top - 8);
}

/** PageUp/PageDown typed in an empty `<live-chat-composer>` scroll `log` by most of its height. */
export function pageFromComposer(e: KeyboardEvent, log: HTMLElement): void {
  if (e.key !== 'PageUp' && e.key !== 'PageDown') return;
  const composer = e.target as HTMLElement & { value?: unknown };
  if (composer.localName !== 'live-chat-composer' || composer.value !== '') return;
  e.preventDefault();
  log.scrollBy({ top: (e.key === 'PageUp' ? -1 : 1) * log.clientHeight * 0.9 });
}
