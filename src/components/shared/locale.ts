/**
 * Locale helpers shared by the widget's elements: the fallback locale an element uses
 * before (or without) a `<live-chat>` providing one, and the LocaleInfo builder.
 * Owns nothing visible; strings live in src/i18n/strings.ts.
 */
import { dirFor, en, stringsFor, type LocaleInfo } from '../../i18n/strings.js';

export function localeFor(language: string): LocaleInfo {
  return { strings: stringsFor(language), lang: language, dir: dirFor(language) };
}

export const defaultLocale: LocaleInfo = { strings: en, lang: 'en', dir: 'ltr' };
