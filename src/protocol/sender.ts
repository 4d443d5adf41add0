/**
 * The effect side of the outbox: sends Chasitor POSTs strictly one request at a time, under the
 * delivery contract of outbox.ts. A transient failure (no answer, no answer in time, 500, an
 * unreadable answer) retries the *same* request — same number, same body — with backoff for as
 * long as the stage lives; a 503 hands over; a 403 ends the chat; an out-of-sync 409 and a
 * definitive refusal settle the request as outbox.ts says.
 *
 * Owns: the one send loop and its backoff. Leaves to others: what may be sent when (the
 * session's `sendable`), what a stage change aborts (the signal it is given).
 */
import type { Credentials, RestClient } from './client.js';
import { sleep, type Clock } from './clock.js';
import { ConflictError, HandoverError, asProtocolError, isAbort, isTransient, type ProtocolError } from './errors.js';
import { nextRequest, noteUnanswered, settleApplied, settleOutOfSync, settleRefused } from './outbox.js';
import type { OutboxItem, SessionState } from './session-types.js';

export interface SenderHost {
  readonly client: RestClient;
  readonly clock: Clock;
  state(): SessionState | null;
  credentials(): Credentials;
  /** The current stage's signal: aborted when the stage that may send is left. */
  signal(): AbortSignal;
  sendable(item: OutboxItem): boolean;
  /** The state changed; `urgent` when a number was just spent (make it durable before it leaves). */
  changed(urgent: boolean): void;
  /** Items the server applied (or that failed for good). */
  settled(items: readonly OutboxItem[], outcome: 'sent' | 'failed', error?: ProtocolError): void;
  /** A transient failure is being retried (shown), or sending works again. */
  trouble(error: ProtocolError | null): void;
  handover(): void;
  /** 403: the session is gone (the poll may still say why). */
  invalid(error: ProtocolError): void;
  backoffMs(attempt: number): number;
}

/** A POST with no answer after this long is retried (same number, same body). */
export const POST_TIMEOUT_MS = 20_000;

export class Sender {
  private running = false;
  private again = false;

  constructor(private readonly host: SenderHost) {}

  /** Sends whatever may go now; returns at once (a loop already running picks it up). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    void this.loop();
  }

  private async loop(): Promise<void> {
    this.running = true;
    const h = this.host;
    const signal = h.signal();
    let failures = 0;
    let conflicts = 0;
    try {
      for (;;) {
        this.again = false;
        const st = h.state();
        if (!st || signal.aborted) return;
        const next = nextRequest(st, (i) => h.sendable(i));
        if (!next) return;
        if (next.bound) h.changed(true);
        const { request } = next;
        try {
          await h.client.send(h.credentials(), request.seq, request.items, signal, POST_TIMEOUT_MS);
        } catch (e) {
          if (isAbort(e) || signal.aborted) return;
          const err = asProtocolError(e);
          if (err instanceof HandoverError) return h.handover();
          if (err.code === 'session-invalid') return h.invalid(err);
          if (err instanceof ConflictError && err.expected !== null) {
            if (settleOutOfSync(st, err.expected) === 'applied') h.settled(request.items, 'sent');
            h.changed(false);
            // A server that keeps disagreeing is given time, as for any transient failure.
            if (++conflicts > 3) await sleep(h.clock, h.backoffMs(failures++), signal);
            continue;
          }
          if (isTransient(err)) {
            noteUnanswered(st);
            h.trouble(err);
            await sleep(h.clock, h.backoffMs(failures++), signal);
            continue;
          }
          const refused = settleRefused(st);
          if (refused.outcome === 'retry') await sleep(h.clock, h.backoffMs(failures++), signal);
          if (refused.failed.length) h.settled(refused.failed, 'failed', err);
          h.changed(false);
          continue;
        }
        if (failures > 0) h.trouble(null);
        failures = 0;
        conflicts = 0;
        h.settled(settleApplied(st), 'sent');
        h.changed(false);
      }
    } catch (e) {
      if (!isAbort(e)) throw e;
    } finally {
      this.running = false;
      // A kick that came while this loop ran (perhaps for a new stage) starts a fresh loop.
      if (this.again) this.kick();
    }
  }
}
