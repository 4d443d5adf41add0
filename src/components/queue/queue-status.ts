/**
 * Queue wording, pure: position and estimated wait from the snapshot, Intl-formatted.
 * Owns: `queueLines` (what <live-chat-queue> shows) and `queueStatusText` (what <live-chat>
 * puts in its one role="status" region). Leaves the announcing to <live-chat>.
 */
import { format, type Strings } from '../../i18n/strings.js';
import type { ChatSnapshot } from '../../protocol/snapshot.js';

/** "about 3 minutes" style duration for a wait in seconds (rounded up to minutes, then hours). */
export function formatWait(seconds: number, strings: Strings, lang?: string): string {
  if (seconds < 60) return strings['queue.waitShort'];
  const minutes = Math.ceil(seconds / 60);
  const [n, unit] = minutes < 90 ? [minutes, 'minute'] : [Math.round(minutes / 60), 'hour'];
  const wait = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(n);
  return format(strings['queue.wait'], { wait });
}

/**
 * The position line and the wait line ('' when the wait is unknown). A position below 1
 * or null reads as "waiting"; 1 reads as "next".
 */
export function queueLines(snapshot: ChatSnapshot, strings: Strings, lang?: string): [string, string] {
  const { position, estimatedWaitTime: wait } = snapshot.queue;
  // Not in the queue yet: the same words the status region says.
  if (snapshot.phase === 'connecting') return [strings['panel.connecting'], ''];
  const pos =
    position == null || !(position >= 1)
      ? strings['queue.waiting']
      : position === 1
        ? strings['queue.next']
        : format(strings['queue.position'], { position }, lang);
  return [pos, wait == null || !(wait >= 0) ? '' : formatWait(wait, strings, lang)];
}

/** The status-region text for the queue: '' unless the visitor is queued. */
export function queueStatusText(snapshot: ChatSnapshot, strings: Strings, lang?: string): string {
  return snapshot.phase === 'queued' ? queueLines(snapshot, strings, lang).filter(Boolean).join(' ') : '';
}
