/**
 * One chat session on the wire: SessionId + ChasitorInit, the long-poll loop, the
 * serial outbox (MultiNoun batching), 409/503 recovery, typing, sneak peek, the
 * client-side idle time-out and the end of the chat.
 *
 * Owns: effects and their order. Every visible change goes out as a `ChatInput` to the
 * host's `dispatch` (the reducer decides what it means for the snapshot); every change
 * of the resumable state goes to `host.changed` (the host persists and shares it).
 * Leaves to others: availability checks, breadcrumbs, storage and tabs (controller).
 */
import { ConflictError, isAbort, type RestClient } from './client.js';
import type { ChatInput } from './reducer.js';
import { applySensitiveDataRules } from './sensitive.js';
import { MAX_MESSAGE_LENGTH, type ChatError, type ChatSnapshot } from './snapshot.js';
import { TrailingThrottle, TypingTracker } from './throttle.js';
import {
  ProtocolError,
  asProtocolError,
  toChatError,
  type ChasitorInit,
  type ChasitorNoun,
  type IdleTimeoutSettings,
  type MessagesResponse,
  type NounWrapper,
  type SensitiveDataRule,
} from './wire.js';

/** A poll held open this long after failures counts as a working connection. */
const RECOVERED_AFTER_MS = 1500;
/** How long a POST's 403 waits for the poll to say why the chat ended (ChatEnded: the agent ended it). */
const ENDED_GRACE_MS = 2500;

/** The visitor's longest message (the reference server's limit, and Salesforce's). */
export { MAX_MESSAGE_LENGTH };

/** The `too-long` error for a message over MAX_MESSAGE_LENGTH; null when the text fits. */
export function tooLong(text: string): ProtocolError | null {
  return text.length > MAX_MESSAGE_LENGTH
    ? new ProtocolError('too-long', `Messages can be at most ${MAX_MESSAGE_LENGTH} characters (this one has ${text.length})`)
    : null;
}

export interface OutboxItem {
  noun: ChasitorNoun;
  body: Record<string, unknown>;
  /** The transcript entry this delivers (ChatMessage). */
  entryId?: string;
  /** May go out before ChatEstablished (ChasitorResyncState, ChatEnd). */
  force?: boolean;
}

/** Everything needed to resume the session elsewhere (reload, another tab). JSON-safe. */
export interface SessionState {
  endpoint: string;
  key: string;
  id: string;
  affinity: string;
  /** Next X-LIVEAGENT-SEQUENCE. */
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
  /** Unsent Chasitor POSTs, in order (kept across 503, reloads and tab hand-over). */
  outbox: OutboxItem[];
  visitorName: string;
  /** A 503 handover is under way (resume it after a reload). */
  handover: boolean;
}

export interface SessionHost {
  dispatch(input: ChatInput): void;
  snapshot(): ChatSnapshot;
  /** The resumable state changed (persist / broadcast it). */
  changed(state: SessionState): void;
  customEvent(type: string, data: string): void;
  /** The session is over for good (forget the stored state). */
  finished(): void;
  /** Optional: run `fn`, applying every dispatch it makes as one change (one snapshot). */
  batch?(fn: () => void): void;
}

