/**
 * How one transcript differs from an earlier one — the one diff used by the public events,
 * the transcript element, tab deltas and storage. Entries are immutable, so identity tells
 * whether one changed; a transcript that shrank or starts with another entry is a new chat.
 *
 * Owns: that comparison. Pure.
 */
import type { TranscriptEntry } from './snapshot.js';

export interface TranscriptDiff {
  /** `after` does not continue `before` (another chat, or nothing before): start over. */
  readonly reset: boolean;
  /** Index of the first appended entry (`before.length`; 0 on reset). */
  readonly from: number;
  /** Indexes below `from` whose entry was replaced (a delivery status changed), ascending. */
  readonly changed: readonly number[];
}

export function diffTranscript(before: readonly TranscriptEntry[] | null | undefined, after: readonly TranscriptEntry[]): TranscriptDiff {
  if (!before || after.length < before.length || (before.length > 0 && after[0]?.id !== before[0]?.id)) {
    return { reset: true, from: 0, changed: [] };
  }
  const changed: number[] = [];
  if (after !== before) for (let i = 0; i < before.length; i++) if (after[i] !== before[i]) changed.push(i);
  return { reset: false, from: before.length, changed };
}
