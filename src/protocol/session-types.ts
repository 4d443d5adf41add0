/**
 * The session's own facts, as plain JSON-safe data: what a reload or another tab needs to carry
 * the chat on (persistence.ts and tabs.ts import this module, not the effect side).
 *
 * Owns: SessionState, OutboxItem, InFlight, the SessionHost contract, and reading a stored or
 * shared state written by an older version.
 */
import type { ChatInput } from './reducer.js';
import type { ChasitorNoun, IdleTimeoutSettings, SensitiveDataRule, SessionIdResponse } from './wire.js';

export interface OutboxItem {
  noun: ChasitorNoun;
  body: Record<string, unknown>;
  /** The transcript entry this delivers (ChatMessage). */
  entryId?: string;
  /** May go out before ChatEstablished (ChasitorResyncState, ChatEnd). */
  force?: boolean;
  /** Goes in a request of its own (after a batch containing it was refused). */
  alone?: boolean;
}

/**
 * A request whose sequence number is spent: the number is bound to exactly these items (and so
 * to one body) until the server's answer settles it. A retry sends the same items again.
 */
export interface InFlight {
  seq: number;
  items: OutboxItem[];
  /**
   * A ReconnectSession restarted the numbering while this request's fate was unknown: it is
   * held until ChasitorSessionData says whether the server applied it.
   */
  uncertain?: boolean;
  /** A try went unanswered (lost, timed out, 500): the server may hold it already. */
  unsure?: boolean;
  /** Refusals seen while unsure. */
  refusals?: number;
}

/** Where a resumable session stands (what a reload must pick up). */
export type ResumeStage = 'live' | 'handover' | 'resync';

/** Everything needed to resume the session elsewhere (reload, another tab). JSON-safe. */
export interface SessionState {
  endpoint: string;
  key: string;
  id: string;
  affinity: string;
  /** The next unspent X-LIVEAGENT-SEQUENCE. */
  sequence: number;
  /** Last `sequence` received on Messages (-1 before any). */
  ack: number;
  /** `offset` of the last poll that carried messages (for ReconnectSession). */
  offset: number | null;
  /** Seconds. */
  clientPollTimeout: number;
  requestSucceeded: boolean;
  established: boolean;
  sneakPeekEnabled: boolean;
  idleTimeout: IdleTimeoutSettings | null;
  lastAgentMessageAt: number | null;
  postChatUrl: string | null;
  rules: SensitiveDataRule[];
  /** Chasitor POSTs not yet bound to a number, in order. */
  outbox: OutboxItem[];
  /** The request whose number is spent and whose answer is not settled. */
  inflight: InFlight | null;
  /** Visitor ChatMessages the server is known to have applied (reconciles after a handover); -1 unknown. */
  delivered: number;
  visitorName: string;
  stage: ResumeStage;
}

export interface SessionHost {
  /** A visible change: the reducer decides what it means for the snapshot. */
  dispatch(input: ChatInput): void;
  /**
   * The resumable state changed (persist / share it). `urgent` when a sequence number was just
   * spent: the host must make it durable before the request leaves (no number is spent twice).
   */
  changed(state: SessionState, urgent?: boolean): void;
  customEvent(type: string, data: string): void;
  /** The session is over for good (forget the stored state). */
  finished(): void;
  /** Optional: run `fn`, applying every dispatch it makes as one change (one snapshot). */
  batch?(fn: () => void): void;
  /** Optional: something worth telling the page once (a refused sensitive-data rule). */
  warn?(code: 'rule-refused', message: string): void;
}

/** A stored or shared state from this or an older version (which had `handover` and no in-flight request). */
export function normalizeSession(raw: SessionState & { handover?: boolean }): SessionState {
  const { handover, ...rest } = raw;
  return {
    ...rest,
    outbox: (raw.outbox ?? []).slice(),
    inflight: raw.inflight ? { ...raw.inflight, items: raw.inflight.items.slice() } : null,
    // Unknown for an older state: a handover then resends what was in flight (at least once, never lost).
    delivered: typeof raw.delivered === 'number' ? raw.delivered : -1,
    stage: raw.stage ?? (handover ? 'handover' : 'live'),
  };
}

/** A session just created: ChasitorInit went through under sequence 1. */
export function newSessionState(endpoint: string, s: SessionIdResponse, visitorName: string, outbox: OutboxItem[]): SessionState {
  return {
    endpoint,
    key: s.key,
    id: s.id,
    affinity: s.affinityToken,
    sequence: 2,
    ack: -1,
    offset: null,
    clientPollTimeout: s.clientPollTimeout,
    requestSucceeded: false,
    established: false,
    sneakPeekEnabled: false,
    idleTimeout: null,
    lastAgentMessageAt: null,
    postChatUrl: null,
    rules: [],
    outbox,
    inflight: null,
    delivered: 0,
    visitorName,
    stage: 'live',
  };
}