export interface SessionOptions {
  orgId: string;
  sneakPeekIntervalMs?: number;
  /** Pause after which the visitor counts as not typing. */
  typingPauseMs?: number;
  /** Give up on a network that does not come back after this long. */
  sessionTimeoutMs?: number;
  /** First retry delay; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long to wait for attachedRecords after ChatEnd. */
  finalPollMs?: number;
  now?: () => number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new DOMException('Aborted', 'AbortError'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Post-chat URL with the chat key and attached records as query parameters. */
export function postChatUrlFor(base: string | null, key: string, attachedRecords: string | null): string | null {
  if (!base) return null;
  try {
    const u = new URL(base, typeof location !== 'undefined' ? location.href : 'http://localhost/');
    u.searchParams.set('chatKey', key);
    if (attachedRecords) u.searchParams.set('attachedRecords', attachedRecords);
    return u.href;
  } catch {
    return null;
  }
}

export class ChatSession {
  state: SessionState | null = null;
  private running = false;
  /** Bumped to retire a poll loop (handover, end, stop). */
  private generation = 0;
  private life = new AbortController();
  private pollAbort: AbortController | null = null;
  private postAbort: AbortController | null = null;
  private flushing = false;
  private flushAgain = false;
  private handingOver = false;
  private awaitingSessionData = false;
  private ending = false;
  /** Why the visitor's side ended it (while `ending`). */
  private endReason: 'visitor' | 'idle' = 'visitor';
  /** finish() ran: the session is over. */
  private done = false;
  private idleWarned = false;
  private idleTimers: ReturnType<typeof setTimeout>[] = [];
  private lastPeek = '';
  private readonly typing: TypingTracker;
  private readonly peek: TrailingThrottle<string>;
  private readonly now: () => number;
  private readonly opts: Required<Omit<SessionOptions, 'now'>>;
  private flushWaiters: (() => void)[] = [];

  constructor(
    private readonly client: RestClient,
    private readonly host: SessionHost,
    options: SessionOptions,
  ) {
    this.now = options.now ?? (() => Date.now());
    this.opts = {
      orgId: options.orgId,
      sneakPeekIntervalMs: options.sneakPeekIntervalMs ?? 500,
      typingPauseMs: options.typingPauseMs ?? 3000,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 120_000,
      backoffMs: options.backoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 5_000,
      finalPollMs: options.finalPollMs ?? 3000,
    };
    this.typing = new TypingTracker(this.opts.typingPauseMs, (t) => this.enqueue({ noun: t ? 'ChasitorTyping' : 'ChasitorNotTyping', body: {} }));
    this.peek = new TrailingThrottle(this.opts.sneakPeekIntervalMs, (text) => {
      this.lastPeek = text;
      this.dropPeeks();
      this.enqueue({ noun: 'ChasitorSneakPeek', body: { position: 0, text } });
    }, this.now);
  }

  get active(): boolean {
    return this.running;
  }

  // ------------------------------------------------------------ lifecycle

  /** A new chat: SessionId, ChasitorInit, then the loop. Resolves once the loop runs (or the start failed). */
  async start(init: Omit<ChasitorInit, 'sessionId'>): Promise<void> {
    this.running = true;
    const signal = this.life.signal;
    try {
      const s = await this.retrying(() => this.client.sessionId(signal), signal);
      // Not this.state yet: nothing is stored or sent until ChasitorInit went through.
      const st: SessionState = {
        endpoint: this.client.endpoint,
        key: s.key,
        id: s.id,
        affinity: s.affinityToken,
        sequence: this.client.sequence,
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
        outbox: [],
        visitorName: init.visitorName,
        handover: false,
      };
      await this.retrying(() => this.client.chasitorInit({ ...init, sessionId: s.id }, signal), signal);
      st.outbox = this.early.splice(0);
      this.state = st;
      this.sync();
      this.host.changed(st);
      void this.pollLoop(this.generation);
    } catch (e) {
      if (isAbort(e)) return;
      this.running = false;
      this.host.dispatch({ type: 'failed', error: toChatError(e) });
      this.host.finished();
    }
  }

  /**
   * Continue a stored session (reload, tab hand-over): no new ChasitorInit.
   * `settleMs` waits before the first poll so the previous page's poll is gone from the
   * server (a second concurrent poll makes the server end the chat).
   */
  resume(state: SessionState, settleMs = 0): void {
    this.state = { ...state, outbox: state.outbox.slice() };
    this.client.endpoint = state.endpoint;
    this.client.key = state.key;
    this.client.id = state.id;
    this.client.affinity = state.affinity;
    this.client.sequence = state.sequence;
    this.running = true;
    if (!state.handover) this.armIdle();
    const gen = this.generation;
    const go = () => {
      if (!this.running || gen !== this.generation) return;
      if (state.handover) return void this.handover();
      void this.pollLoop(gen);
      void this.flush();
    };
    if (settleMs > 0 || state.handover) sleep(settleMs, this.life.signal).then(go, () => {});
    else go();
  }

  /** Stop every request and timer but keep the state (disconnect, losing leadership). */
  stop(): void {
    this.halt();
    this.quiet();
    this.wake();
  }

  /** Retires the poll loop and aborts every request and wait in progress. */
  private halt(): void {
    this.running = false;
    this.generation++;
    this.life.abort();
    this.life = new AbortController();
  }

  /** No more typing, sneak peeks or idle timers. */
  private quiet(): void {
    this.typing.dispose();
    this.peek.cancel();
    this.clearIdle();
  }

  /** Wakes whoever waits for the outbox to move (flushUntilGone). */
  private wake(): void {
    for (const w of this.flushWaiters.splice(0)) w();
  }

  /** Removes queued sneak peeks (not one already on the wire). */
  private dropPeeks(): void {
    const st = this.state;
    if (st) st.outbox = st.outbox.filter((i) => i.noun !== 'ChasitorSneakPeek' || this.inFlight.has(i));
  }

  // ------------------------------------------------------------ visitor intents

  /** Queue a visitor message (entry `id` is created here). Throws `too-long` over the limit. */
  send(id: string, text: string): void {
    const err = tooLong(text);
    if (err) throw err;
    const st = this.state;
    const { text: masked, triggered } = applySensitiveDataRules(text, st?.rules ?? []);
    this.host.dispatch({ type: 'visitor-message', id, text: masked, name: st?.visitorName ?? '', time: this.now() });
    if (triggered.length) this.reportRules(triggered);
    this.enqueue({ noun: 'ChatMessage', body: { text: masked }, entryId: id });
    this.visitorActed();
    // Nothing of the draft goes out after the message itself.
    this.peek.cancel();
    this.dropPeeks();
    this.lastPeek = '';
    this.typing.stop();
  }

  /** Re-send a failed message by entry id. */
  retry(id: string): void {
    const entry = this.host.snapshot().transcript.find((e) => e.id === id);
    if (!entry || entry.kind !== 'visitor' || entry.status !== 'failed' || !this.running) return;
    this.host.dispatch({ type: 'delivery', ids: [id], status: 'pending' });
    this.enqueue({ noun: 'ChatMessage', body: { text: entry.text }, entryId: id });
  }

  setDraft(text: string): void {
    const st = this.state;
    if (!st || !st.established || this.ending || !this.running) return;
    this.typing.draft(text);
    if (st.sneakPeekEnabled && text !== this.lastPeek) this.peek.push(text);
    else if (text === this.lastPeek) this.peek.cancel();
  }

  sendCustomEvent(type: string, data: string): void {
    this.enqueue({ noun: 'CustomEvent', body: { type, data } });
  }

  /** The visitor ends the chat (or leaves the queue). Resolves when the chat is over. */
  async end(reason: 'visitor' | 'idle' = 'visitor'): Promise<void> {
    const st = this.state;
    if (this.ending || this.done) return;
    this.endReason = reason;
    if (!st) {
      // Still connecting: cancel SessionId/ChasitorInit and drop the session if it exists.
      if (!this.running) return;
      this.ending = true;
      this.life.abort();
      this.life = new AbortController();
      return this.dropSession(reason);
    }
    this.ending = true;
    this.quiet();
    const body: Record<string, unknown> = { reason: 'client' };
    if (reason === 'idle') body.clientIdleTimeout = true;
    if (!this.running) {
      this.finish(reason, null);
      return;
    }
    let ended = false;
    if (st.requestSucceeded) {
      // Messages still waiting for an agent cannot go any more.
      if (!st.established) this.failHeld();
      st.outbox.push({ noun: 'ChatEnd', body, force: true });
      this.host.changed(st);
      ended = await this.flushUntilGone((i) => i.noun === 'ChatEnd');
      // The poll may have brought ChatEnded (with attachedRecords) meanwhile.
      if (this.done) return;
    }
    // Not routed yet, or ChatEnd refused: ending the session ends the chat.
    if (!ended) return this.dropSession(reason);
    // The server answers ChatEnd with ChatEnded (attachedRecords) on the open poll: wait a
    // moment for it. If it does not come, poll once more ourselves (guide: call Messages
    // again after ChatEnd when ChatEnded was not received).
    await this.waitDone(Math.min(1000, this.opts.finalPollMs));
    if (this.done) return;
    this.generation++;
    this.pollAbort?.abort();
    let records: string | null = null;
    if (this.running) {
      try {
        const res = await this.client.messages(st.ack, this.life.signal, Math.min(this.opts.finalPollMs, st.clientPollTimeout * 1000));
        for (const m of res?.messages ?? []) if (m.type === 'ChatEnded') records = m.attachedRecords;
      } catch {
        /* 403 / timeout: no records */
      }
    }
    this.finish(reason, records);
  }

  private doneWaiters: (() => void)[] = [];

  /** Deletes the session (when one was created and still exists), then finishes. */
  private async dropSession(reason: string): Promise<void> {
    try {
      await this.client.deleteSession(this.life.signal);
    } catch {
      /* not created, or already gone */
    }
    this.finish(reason, null);
  }

  /** Resolves when finish() ran or after `ms`. */
  private waitDone(ms: number): Promise<void> {
    if (this.done) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.doneWaiters.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  /** Waits the `n`th retry delay: backoffMs doubling up to maxBackoffMs. */
  private backoff(n: number, signal = this.life.signal): Promise<void> {
    return sleep(Math.min(this.opts.backoffMs * 2 ** n, this.opts.maxBackoffMs), signal);
  }

  /** Retries transient network errors a few times (SessionId, ChasitorInit). */
  private async retrying<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (isAbort(e) || !(e instanceof ProtocolError) || e.code !== 'network' || attempt >= 3) throw e;
        await this.backoff(attempt, signal);
      }
    }
  }

