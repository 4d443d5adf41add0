/**
 * The session's two loops on the wire: the long poll (`System/Messages`, re-polled at once after
 * every answer, retried with backoff through network trouble for up to the session time-out) and
 * ReconnectSession after a 503 (retried the same way). Each loop runs until its stage's signal
 * aborts and reports what it meets to the session.
 *
 * Owns: the loops' retry and recovery timing. Leaves to others: what an answer or a failure
 * means for the chat (session.ts).
 */
import type { Credentials, RestClient } from './client.js';
import { sleep, type Clock } from './clock.js';
import { ConflictError, HandoverError, asProtocolError, isAbort, isTransient, toChatError, type ProtocolError } from './errors.js';
import type { ChatError } from './snapshot.js';
import type { SessionState } from './session-types.js';
import type { MessagesResponse } from './wire.js';

/** A poll held open this long after failures counts as a working connection. */
const RECOVERED_AFTER_MS = 1500;

export interface ConnectionHost {
  readonly client: RestClient;
  readonly clock: Clock;
  readonly sessionTimeoutMs: number;
  state(): SessionState | null;
  credentials(): Credentials;
  backoffMs(attempt: number): number;
  /** A poll answered. */
  handle(res: MessagesResponse): void;
  /** 503: the session moved. */
  handover(): void;
  /** The session is over: gone (403), terminated (duplicate poll) or unreachable for too long. */
  lost(reason: 'session-invalid' | 'duplicate-poll' | 'error', error: ChatError): void;
  /** The network fails (shown), or (null) it works again. */
  trouble(error: ProtocolError | null, first: boolean): void;
}

/** The long poll, until `signal` aborts. */
export async function pollLoop(h: ConnectionHost, signal: AbortSignal): Promise<void> {
  let failingSince: number | null = null;
  let failures = 0;
  for (let st = h.state(); !signal.aborted && st; st = h.state()) {
    // After failures, a poll the server has held open for a moment means we are back
    // (a long poll may not answer for clientPollTimeout seconds).
    const recovered = failingSince === null ? undefined : h.clock.setTimeout(() => h.trouble(null, false), RECOVERED_AFTER_MS);
    try {
      const res = await h.client.messages(h.credentials(), st.ack, signal, st.clientPollTimeout * 1000);
      if (signal.aborted) return;
      failingSince = null;
      failures = 0;
      h.trouble(null, false);
      if (res) h.handle(res);
    } catch (e) {
      if (isAbort(e) || signal.aborted) return;
      const err = asProtocolError(e);
      if (err instanceof HandoverError) return h.handover();
      if (err.code === 'session-invalid') return h.lost('session-invalid', toChatError(err));
      // The server terminated the chat because a second poll ran on this session.
      if (err instanceof ConflictError && err.expected === null) return h.lost('duplicate-poll', toChatError(err));
      if (err.timeout) continue; // a long poll with no answer in time: poll again at once
      failingSince ??= h.clock.now();
      h.trouble(err, failures === 0);
      if (h.clock.now() - failingSince > h.sessionTimeoutMs) return h.lost('error', toChatError(err));
      try {
        await sleep(h.clock, h.backoffMs(failures++), signal);
      } catch {
        return;
      }
    } finally {
      if (recovered !== undefined) h.clock.clearTimeout(recovered);
    }
  }
}

/**
 * ReconnectSession with backoff until it answers; null when `signal` aborted. Throws the last
 * error when the session is gone, the failure is not transient, or the time-out ran out.
 */
export async function reconnect(h: ConnectionHost, signal: AbortSignal): Promise<{ affinityToken: string; resetSequence: boolean } | null> {
  const since = h.clock.now();
  for (let failures = 0; !signal.aborted; failures++) {
    const st = h.state();
    if (!st) return null;
    try {
      return await h.client.reconnectSession(h.credentials(), st.offset ?? 0, signal);
    } catch (e) {
      if (isAbort(e) || signal.aborted) return null;
      const err = asProtocolError(e);
      if (err.code === 'session-invalid' || !isTransient(err) || h.clock.now() - since > h.sessionTimeoutMs) throw err;
      try {
        await sleep(h.clock, h.backoffMs(failures), signal);
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Retries transient failures a few times (SessionId, ChasitorInit: both safe to repeat). */
export async function retrying<T>(h: Pick<ConnectionHost, 'clock' | 'backoffMs'>, fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (isAbort(e) || !isTransient(asProtocolError(e)) || attempt >= 3) throw e;
      await sleep(h.clock, h.backoffMs(attempt), signal);
    }
  }
}
