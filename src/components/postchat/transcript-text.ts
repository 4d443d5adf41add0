/**
 * The plain-text transcript the visitor downloads after a chat: one line per entry,
 * `[time] name: text` (system entries: `[time] text`, in the visitor's language through
 * `textOf`), continuation lines indented.
 * Pure; owns nothing else. The file itself is made by <live-chat-postchat>.
 */
import type { TranscriptEntry } from '../../protocol/snapshot.js';

export function transcriptToText(
  entries: readonly TranscriptEntry[],
  locale?: string,
  timeZone?: string,
  textOf: (e: TranscriptEntry) => string = (e) => e.text,
): string {
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  return entries
    .map((e) => {
      const text = textOf(e).replace(/\r\n?/g, '\n').replace(/\n/g, '\n    ');
      return `[${time.format(e.time)}] ${e.name ? `${e.name}: ` : ''}${text}`;
    })
    .join('\n')
    .concat(entries.length ? '\n' : '');
}
