/**
 * The delivery contract, as data (no I/O, no timers): which Chasitor POST goes next, under which
 * sequence number, and what an answer means for it.
 *
 * 1. A sequence number, once spent, is bound to one request: the items of `inflight`. Retrying
 *    that number sends exactly those items again (the same body). New items only ever go in a new
 *    request with a new number.
 * 2. A number is settled by an answer: 2xx (or the server's "already have it") → applied;
 *    out-of-sync 409 → applied when the server expects a later number, else sent again under the
 *    number it expects; a refusal (another 4xx) of a request never sent before → not applied:
 *    the items are split and sent alone, and an item refused alone fails. A refusal of a request
 *    an earlier try of which went unanswered is tried again (it may be applied already).
 * 3. A ReconnectSession restarts the numbering. An in-flight request whose answer never came is
 *    then *uncertain*; ChasitorSessionData's transcript (the visitor messages the server holds)
 *    settles it: applied → confirmed, not applied → queued again in front. Nothing applied is sent
 *    twice and nothing unapplied is dropped.
 *
 * Owns: the outbox, in-flight request, sequence counter and delivered count of a SessionState.
 */
import type { InFlight, OutboxItem, SessionState } from './session-types.js';

export type SendState = Pick<SessionState, 'outbox' | 'inflight' | 'sequence' | 'delivered'>;

/** ResyncState goes alone; ChatEnd goes last; an item refused in a batch goes alone. */
function closesBatch(item: OutboxItem): boolean {
  return item.noun === 'ChasitorResyncState' || item.noun === 'ChatEnd' || item.alone === true;
}

/**
 * The request to send now: the in-flight one again if its number is spent, else the sendable
 * prefix of the outbox bound to the next number. null when nothing may go.
 * `bound` is true when this call spent a new number (the caller makes that durable first).
 */
export function nextRequest(st: SendState, sendable: (item: OutboxItem) => boolean): { request: InFlight; bound: boolean } | null {
  if (st.inflight) return st.inflight.uncertain ? null : { request: st.inflight, bound: false };
  const items: OutboxItem[] = [];
  for (const item of st.outbox) {
    if (!sendable(item)) break;
    if (item.alone && items.length) break;
    items.push(item);
    if (closesBatch(item)) break;
  }
  if (!items.length) return null;
  st.outbox = st.outbox.slice(items.length);
  st.inflight = { seq: st.sequence, items };
  st.sequence += 1;
  return { request: st.inflight, bound: true };
}

function countMessages(items: readonly OutboxItem[]): number {
  return items.reduce((n, i) => n + (i.noun === 'ChatMessage' ? 1 : 0), 0);
}

/** The in-flight request was applied (2xx, or the server says it already has that number). */
export function settleApplied(st: SendState): OutboxItem[] {
  const items = st.inflight?.items ?? [];
  st.inflight = null;
  if (st.delivered >= 0) st.delivered += countMessages(items);
  return items;
}

/**
 * Out-of-sync 409 for the in-flight request: the server expects `expected` next.
 * Later than ours → ours was applied ('applied'); otherwise → the same items again under
 * `expected` ('resend'). The counter follows the server either way.
 */
export function settleOutOfSync(st: SendState, expected: number): 'applied' | 'resend' {
  const f = st.inflight;
  if (!f) {
    st.sequence = expected;
    return 'resend';
  }
  if (expected > f.seq) {
    settleApplied(st);
    st.sequence = expected;
    return 'applied';
  }
  // The server lost count (a reset we were not told of): a new numbering starts at `expected`.
  st.inflight = { seq: expected, items: f.items };
  st.sequence = expected + 1;
  return 'resend';
}

/** A try of the in-flight request got no usable answer: the server may have applied it. */
export function noteUnanswered(st: SendState): void {
  if (st.inflight && !st.inflight.unsure) st.inflight = { ...st.inflight, unsure: true };
}

/** How often a refusal of a request that may already be applied is taken for a passing fault. */
const UNSURE_REFUSALS = 3;

/**
 * A refusal (4xx other than 403/409). For a request whose earlier try went unanswered the server
 * may already hold it, so the refusal says nothing for sure: the same request is tried again
 * ('retry'), a few times. Otherwise the server did not apply it and its number is free again: a
 * batch is split (each item goes alone, 'split'), a single item fails ('failed').
 */
export function settleRefused(st: SendState): { outcome: 'retry' | 'split' | 'failed'; failed: OutboxItem[] } {
  const f = st.inflight;
  if (!f) return { outcome: 'split', failed: [] };
  if (f.unsure && (f.refusals ?? 0) < UNSURE_REFUSALS) {
    st.inflight = { ...f, refusals: (f.refusals ?? 0) + 1 };
    return { outcome: 'retry', failed: [] };
  }
  st.inflight = null;
  st.sequence = f.seq;
  if (f.items.length > 1) {
    st.outbox = [...f.items.map((i) => ({ ...i, alone: true })), ...st.outbox];
    return { outcome: 'split', failed: [] };
  }
  return { outcome: 'failed', failed: f.items };
}

/** ReconnectSession answered: numbering restarts at 1 (when the server says so); an unanswered request becomes uncertain. */
export function restartNumbering(st: SendState, resetSequence: boolean): void {
  if (!resetSequence) return;
  st.sequence = 1;
  if (st.inflight) st.inflight = { ...st.inflight, seq: 0, uncertain: true };
}

/**
 * ChasitorSessionData arrived holding `serverCount` visitor messages: settles an uncertain
 * request. The server applied the part of it that carries the messages it holds beyond those we
 * knew of (all of it when it holds them all); those items are returned as applied, the rest go
 * back to the front of the outbox. When nothing tells (no visitor message in the request, or
 * an older stored state that did not count) the request is sent again — at least once, never
 * lost — except typing and sneak peeks, which are stale by now.
 */
export function reconcile(st: SendState, serverCount: number): OutboxItem[] {
  const f = st.inflight;
  const known = st.delivered;
  st.delivered = serverCount;
  if (!f?.uncertain) return [];
  st.inflight = null;
  let applied = known >= 0 ? Math.max(0, serverCount - known) : 0;
  let cut = 0;
  if (applied >= countMessages(f.items) && applied > 0) cut = f.items.length;
  else {
    for (let i = 0; i < f.items.length && applied > 0; i++) {
      if (f.items[i].noun === 'ChatMessage' && --applied === 0) cut = i + 1;
    }
  }
  const again = f.items.slice(cut).filter((i) => i.noun !== 'ChasitorTyping' && i.noun !== 'ChasitorNotTyping' && i.noun !== 'ChasitorSneakPeek');
  st.outbox = [...again, ...st.outbox];
  return f.items.slice(0, cut);
}

/** Every item still waiting (in flight first), removed: the chat ended before they could go. */
export function drain(st: SendState): OutboxItem[] {
  const all = [...(st.inflight?.items ?? []), ...st.outbox];
  st.inflight = null;
  st.outbox = [];
  return all;
}
