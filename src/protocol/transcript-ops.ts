/**
 * The reducer's building blocks for changing a snapshot's transcript: a new frozen snapshot,
 * appending an entry, replacing one, and system entries — with the batch rule below.
 *
 * Owns: the batch's private transcript array. Used by reducer.ts and reducer-rich.ts only.
 */
import type { ChatSnapshot, SystemEvent, TranscriptEntry } from './snapshot.js';

const { freeze } = Object;

export function patch(s: ChatSnapshot, changes: Partial<ChatSnapshot>): ChatSnapshot {
  return freeze({ ...s, ...changes });
}

/**
 * Inside `reduceAll` the transcript array made by the first append is private to the
 * batch (the intermediate snapshots are never seen), so later appends push onto it:
 * a poll answer carrying many messages costs one array copy, not one per message.
 */
let batching = false;
let owned: TranscriptEntry[] | null = null;

/** Runs `fn` as one batch (nested calls join the outer batch). */
export function inBatch<T>(fn: () => T): T {
  if (batching) return fn();
  batching = true;
  try {
    return fn();
  } finally {
    batching = false;
    owned = null;
  }
}

export function append(s: ChatSnapshot, entry: TranscriptEntry): readonly TranscriptEntry[] {
  const frozen = freeze(entry);
  if (batching && owned !== null && s.transcript === owned) {
    owned.push(frozen);
    return owned;
  }
  const next = s.transcript.slice();
  next.push(frozen);
  if (batching) owned = next;
  return next;
}

/** `t` with entry `i` replaced (in place when the array is the batch's own). */
export function replaceAt(t: readonly TranscriptEntry[], i: number, entry: TranscriptEntry): readonly TranscriptEntry[] {
  const list = batching && owned === t ? owned : t.slice();
  list[i] = entry;
  if (batching) owned = list;
  return list;
}

export function system(s: ChatSnapshot, event: SystemEvent, time: number, params: Record<string, string | number> = {}): TranscriptEntry {
  const n = s.transcript.length;
  const entry: TranscriptEntry = {
    id: `s${n}`,
    kind: 'system',
    // The words come from the strings table where it is shown (one source of system text).
    text: '',
    name: '',
    time,
    sequence: n,
    event,
  };
  return Object.keys(params).length ? { ...entry, params: freeze({ ...params }) } : entry;
}

/** Appends a system entry. */
export function appendSystem(s: ChatSnapshot, event: SystemEvent, time: number, params?: Record<string, string | number>): readonly TranscriptEntry[] {
  return append(s, system(s, event, time, params));
}