  // ------------------------------------------------------------ the long poll

  private async pollLoop(gen: number): Promise<void> {
    let failingSince: number | null = null;
    let failures = 0;
    while (this.running && gen === this.generation && this.state) {
      const st = this.state;
      const abort = new AbortController();
      this.pollAbort = abort;
      const onLife = () => abort.abort();
      this.life.signal.addEventListener('abort', onLife, { once: true });
      // After failures, a poll the server has held open for a moment means we are back
      // (a long poll may not answer for clientPollTimeout seconds).
      const recovered =
        failingSince === null
          ? undefined
          : setTimeout(() => {
              if (gen !== this.generation || !this.running || failingSince === null) return;
              failingSince = null;
              failures = 0;
              this.backOnline();
            }, RECOVERED_AFTER_MS);
      try {
        const res = await this.client.messages(st.ack, abort.signal, st.clientPollTimeout * 1000);
        if (gen !== this.generation) return;
        if (failingSince !== null || (this.host.snapshot().phase === 'reconnecting' && !this.awaitingSessionData)) {
          // Back after network trouble (here, or in the page this session was resumed from).
          failingSince = null;
          failures = 0;
        }
        this.backOnline();
        if (this.awaitingSessionData && res) this.sessionDataArrived();
        if (res) this.handle(res);
      } catch (e) {
        if (gen !== this.generation || !this.running) return;
        if (isAbort(e)) continue;
        const err = asProtocolError(e);
        if (err.status === 503) {
          void this.handover();
          return;
        }
        if (err.code === 'session-invalid') {
          // After our ChatEnd a 403 just says the session is over.
          if (this.ending) this.finish(this.endReason, null);
          else this.finish('session-invalid', null, toChatError(err));
          return;
        }
        if (err instanceof ConflictError && err.expected === null) {
          // The server terminated the chat because a second poll ran on this session.
          this.finish('duplicate-poll', null, toChatError(err));
          return;
        }
        if (err.code === 'network' && err.message.endsWith('no answer in time')) continue; // re-poll at once
        // Network, 500, malformed: retry with backoff inside the session time-out.
        failingSince ??= this.now();
        if (failures === 0 && err.code === 'network') this.host.dispatch({ type: 'reconnecting', time: this.now() });
        this.host.dispatch({ type: 'error', error: toChatError(err) });
        if (this.now() - failingSince > this.opts.sessionTimeoutMs) {
          this.finish('error', null, toChatError(err));
          return;
        }
        try {
          await this.backoff(failures);
        } catch {
          return;
        }
        failures++;
      } finally {
        clearTimeout(recovered);
        this.life.signal.removeEventListener('abort', onLife);
      }
    }
  }

