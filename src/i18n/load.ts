/**
 * Which locales ship and how one gets to the visitor. English is in the main code; every
 * other table is a standalone ES module in ./locales/ (next to this module in lib/i18n/,
 * next to the bundle in dist/), fetched with a native dynamic `import()` of a URL resolved
 * against the widget's own URL, once per page. A file that cannot be loaded leaves English.
 * Also merges the owner's `strings` overrides (which may add locales) into the table.
 * Owns no DOM; <live-chat>'s LocaleController decides when to ask.
 */
import { negotiate, sameLanguage } from './negotiate.js';
import { directionOf, en, type LocaleInfo, type Plural, type StringKey, type StringOverrides, type Strings } from './strings.js';

/** The locale files that ship (besides English, which is built in). */
export const LOCALES = [
  'ar', 'de', 'es', 'fa', 'fr', 'he', 'hi', 'id', 'it', 'ja', 'ko',
  'nl', 'pl', 'pt-BR', 'ru', 'sv', 'th', 'tr', 'uk', 'vi', 'zh-Hans', 'zh-Hant',
] as const;
export type LocaleName = (typeof LOCALES)[number];

/** The owner's tables: BCP 47 tag → partial table (a tag no file serves adds a locale). */
export type LocaleOverrides = Readonly<Record<string, StringOverrides>>;

// The widget's own URL: import.meta.url in an ES module (lib/, dist/live-chat.js); in the
// classic-script bundle `import.meta` is empty and the running <script> is the widget.
const ownUrl: string | undefined =
  (import.meta as { url?: string }).url ??
  (typeof document === 'undefined' ? undefined : (document.currentScript as HTMLScriptElement | null)?.src);

/** Where the locale files are (a folder URL ending in '/'). Tests point it elsewhere. */
export const localeFiles = {
  base: ownUrl ? new URL('./locales/', ownUrl).href : './locales/',
};

const loading = new Map<string, Promise<Strings | null>>();
const loaded = new Map<string, Strings | null>();

/** A shipped table if it has already been fetched (null: it failed), else undefined. */
export const peekStrings = (name: LocaleName): Strings | null | undefined => loaded.get(name);

/** Fetches a shipped table once per page; null (and a console warning) when it cannot be had. */
export function loadStrings(name: LocaleName): Promise<Strings | null> {
  let p = loading.get(name);
  if (!p) {
    const url = new URL(`${name}.js`, localeFiles.base).href;
    p = import(/* @vite-ignore */ /* webpackIgnore: true */ url).then(
      (m: { default?: unknown }) => tableFrom(m.default, url),
      (e: unknown) => {
        console.warn(`<live-chat>: could not load the ${name} strings from ${url} (${String(e)}); showing English.`);
        return null;
      },
    );
    loading.set(name, p);
    void p.then((t) => loaded.set(name, t));
  }
  return p;
}

const isPlural = (v: unknown): v is Plural =>
  typeof v === 'object' && v !== null && typeof (v as { other?: unknown }).other === 'string' &&
  Object.values(v).every((form) => typeof form === 'string');

/** Keeps the well-formed entries of `table` over `base`, warning about the rest. */
function overlay(base: Strings, table: unknown, what: string): Strings {
  if (typeof table !== 'object' || table === null) {
    console.warn(`<live-chat>: ${what} is not a strings table; ignored.`);
    return base;
  }
  const out: Record<string, unknown> = { ...base };
  const bad: string[] = [];
  for (const [key, value] of Object.entries(table)) {
    const plural = typeof en[key as StringKey] === 'object';
    if (!(key in en) || !(typeof value === 'string' || (plural && isPlural(value)))) bad.push(key);
    else out[key] = value;
  }
  if (bad.length) console.warn(`<live-chat>: ${what} has unknown or malformed keys, ignored: ${bad.join(', ')}`);
  return Object.freeze(out) as Strings;
}

function tableFrom(value: unknown, url: string): Strings {
  const missing = Object.keys(en).filter((k) => typeof value !== 'object' || value === null || !(k in value));
  if (missing.length) console.warn(`<live-chat>: ${url} lacks ${missing.join(', ')}; those show in English.`);
  return overlay(en, value, url);
}

/** What the visitor will see: the locale chosen, the file it starts from, the tag its text is in. */
export interface LocalePlan {
  /** The available locale chosen ('en' when nothing fits), spelled as in LOCALES or the overrides. */
  readonly locale: string;
  /** The shipped file the table starts from; undefined for English. */
  readonly file: LocaleName | undefined;
  /** The language of the text: the visitor's own tag when it is the same language (`de-AT`). */
  readonly lang: string;
}

/** Negotiates the visitor's tags against the shipped locales, English and the owner's. */
export function planLocale(requested: readonly string[], overrides: LocaleOverrides = {}): LocalePlan {
  const match = negotiate(requested, [...LOCALES, 'en', ...Object.keys(overrides)]);
  const locale = match?.locale ?? 'en';
  // An owner's locale starts from the nearest shipped one (their `pt-PT` from `pt-BR`).
  const file = (LOCALES as readonly string[]).includes(locale)
    ? (locale as LocaleName)
    : (negotiate([locale], LOCALES)?.locale as LocaleName | undefined);
  const lang = match && sameLanguage(match.requested, locale) ? match.requested : locale;
  return { locale, file: sameLanguage(locale, 'en') ? undefined : file, lang };
}

/**
 * The locale for a plan once its file is in (`table`; null when it failed, which means
 * English, with the owner's English overrides).
 */
export function localeFrom(plan: LocalePlan, table: Strings | null, overrides: LocaleOverrides = {}): LocaleInfo {
  if (plan.file && !table) return localeFrom(planLocale(['en'], overrides), en, overrides);
  const own = overrides[plan.locale];
  const strings = own ? overlay(table ?? en, own, `strings['${plan.locale}']`) : (table ?? en);
  return { strings, lang: plan.lang, dir: directionOf(plan.lang) };
}

/** The locale for the visitor's tags, loading its file if need be. */
export async function resolveLocale(requested: readonly string[], overrides: LocaleOverrides = {}): Promise<LocaleInfo> {
  const plan = planLocale(requested, overrides);
  return localeFrom(plan, plan.file ? await loadStrings(plan.file) : en, overrides);
}
