/**
 * Every visible string of the widget, one table per locale. Components read
 * strings through `stringsContext`; nothing visible is hard-coded in templates.
 * Key namespaces: launcher.*, panel.*, composer.*, transcript.*, system.*, status.*,
 * end.*, error.* (conversation and shell); prechat.*, queue.*, postchat.*, invite.*,
 * unavailable.* (forms and flows). Add a key to `en` first; the other tables must
 * carry every key (the type checker enforces it).
 *
 * Placeholders: `{name}` style, filled by `format()`.
 */
import { createContext } from '@lit/context';

export const en = {
  'launcher.open': 'Chat with us',
  'launcher.offline': 'Leave us a message',
  'panel.title': 'Chat',
  'panel.minimize': 'Minimize chat',
};

export type StringKey = keyof typeof en;
export type Strings = Readonly<Record<StringKey, string>>;

export const ar: Strings = {
  'launcher.open': 'تحدث معنا',
  'launcher.offline': 'اترك لنا رسالة',
  'panel.title': 'الدردشة',
  'panel.minimize': 'تصغير الدردشة',
};

export const de: Strings = {
  'launcher.open': 'Chatten Sie mit uns',
  'launcher.offline': 'Hinterlassen Sie uns eine Nachricht',
  'panel.title': 'Chat',
  'panel.minimize': 'Chat minimieren',
};

const tables: Readonly<Record<string, Strings>> = { en, ar, de };
const rtl = new Set(['ar', 'he', 'fa', 'ur']);

/** The table for a BCP 47 tag: exact language subtag, else English. */
export function stringsFor(language: string): Strings {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return tables[primary] ?? en;
}

/** Writing direction for a BCP 47 tag. */
export function dirFor(language: string): 'ltr' | 'rtl' {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return rtl.has(primary) ? 'rtl' : 'ltr';
}

/** Fills `{name}` placeholders; unknown placeholders are left as they are. */
export function format(template: string, params: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export interface LocaleInfo {
  readonly strings: Strings;
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
}

/** Provided by <live-chat> to its subcomponents. */
export const localeContext = createContext<LocaleInfo>(Symbol('live-chat-locale'));