  /** The connection works again: leave 'reconnecting' and clear transient errors. */
  private backOnline(): void {
    if (this.host.snapshot().phase === 'reconnecting' && !this.awaitingSessionData && !this.handingOver) {
      this.host.dispatch({ type: 'reconnected', time: this.now() });
    }
    const code = this.host.snapshot().error?.code;
    if (code === 'network' || code === 'server-error' || code === 'malformed-response' || code === 'http') {
      this.host.dispatch({ type: 'error', error: null });
    }
  }

  private handle(res: MessagesResponse): void {
    if (this.host.batch) this.host.batch(() => this.handleNow(res));
    else this.handleNow(res);
  }

  private handleNow(res: MessagesResponse): void {
    const st = this.state!;
    if (res.sequence !== null) st.ack = res.sequence;
    if (res.messages.length && res.offset !== null) st.offset = res.offset;
    const time = this.now();
    let finished: { reason: string; records: string | null } | null = null;
    for (const m of res.messages) {
      switch (m.type) {
        case 'ChatRequestSuccess':
          st.requestSucceeded = true;
          if (m.postChatUrl) st.postChatUrl = m.postChatUrl;
          if (m.sensitiveDataRules) st.rules = m.sensitiveDataRules;
          break;
        case 'ChatRequestFail':
          if (m.postChatUrl) st.postChatUrl = m.postChatUrl;
          finished = { reason: 'fail', records: null };
          break;
        case 'ChatEstablished':
        case 'ChatTransferred':
          st.established = true;
          st.requestSucceeded = true;
          st.sneakPeekEnabled = m.sneakPeekEnabled;
          if (m.idleTimeout) st.idleTimeout = m.idleTimeout;
          break;
        case 'AgentDisconnect':
          st.established = false;
          this.typing.dispose();
          this.peek.cancel();
          break;
        case 'ChatMessage':
          st.lastAgentMessageAt = time;
          if (this.idleWarned) this.clearIdleWarning();
          break;
        case 'ChatEnded':
          // After our ChatEnd, the server's ChatEnded is the answer to it.
          finished = { reason: this.ending ? this.endReason : 'agent', records: m.attachedRecords };
          continue; // the end is dispatched below, with the post-chat URL
        case 'CustomEvent':
          this.host.customEvent(m.eventType, m.data);
          break;
        case 'SensitiveDataRules':
          st.rules = m.rules;
          break;
        case 'ChasitorSessionData':
          if (m.postChatUrl) st.postChatUrl = m.postChatUrl;
          break;
        case 'SwitchServer':
          // Only Visitor resources carry it, but follow it anywhere.
          this.client.endpoint = new URL(m.newUrl.replace(/\/?$/, '/'), this.client.endpoint).href;
          st.endpoint = this.client.endpoint;
          break;
        default:
          break;
      }
      this.host.dispatch({ type: 'server', message: m, time });
    }
    if (finished) {
      if (finished.reason === 'fail') {
        // ChatRequestFail: the reducer shows why; what waited for an agent is marked failed.
        this.halt();
        this.failHeldAll();
        this.host.finished();
        return;
      }
      this.finish(finished.reason, finished.records);
      return;
    }
    this.armIdle();
    this.host.changed(st);
    void this.flush();
  }

