/**
 * The locale of one <live-chat>: which languages the visitor wants (the `language`
 * attribute, else the page's `<html lang>`, else `navigator.languages`), following changes
 * to the latter two; the table for them (loaded once per page, see src/i18n/load.ts) with
 * the owner's overrides; and when it is ready. The host renders nothing until the first
 * locale is known (loaded, failed, or LOCALE_WAIT_MS passed), so the launcher never shows
 * English to a visitor about to see their own language. Leaves rendering to the host.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, defaultLocale, type LocaleInfo } from '../../i18n/strings.js';
import { requestedLanguages } from '../../i18n/negotiate.js';
import { loadStrings, localeFrom, peekStrings, planLocale, type LocaleOverrides } from '../../i18n/load.js';

/** How long the first render waits for a locale file before showing English (which the file then replaces). */
export const LOCALE_WAIT_MS = 3000;

export { requestedLanguages };

export interface LocaleControllerOptions {
  /** The host's `language` attribute ('' when unset). */
  language(): string;
  /** The owner's overrides (the host's `strings` property). */
  strings(): LocaleOverrides | null | undefined;
  /** A new locale to render in. */
  onChange(locale: LocaleInfo): void;
}

export class LocaleController implements ReactiveController {
  /** The locale rendered now. */
  value: LocaleInfo = defaultLocale;
  #ready = false;
  #settled: Promise<void> = Promise.resolve();
  #key: string | undefined;
  #run = 0;
  #observer: MutationObserver | undefined;
  readonly #onLanguages = () => this.host.requestUpdate();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: LocaleControllerOptions,
  ) {
    host.addController(this);
  }

  /** The visitor's most preferred tag (what ChasitorInit reports), read afresh. */
  get requested(): string {
    return requestedLanguages(this.options.language())[0]!;
  }

  /** True until the first locale is known: render nothing yet. */
  get pending(): boolean {
    return !this.#ready;
  }

  /** Settles when the locale asked for last is rendered (or given up for English). */
  get settled(): Promise<void> {
    return this.#settled;
  }

  hostConnected(): void {
    // The page's language and the browser's preferences only count while `language` is unset,
    // but watching them is cheap: `refresh` ignores changes that change nothing.
    this.#observer ??= new MutationObserver(this.#onLanguages);
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    addEventListener('languagechange', this.#onLanguages);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    removeEventListener('languagechange', this.#onLanguages);
  }

  /** Re-reads what the visitor wants; starts loading when that changed. Call before each render. */
  refresh(): void {
    const requested = requestedLanguages(this.options.language());
    const overrides = this.options.strings();
    // By content: a framework that passes an equal new `strings` object on every render
    // must not rebuild the locale (and redraw the transcript) each time.
    const key = `${requested.join(',')} ${this.#contentKey(overrides)}`;
    if (key === this.#key) return;
    this.#key = key;
    const own = overrides ?? {};
    const plan = planLocale(requested, own);
    const run = ++this.#run;
    const known = plan.file ? peekStrings(plan.file) : en;
    if (known !== undefined) {
      this.#settled = Promise.resolve();
      this.#set(localeFrom(plan, known, own));
      return;
    }
    // Until the file is in, the current locale stays (English on the first render, after
    // LOCALE_WAIT_MS): a slow file never blocks the widget, and replaces English when it comes.
    const load = loadStrings(plan.file!).then((table) => {
      if (run === this.#run) this.#set(localeFrom(plan, table, own));
    });
    const wait = new Promise<void>((resolve) =>
      setTimeout(() => {
        if (run === this.#run && !this.#ready) this.#set(localeFrom(plan, null, own));
        resolve();
      }, LOCALE_WAIT_MS),
    );
    this.#settled = Promise.race([load, wait]);
  }

  readonly #ids = new WeakMap<object, number>();
  #nextId = 0;
  /** The overrides' content as text; an object JSON cannot write (a cycle) counts by identity. */
  #contentKey(overrides: LocaleOverrides | null | undefined): string {
    try {
      return JSON.stringify(overrides ?? null);
    } catch {
      if (!this.#ids.has(overrides!)) this.#ids.set(overrides!, ++this.#nextId);
      return `#${this.#ids.get(overrides!)}`;
    }
  }

  #set(locale: LocaleInfo) {
    const same = locale.strings === this.value.strings && locale.lang === this.value.lang;
    if (same && this.#ready) return;
    this.#ready = true;
    if (!same) {
      this.value = locale;
      this.options.onChange(locale);
    }
    this.host.requestUpdate();
  }
}
