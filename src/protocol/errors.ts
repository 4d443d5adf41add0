/**
 * Every error the protocol layer raises, in one place: `ProtocolError` (a `code` the snapshot
 * reports), the two kinds of 409 (`ConflictError`), the 503 handover (`HandoverError`), and how
 * an HTTP status becomes one of them.
 *
 * Owns: error types and their classification (transient or not). Leaves to others: what to do
 * about an error (session.ts, sender.ts).
 */
import { MAX_MESSAGE_LENGTH, type ChatError, type ChatErrorCode } from './snapshot.js';

/** A typed failure of the protocol layer; `code` is what the snapshot reports. */
export class ProtocolError extends Error {
  readonly code: ChatErrorCode;
  readonly status?: number;
  readonly body?: string;
  /** The request got no answer within its time limit (the connection may still be fine). */
  readonly timeout: boolean;
  constructor(code: ChatErrorCode, message: string, status?: number, body?: string, timeout = false) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
    this.timeout = timeout;
    if (status !== undefined) this.status = status;
    if (body !== undefined) this.body = body;
  }
}

/** A 409: `expected` is set for the out-of-sync POST case, null for a duplicate long poll. */
export class ConflictError extends ProtocolError {
  readonly expected: number | null;
  constructor(body: string, expected: number | null) {
    super(expected === null ? 'duplicate-poll' : 'http', expected === null ? 'Duplicate long poll (409)' : body, 409, body);
    this.expected = expected;
  }
}

/** A 503: the session moved to another server; ReconnectSession gives the new affinity. */
export class HandoverError extends ProtocolError {
  constructor(resource: string, body: string) {
    super('http', `${resource}: the session moved (503)`, 503, body);
  }
}

/** `Out of sync Ack. Expected N. Actual M` → {expected, actual}; null when the body is something else. */
export function parseOutOfSync(body: string): { expected: number; actual: number | null } | null {
  const m = /expected\D{0,5}?(-?\d+)/i.exec(body);
  if (!m) return null;
  const a = /actual\D{0,5}?(-?\d+)/i.exec(body);
  return { expected: Number(m[1]), actual: a ? Number(a[1]) : null };
}

export function errorForStatus(status: number, body: string, resource: string): ProtocolError {
  switch (status) {
    case 403:
      return new ProtocolError('session-invalid', `${resource}: the session is no longer valid (403)`, 403, body);
    case 409: {
      const sync = parseOutOfSync(body);
      return new ConflictError(body, sync ? sync.expected : null);
    }
    case 500:
      return new ProtocolError('server-error', `${resource}: server error (500)`, 500, body);
    case 503:
      return new HandoverError(resource, body);
    default:
      return new ProtocolError('http', `${resource}: unexpected status ${status}`, status, body);
  }
}

/**
 * Worth trying again with the very same request: no answer, no answer in time, a 500, an
 * answer that could not be read, a 502/504 from a proxy, 429. Everything else is an answer.
 */
export function isTransient(e: ProtocolError): boolean {
  if (e.code === 'network' || e.code === 'server-error' || e.code === 'malformed-response') return true;
  return e.status === 429 || e.status === 502 || e.status === 504 || e.status === 408;
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

export function abortError(): DOMException {
  return new DOMException('Aborted', 'AbortError');
}

/** Anything thrown by a request as a ProtocolError (what is not one already is a network failure). */
export function asProtocolError(e: unknown): ProtocolError {
  return e instanceof ProtocolError ? e : new ProtocolError('network', e instanceof Error ? e.message : String(e));
}

/** A thrown error as the snapshot reports it. */
export function toChatError(e: unknown): ChatError {
  const p = asProtocolError(e);
  return { code: p.code, message: p.message, ...(p.status !== undefined ? { status: p.status } : {}) };
}

/** The `too-long` error for a message over MAX_MESSAGE_LENGTH; null when the text fits. Checked once, at the public door. */
export function tooLong(text: string): ProtocolError | null {
  return text.length > MAX_MESSAGE_LENGTH
    ? new ProtocolError('too-long', `Messages can be at most ${MAX_MESSAGE_LENGTH} characters (this one has ${text.length})`)
    : null;
}