  // ------------------------------------------------------------ 503 handover

  private async handover(): Promise<void> {
    const st = this.state;
    if (!st || this.handingOver) return;
    this.handingOver = true;
    st.handover = true;
    this.generation++;
    this.pollAbort?.abort();
    this.postAbort?.abort();
    this.host.dispatch({ type: 'reconnecting', time: this.now() });
    this.host.changed(st);
    let failures = 0;
    const since = this.now();
    while (this.running) {
      try {
        await this.client.reconnectSession(st.offset ?? 0, this.life.signal);
        this.sync();
        st.handover = false;
        this.handingOver = false;
        this.awaitingSessionData = true;
        this.host.changed(st);
        void this.pollLoop(this.generation);
        return;
      } catch (e) {
        if (isAbort(e) || !this.running) return;
        const err = asProtocolError(e);
        if (err.code === 'session-invalid' || this.now() - since > this.opts.sessionTimeoutMs) {
          this.handingOver = false;
          this.finish(err.code === 'session-invalid' ? 'session-invalid' : 'error', null, toChatError(err));
          return;
        }
        try {
          await this.backoff(failures++);
        } catch {
          return;
        }
      }
    }
  }

  /** The first poll after ReconnectSession answered: resync, then resend what was kept. */
  private sessionDataArrived(): void {
    const st = this.state!;
    this.awaitingSessionData = false;
    st.outbox.unshift({ noun: 'ChasitorResyncState', body: { organizationId: this.opts.orgId }, force: true });
    this.host.dispatch({ type: 'reconnected', time: this.now() });
  }

