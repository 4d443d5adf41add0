/**
 * The text of a transcript entry in the visitor's language: a system entry (which the reducer
 * keeps as an event with parameters) through the strings table; anything else as written.
 * The one source of system text for the transcript, the download and the public events.
 */
import { format, type LocaleInfo, type StringKey } from '../../i18n/strings.js';
import type { TranscriptEntry } from '../../protocol/snapshot.js';

export function entryText(e: TranscriptEntry, locale: LocaleInfo): string {
  if (e.kind !== 'system' || !e.event) return e.text;
  const key = `system.${e.event}` as StringKey;
  const template = locale.strings[key];
  if (template === undefined) return e.text;
  // Numbers in params are written the locale's way and pick the plural form.
  return format(template, e.params, locale.lang);
}

const localized = new WeakMap<readonly TranscriptEntry[], { locale: LocaleInfo; list: readonly TranscriptEntry[] }>();

/** The transcript with system entries' `text` in the visitor's language (cached per transcript and locale). */
export function localizedTranscript(list: readonly TranscriptEntry[], locale: LocaleInfo): readonly TranscriptEntry[] {
  const hit = localized.get(list);
  if (hit && hit.locale === locale) return hit.list;
  const out = Object.freeze(list.map((e) => (e.kind === 'system' ? Object.freeze({ ...e, text: entryText(e, locale) }) : e)));
  localized.set(list, { locale, list: out });
  return out;
}
