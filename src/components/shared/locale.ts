/**
 * Locale helpers shared by the widget's elements: the fallback locale an element uses
 * before (or without) a `<live-chat>` providing one, and the LocaleInfo builder.
 * Owns nothing visible; both live with the strings in src/i18n/strings.ts.
 */
export { defaultLocale, localeFor } from '../../i18n/strings.js';