  // ------------------------------------------------------------ the outbox

  private readonly inFlight = new Set<OutboxItem>();
  /** Items queued while the session is still being created. */
  private early: OutboxItem[] = [];

  private enqueue(item: OutboxItem): void {
    const st = this.state;
    if (!st) {
      // Before ChasitorInit went through (the visitor typed while connecting): kept for later.
      if (this.running) this.early.push(item);
      return;
    }
    st.outbox.push(item);
    this.host.changed(st);
    void this.flush();
  }

  private sendable(item: OutboxItem): boolean {
    const st = this.state!;
    if (this.handingOver || this.awaitingSessionData) return false;
    if (item.force) return item.noun === 'ChasitorResyncState' || st.requestSucceeded;
    return st.requestSucceeded && st.established && !this.ending;
  }

  /** Sends the outbox serially: whatever is queued and sendable goes as one request (MultiNoun when several). */
  private async flush(): Promise<void> {
    if (this.flushing) {
      this.flushAgain = true;
      return;
    }
    this.flushing = true;
    let conflicts = 0;
    let failingSince: number | null = null;
    let failures = 0;
    try {
      for (;;) {
        this.flushAgain = false;
        const st = this.state;
        if (!st || !this.running) break;
        const batch: OutboxItem[] = [];
        for (const item of st.outbox) {
          if (!this.sendable(item)) break;
          batch.push(item);
          if (item.noun === 'ChasitorResyncState' || item.noun === 'ChatEnd') break; // alone, or last
        }
        if (batch.length === 0) break;
        const abort = new AbortController();
        this.postAbort = abort;
        const onLife = () => abort.abort();
        this.life.signal.addEventListener('abort', onLife, { once: true });
        for (const i of batch) this.inFlight.add(i);
        try {
          if (batch.length === 1) await this.client.post(batch[0].noun, batch[0].body, abort.signal);
          else await this.client.multiNoun(batch.map((i): NounWrapper => ({ prefix: 'Chasitor', noun: i.noun, object: i.body })), abort.signal);
          conflicts = 0;
          failingSince = null;
          failures = 0;
          this.remove(batch);
          this.sync();
          this.deliver(batch, 'sent');
          this.host.changed(st);
        } catch (e) {
          if (isAbort(e) || !this.running) break;
          const err = asProtocolError(e);
          if (err instanceof ConflictError && err.expected !== null && conflicts++ < 3) {
            this.sync(); // the client took the expected sequence: resend the same batch
            continue;
          }
          if (err.status === 503) {
            void this.handover();
            break;
          }
          if (err.code === 'session-invalid') {
            // The agent may have just ended the chat: the poll is about to bring ChatEnded, which
            // says so. Only if it does not is the session simply gone.
            const gen = this.generation;
            setTimeout(() => {
              if (gen === this.generation && this.running) this.finish('session-invalid', null, toChatError(err));
            }, ENDED_GRACE_MS);
            break;
          }
          if (err.code === 'network') {
            failingSince ??= this.now();
            if (this.now() - failingSince < this.opts.sessionTimeoutMs) {
              try {
                await this.backoff(failures++);
              } catch {
                break;
              }
              continue; // same batch, same sequence
            }
          }
          // Refused for good (500, 400, lasting network loss): the visitor can retry messages.
          this.remove(batch);
          this.sync();
          this.deliver(batch, 'failed');
          this.host.dispatch({ type: 'error', error: toChatError(err) });
          this.host.changed(st);
        } finally {
          for (const i of batch) this.inFlight.delete(i);
          this.life.signal.removeEventListener('abort', onLife);
          this.postAbort = null;
          this.wake();
        }
      }
    } finally {
      this.flushing = false;
    }
    if (this.flushAgain && this.running) void this.flush();
  }

  /** Flushes until no queued item matches `pred`; true when it went out, false when it was refused or stopped. */
  private async flushUntilGone(pred: (i: OutboxItem) => boolean): Promise<boolean> {
    const before = this.host.snapshot();
    void this.flush();
    for (;;) {
      const st = this.state;
      if (!st || !this.running) return false;
      if (!st.outbox.some(pred)) {
        const err = this.host.snapshot().error;
        return !(err && err !== before.error);
      }
      await new Promise<void>((r) => this.flushWaiters.push(r));
    }
  }

