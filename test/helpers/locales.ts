/**
 * Locales for component tests that set `.locale` directly (no <live-chat> to load one):
 * the shipped tables imported statically, so a part test needs no network.
 */
import { en, localeFor, type LocaleInfo, type Strings } from '../../src/i18n/strings.js';
import ar from '../../src/i18n/locales/ar.js';
import de from '../../src/i18n/locales/de.js';
import he from '../../src/i18n/locales/he.js';

const tables: Readonly<Record<string, Strings>> = { en, ar, de, he };

/** The LocaleInfo <live-chat> would provide for `lang` (its language's table, else English). */
export function localeOf(lang: string): LocaleInfo {
  return localeFor(lang, tables[lang.split('-')[0]!] ?? en);
}

export { ar, de, en, he };