  /** Reports the delivery status of the visitor messages among `items`. */
  private deliver(items: readonly OutboxItem[], status: 'sent' | 'failed'): void {
    const ids = items.flatMap((i) => (i.entryId ? [i.entryId] : []));
    if (ids.length) this.host.dispatch({ type: 'delivery', ids, status });
  }

  private remove(batch: readonly OutboxItem[]): void {
    const st = this.state!;
    const gone = new Set(batch);
    st.outbox = st.outbox.filter((i) => !gone.has(i));
  }

  /** Messages held for an agent that will never come. */
  private failHeld(): void {
    const st = this.state!;
    this.deliver(st.outbox, 'failed');
    st.outbox = st.outbox.filter((i) => i.force);
  }

  private sync(): void {
    const st = this.state;
    if (!st) return;
    st.sequence = this.client.sequence;
    st.affinity = this.client.affinity ?? st.affinity;
    st.endpoint = this.client.endpoint;
  }

  private reportRules(rules: readonly SensitiveDataRule[]): void {
    this.client
      .request('POST', 'Chasitor/SensitiveDataRuleTriggered', {
        body: { rules: rules.map((r) => ({ id: r.id, name: r.name })) },
        session: true,
        signal: this.life.signal,
      })
      .catch(() => {
        /* informational only */
      });
  }

  // ------------------------------------------------------------ idle time-out (client side)

  private armIdle(): void {
    this.clearIdleTimers();
    const st = this.state;
    const cfg = st?.idleTimeout;
    if (!st || !cfg?.isEnabled || st.lastAgentMessageAt === null || this.ending || !this.running) return;
    const warnAt = st.lastAgentMessageAt + cfg.warningTime * 1000;
    const endAt = st.lastAgentMessageAt + cfg.timeout * 1000;
    const now = this.now();
    if (!this.idleWarned && cfg.warningTime > 0 && cfg.warningTime < cfg.timeout) {
      this.idleTimers.push(setTimeout(() => this.warnIdle(endAt), Math.max(0, warnAt - now)));
    }
    this.idleTimers.push(setTimeout(() => void this.end('idle'), Math.max(0, endAt - now)));
  }

  private warnIdle(deadline: number): void {
    if (this.idleWarned || !this.running) return;
    this.idleWarned = true;
    this.host.dispatch({ type: 'idle-warning', deadline, seconds: Math.max(0, Math.round((deadline - this.now()) / 1000)), time: this.now() });
    this.enqueue({ noun: 'ChasitorIdleTimeoutWarningEvent', body: { idleTimeoutWarningEvent: 'triggered' } });
  }

  private clearIdleWarning(): void {
    this.idleWarned = false;
    this.host.dispatch({ type: 'idle-cleared', time: this.now() });
    this.enqueue({ noun: 'ChasitorIdleTimeoutWarningEvent', body: { idleTimeoutWarningEvent: 'cleared' } });
  }

  /** The visitor wrote: the idle clock stops until the agent's next message. */
  private visitorActed(): void {
    const st = this.state;
    if (this.idleWarned) this.clearIdleWarning();
    if (st) st.lastAgentMessageAt = null;
    this.clearIdleTimers();
  }

  private clearIdleTimers(): void {
    for (const t of this.idleTimers.splice(0)) clearTimeout(t);
  }

  private clearIdle(): void {
    this.clearIdleTimers();
    this.idleWarned = false;
  }

  // ------------------------------------------------------------ the end

  private finish(reason: string, attachedRecords: string | null, error?: ChatError): void {
    if (this.done) return;
    this.done = true;
    const st = this.state;
    this.halt();
    this.quiet();
    this.failHeldAll();
    this.host.dispatch({
      type: 'ended',
      reason,
      postChatUrl: st ? postChatUrlFor(st.postChatUrl, st.key, attachedRecords) : null,
      attachedRecords,
      time: this.now(),
      ...(error ? { error } : {}),
    });
    this.wake();
    for (const w of this.doneWaiters.splice(0)) w();
    this.host.finished();
  }

  private failHeldAll(): void {
    const st = this.state;
    this.deliver([...this.early.splice(0), ...(st?.outbox ?? [])], 'failed');
    if (st) st.outbox = [];
  }
}
