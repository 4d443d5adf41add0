/**
 * One chat session on the wire, as an explicit stage machine:
 *
 *   idle ─start→ creating ─ChasitorInit ok→ polling ─503→ handover ─ReconnectSession→ resyncing
 *                   │                        │  ▲                                      │
 *                   └─fail→ done             │  └────── ChasitorSessionData ──────────┘
 *                                            ├─end()→ ending ─ChatEnded / final poll→ done
 *                                            └─ChatEnded, 403, 409 poll, time-out→ done
 *   any ─stop()→ stopped (resumable)   resume(state) → resuming ─settled→ polling | handover | resyncing
 *
 * `enter(next)` is the one way to change stage: it aborts the requests the old stage owned
 * (unless the new stage carries them on) and tells the reducer what the visitor should see.
 * The effect side keeps its own facts (SessionState: sequence, outbox, ack, …) and never reads
 * the snapshot back; every server message is interpreted once for the session (session-state.ts)
 * and once for the snapshot (reducer.ts).
 *
 * Owns: stages, the long poll, the handover, the end; the outbox through sender.ts.
 * Leaves to others: availability, breadcrumbs, storage and tabs (controller).
 */
import type { Credentials, RestClient } from './client.js';
import { realClock, sleep, type Clock } from './clock.js';
import { ConflictError, HandoverError, asProtocolError, isAbort, isTransient, toChatError, type ProtocolError } from './errors.js';
import { IdleTimer } from './idle.js';
import { drain, reconcile, restartNumbering } from './outbox.js';
import { Sender } from './sender.js';
import { applySensitiveDataRules, refusedRules } from './sensitive.js';
import { applyMessages, postChatUrlFor, type SessionEffect } from './session-state.js';
import { normalizeSession, type OutboxItem, type SessionHost, type SessionState } from './session-types.js';
import { TrailingThrottle, TypingTracker } from './throttle.js';
import type { ChatError } from './snapshot.js';
import type { ChasitorInit, MessagesResponse } from './wire.js';

export type Stage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'creating' }
  /** A stored or shared session waits for the previous page's poll to be gone. */
  | { readonly kind: 'resuming' }
  | { readonly kind: 'polling' }
  | { readonly kind: 'handover'; readonly since: number }
  | { readonly kind: 'resyncing' }
  | { readonly kind: 'ending' }
  | { readonly kind: 'done' }
  | { readonly kind: 'stopped' };

export type StageKind = Stage['kind'];

/** A poll held open this long after failures counts as a working connection. */
const RECOVERED_AFTER_MS = 1500;
/** How long a POST's 403 waits for the poll to say why the chat ended (ChatEnded: the agent ended it). */
const ENDED_GRACE_MS = 2500;

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
  clock?: Clock;
}

const RUNNING: readonly StageKind[] = ['creating', 'resuming', 'polling', 'handover', 'resyncing', 'ending'];

export class ChatSession {
  state: SessionState | null = null;
  private stageNow: Stage = { kind: 'idle' };
  /** Requests owned by the current stage. */
  private stageAbort = new AbortController();
  /** Items queued while the session is being created. */
  private early: OutboxItem[] = [];
  /** The visitor asked to end (kept across a handover that interrupts the end). */
  private endReason: 'visitor' | 'idle' | null = null;
  /** We told the visitor about trouble (or resumed a page that may have): clear it when the connection works. */
  private troubled = false;
  private endAck: ((ok: boolean) => void) | null = null;
  private doneWaiters: (() => void)[] = [];
  private lastPeek = '';
  private reportedRules = new Set<string>();
  private readonly clock: Clock;
  private readonly opts: Required<Omit<SessionOptions, 'clock'>>;
  private readonly typing: TypingTracker;
  private readonly peek: TrailingThrottle<string>;
  private readonly idle: IdleTimer;
  private readonly sender: Sender;

  constructor(
    private readonly client: RestClient,
    private readonly host: SessionHost,
    options: SessionOptions,
  ) {
    this.clock = options.clock ?? realClock;
    this.opts = {
      orgId: options.orgId,
      sneakPeekIntervalMs: options.sneakPeekIntervalMs ?? 500,
      typingPauseMs: options.typingPauseMs ?? 3000,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 120_000,
      backoffMs: options.backoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 5_000,
      finalPollMs: options.finalPollMs ?? 3000,
    };
    this.typing = new TypingTracker(this.opts.typingPauseMs, (t) => this.enqueue({ noun: t ? 'ChasitorTyping' : 'ChasitorNotTyping', body: {} }), this.clock);
    this.peek = new TrailingThrottle(
      this.opts.sneakPeekIntervalMs,
      (text) => {
        this.lastPeek = text;
        this.dropPeeks();
        this.enqueue({ noun: 'ChasitorSneakPeek', body: { position: 0, text: this.mask(text) } });
      },
      this.clock,
    );
    this.idle = new IdleTimer(
      this.clock,
      (deadline, seconds) => {
        this.host.dispatch({ type: 'idle-warning', deadline, seconds, time: this.clock.now() });
        this.enqueue({ noun: 'ChasitorIdleTimeoutWarningEvent', body: { idleTimeoutWarningEvent: 'triggered' } });
      },
      () => void this.end('idle'),
    );
    this.sender = new Sender({
      client,
      clock: this.clock,
      state: () => this.state,
      credentials: () => this.credentials(),
      signal: () => this.stageAbort.signal,
      sendable: (i) => this.sendable(i),
      changed: (urgent) => this.changed(urgent),
      settled: (items, outcome, error) => this.settled(items, outcome, error),
      trouble: (error) => this.trouble(error),
      handover: () => void this.handover(),
      invalid: (error) => this.invalid(error),
      backoffMs: (n) => this.backoffMs(n),
    });
  }

  get stage(): Stage {
    return this.stageNow;
  }

  private isDone(): boolean {
    return this.stageNow.kind === 'done';
  }

  /** A chat is under way in this tab (it may be recovering). */
  get active(): boolean {
    return RUNNING.includes(this.stageNow.kind);
  }

  // ------------------------------------------------------------ stages

  /**
   * The one way to change stage. Aborts the requests the old stage owned unless `carryOn`
   * (polling → ending, resyncing → polling keep the open poll), and tells the visitor.
   */
  private enter(next: Stage, carryOn = false): void {
    const prev = this.stageNow;
    this.stageNow = next;
    if (!carryOn) {
      this.stageAbort.abort();
      this.stageAbort = new AbortController();
    }
    const st = this.state;
    if (st && (next.kind === 'polling' || next.kind === 'handover' || next.kind === 'resyncing')) {
      st.stage = next.kind === 'polling' ? 'live' : next.kind === 'handover' ? 'handover' : 'resync';
    }
    if (next.kind === 'handover' && prev.kind !== 'handover') {
      this.troubled = true;
      this.host.dispatch({ type: 'reconnecting', time: this.clock.now() });
    }
    if (next.kind === 'done' || next.kind === 'stopped') this.quiet();
  }

  private credentials(): Credentials {
    const st = this.state!;
    return { key: st.key, affinity: st.affinity };
  }

  private changed(urgent = false): void {
    if (this.state) this.host.changed(this.state, urgent);
  }

  // ------------------------------------------------------------ lifecycle

  /** A new chat: SessionId, ChasitorInit, then the loop. Resolves once the loop runs (or the start failed). */
  async start(init: Omit<ChasitorInit, 'sessionId'>): Promise<void> {
    this.enter({ kind: 'creating' });
    const signal = this.stageAbort.signal;
    let created: Credentials | null = null;
    try {
      const s = await this.retrying(() => this.client.sessionId(signal), signal);
      created = { key: s.key, affinity: s.affinityToken };
      this.pendingCredentials = created;
      await this.retrying(() => this.client.chasitorInit(created!, 1, { ...init, sessionId: s.id }, signal), signal);
      // Nothing is stored or shared until ChasitorInit went through.
      this.state = {
        endpoint: this.client.endpoint,
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
        outbox: this.early.splice(0),
        inflight: null,
        delivered: 0,
        visitorName: init.visitorName,
        stage: 'live',
      };
      this.pendingCredentials = null;
      this.enter({ kind: 'polling' }, true);
      this.changed(true);
      void this.pollLoop(this.stageAbort.signal);
    } catch (e) {
      if (isAbort(e) || signal.aborted) return;
      this.pendingCredentials = null;
      this.enter({ kind: 'done' });
      this.settled(this.early.splice(0), 'failed');
      this.host.dispatch({ type: 'failed', error: toChatError(e) });
      this.host.finished();
    }
  }

  /** The session being created, before ChasitorInit went through (end() deletes it). */
  private pendingCredentials: Credentials | null = null;

  /**
   * Continue a stored or shared session (reload, tab hand-over): no new ChasitorInit.
   * `settleMs` waits before the first request so the previous page's poll is gone from the
   * server (a second concurrent poll makes the server end the chat).
   */
  resume(stored: SessionState, settleMs = 0): void {
    const st = normalizeSession(stored);
    this.state = st;
    this.client.endpoint = st.endpoint;
    this.troubled = true;
    this.enter({ kind: 'resuming' });
    const signal = this.stageAbort.signal;
    const go = () => {
      if (signal.aborted) return;
      if (st.stage === 'handover') return void this.handover();
      this.enter({ kind: st.stage === 'resync' ? 'resyncing' : 'polling' }, true);
      if (st.stage === 'live') {
        this.idle.arm(st.idleTimeout, st.lastAgentMessageAt);
        this.sender.kick();
      }
      void this.pollLoop(signal);
    };
    if (settleMs > 0) sleep(this.clock, settleMs, signal).then(go, () => {});
    else go();
  }

  /** Stop every request and timer but keep the state (disconnect, losing leadership). */
  stop(): void {
    if (this.stageNow.kind === 'done') return;
    this.enter({ kind: 'stopped' });
    this.wakeAll();
  }

  /** No more typing, sneak peeks or idle timers. */
  private quiet(): void {
    this.typing.dispose();
    this.peek.cancel();
    this.idle.dispose();
  }

  private wakeAll(): void {
    this.endAck?.(false);
    this.endAck = null;
    for (const w of this.doneWaiters.splice(0)) w();
  }

  // ------------------------------------------------------------ visitor intents

  /** Queue a visitor message under the entry `id` (the length was checked at the public door). */
  send(id: string, text: string): void {
    if (this.endReason) return;
    const { text: masked, triggered } = applySensitiveDataRules(text, this.state?.rules ?? []);
    this.host.dispatch({ type: 'visitor-message', id, text: masked, name: this.state?.visitorName ?? '', time: this.clock.now() });
    if (triggered.length) this.reportRules(triggered);
    // Nothing of the draft goes out after the message itself.
    this.peek.cancel();
    this.dropPeeks();
    this.lastPeek = '';
    this.typing.stop();
    if (this.idle.warned) {
      this.idle.warned = false;
      this.host.dispatch({ type: 'idle-cleared', time: this.clock.now() });
      this.enqueue({ noun: 'ChasitorIdleTimeoutWarningEvent', body: { idleTimeoutWarningEvent: 'cleared' } });
    }
    if (this.state) this.state.lastAgentMessageAt = null;
    this.idle.clearTimers();
    this.enqueue({ noun: 'ChatMessage', body: { text: masked }, entryId: id });
  }

  /** Send a failed message again, as a new message under the same entry. */
  retry(id: string, text: string): void {
    if (!this.active || this.endReason) return;
    this.host.dispatch({ type: 'delivery', ids: [id], status: 'pending' });
    this.enqueue({ noun: 'ChatMessage', body: { text }, entryId: id });
  }

  setDraft(text: string): void {
    const st = this.state;
    if (!st || !st.established || this.endReason || this.stageNow.kind !== 'polling') return;
    this.typing.draft(text);
    if (st.sneakPeekEnabled && text !== this.lastPeek) this.peek.push(text);
    else if (text === this.lastPeek) this.peek.cancel();
  }

  sendCustomEvent(type: string, data: string): void {
    this.enqueue({ noun: 'CustomEvent', body: { type, data } });
  }

  // ------------------------------------------------------------ the end

  /** The visitor ends the chat (or leaves the queue). Resolves when the chat is over. */
  async end(reason: 'visitor' | 'idle' = 'visitor'): Promise<void> {
    const kind = this.stageNow.kind;
    if (this.endReason || kind === 'done' || kind === 'idle') return;
    this.endReason = reason;
    this.quiet();
    const st = this.state;
    if (kind === 'creating' || !st) {
      // Still connecting: cancel SessionId/ChasitorInit and drop the session if it exists.
      const creds = this.pendingCredentials;
      this.enter({ kind: 'ending' });
      return this.dropSession(reason, creds);
    }
    if (kind === 'stopped' || !st.requestSucceeded) {
      // Not routed yet (or not ours to run): ending the session ends the chat.
      this.enter({ kind: 'ending' });
      return this.dropSession(reason, this.credentials());
    }
    // Messages still waiting for an agent cannot go any more; typing and peeks are moot.
    const held = st.outbox.filter((i) => i.noun === 'ChatMessage' && !st.established);
    st.outbox = st.outbox.filter((i) => !held.includes(i) && i.noun !== 'ChasitorSneakPeek' && i.noun !== 'ChasitorTyping' && i.noun !== 'ChasitorNotTyping');
    this.settled(held, 'failed');
    const body: Record<string, unknown> = { reason: 'client' };
    if (reason === 'idle') body.clientIdleTimeout = true;
    st.outbox.push({ noun: 'ChatEnd', body, force: true });
    const acked = new Promise<boolean>((resolve) => (this.endAck = resolve));
    if (kind === 'polling') this.enter({ kind: 'ending' }, true);
    this.changed();
    this.sender.kick();
    const ok = await acked;
    if (this.isDone()) return;
    if (!ok) return this.dropSession(reason, this.credentials());
    // The server answers ChatEnd with ChatEnded (attachedRecords) on the open poll: wait a
    // moment for it; if it does not come, poll once more (the guide: call Messages again).
    await this.waitDone(Math.min(1000, this.opts.finalPollMs));
    if (this.isDone()) return;
    this.enter({ kind: 'ending' });
    let records: string | null = null;
    try {
      const res = await this.client.messages(this.credentials(), st.ack, this.stageAbort.signal, Math.min(this.opts.finalPollMs, st.clientPollTimeout * 1000));
      for (const m of res?.messages ?? []) if (m.type === 'ChatEnded') records = m.attachedRecords;
    } catch {
      /* 403 / timeout: no records */
    }
    this.finish(reason, records);
  }

  /** Deletes the session (when one was created and still exists), then finishes. */
  private async dropSession(reason: string, creds: Credentials | null): Promise<void> {
    if (creds) {
      try {
        await this.client.deleteSession(creds, this.stageAbort.signal);
      } catch {
        /* not created, or already gone */
      }
    }
    this.finish(reason, null);
  }

  /** Resolves when the session is done or after `ms`. */
  private waitDone(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = this.clock.setTimeout(resolve, ms);
      this.doneWaiters.push(() => {
        this.clock.clearTimeout(t);
        resolve();
      });
    });
  }

  private finish(reason: string, attachedRecords: string | null, error?: ChatError): void {
    if (this.stageNow.kind === 'done') return;
    const st = this.state;
    this.enter({ kind: 'done' });
    this.settled([...this.early.splice(0), ...(st ? drain(st) : [])], 'failed');
    this.host.dispatch({
      type: 'ended',
      reason,
      postChatUrl: st ? postChatUrlFor(st.postChatUrl, st.key, attachedRecords) : null,
      attachedRecords,
      time: this.clock.now(),
      ...(error ? { error } : {}),
    });
    this.wakeAll();
    this.host.finished();
  }

  // ------------------------------------------------------------ the long poll

  private async pollLoop(signal: AbortSignal): Promise<void> {
    let failingSince: number | null = null;
    let failures = 0;
    while (!signal.aborted && this.state) {
      const st = this.state;
      // After failures, a poll the server has held open for a moment means we are back
      // (a long poll may not answer for clientPollTimeout seconds).
      const recovered = failingSince === null ? undefined : this.clock.setTimeout(() => this.backOnline(), RECOVERED_AFTER_MS);
      try {
        const res = await this.client.messages(this.credentials(), st.ack, signal, st.clientPollTimeout * 1000);
        if (signal.aborted) return;
        failingSince = null;
        failures = 0;
        this.backOnline();
        if (res) this.handle(res);
      } catch (e) {
        if (isAbort(e) || signal.aborted) return;
        const err = asProtocolError(e);
        if (err instanceof HandoverError) return void this.handover();
        if (err.code === 'session-invalid') {
          // After our ChatEnd the session is simply over; otherwise it is gone.
          if (this.endReason) this.finish(this.endReason, null);
          else this.finish('session-invalid', null, toChatError(err));
          return;
        }
        if (err instanceof ConflictError && err.expected === null) {
          // The server terminated the chat because a second poll ran on this session.
          this.finish('duplicate-poll', null, toChatError(err));
          return;
        }
        if (err.timeout) continue; // a long poll with no answer in time: poll again at once
        failingSince ??= this.clock.now();
        if (failures === 0 && err.code === 'network') this.host.dispatch({ type: 'reconnecting', time: this.clock.now() });
        this.trouble(err);
        if (this.clock.now() - failingSince > this.opts.sessionTimeoutMs) {
          this.finish('error', null, toChatError(err));
          return;
        }
        try {
          await sleep(this.clock, this.backoffMs(failures++), signal);
        } catch {
          return;
        }
      } finally {
        if (recovered !== undefined) this.clock.clearTimeout(recovered);
      }
    }
  }

  /** A transient failure is being retried (shown once), or (null) things work again. */
  private trouble(error: ProtocolError | null): void {
    if (error) {
      this.troubled = true;
      this.host.dispatch({ type: 'error', error: toChatError(error) });
    } else this.backOnline();
  }

  /** The connection works again: leave 'reconnecting' and clear transient errors. */
  private backOnline(): void {
    if (!this.troubled || this.stageNow.kind === 'handover' || this.stageNow.kind === 'resyncing') return;
    this.troubled = false;
    this.host.dispatch({ type: 'recovered', time: this.clock.now() });
  }

  private handle(res: MessagesResponse): void {
    if (this.host.batch) this.host.batch(() => this.handleNow(res));
    else this.handleNow(res);
  }

  private handleNow(res: MessagesResponse): void {
    const time = this.clock.now();
    const rulesBefore = this.state!.rules;
    const { state, effects } = applyMessages(this.state!, res, time);
    const st = Object.assign(this.state!, state);
    let ended: Extract<SessionEffect, { type: 'ended' }> | null = null;
    let failed = false;
    let sessionData: number | null = null;
    for (const m of res.messages) {
      if (m.type !== 'ChatEnded') this.host.dispatch({ type: 'server', message: m, time });
    }
    for (const e of effects) {
      switch (e.type) {
        case 'request-failed':
          failed = true;
          break;
        case 'ended':
          ended = e;
          break;
        case 'agent-message':
          if (this.idle.warned) {
            this.idle.warned = false;
            this.host.dispatch({ type: 'idle-cleared', time });
            this.enqueue({ noun: 'ChasitorIdleTimeoutWarningEvent', body: { idleTimeoutWarningEvent: 'cleared' } });
          }
          break;
        case 'agent-left':
          this.typing.dispose();
          this.peek.cancel();
          break;
        case 'custom-event':
          this.host.customEvent(e.eventType, e.data);
          break;
        case 'session-data':
          sessionData = e.visitorCount;
          break;
        case 'switch-server':
          this.client.switchServer(e.url);
          st.endpoint = this.client.endpoint;
          break;
      }
    }
    if (st.rules !== rulesBefore) this.warnRefusedRules();
    if (failed) {
      // ChatRequestFail: the reducer shows why; what waited for an agent is marked failed.
      this.enter({ kind: 'done' });
      this.settled([...this.early.splice(0), ...drain(st)], 'failed');
      this.wakeAll();
      this.host.finished();
      return;
    }
    if (ended) {
      // After our ChatEnd, the server's ChatEnded is the answer to it.
      this.finish(this.endReason ?? 'agent', ended.records);
      return;
    }
    if (this.stageNow.kind === 'resyncing') this.resynced(sessionData);
    this.idle.arm(st.idleTimeout, st.lastAgentMessageAt);
    this.changed();
    this.sender.kick();
  }

  // ------------------------------------------------------------ 503 handover

  private async handover(): Promise<void> {
    const st = this.state;
    if (!st || this.stageNow.kind === 'handover' || this.stageNow.kind === 'done') return;
    const since = this.clock.now();
    this.enter({ kind: 'handover', since });
    this.changed();
    const signal = this.stageAbort.signal;
    for (let failures = 0; !signal.aborted; failures++) {
      try {
        const r = await this.client.reconnectSession(this.credentials(), st.offset ?? 0, signal);
        st.affinity = r.affinityToken;
        restartNumbering(st, r.resetSequence);
        this.enter({ kind: 'resyncing' });
        this.changed();
        void this.pollLoop(this.stageAbort.signal);
        return;
      } catch (e) {
        if (isAbort(e) || signal.aborted) return;
        const err = asProtocolError(e);
        const expired = this.clock.now() - since > this.opts.sessionTimeoutMs;
        if (err.code === 'session-invalid' || expired || !isTransient(err)) {
          this.finish(err.code === 'session-invalid' ? 'session-invalid' : 'error', null, toChatError(err));
          return;
        }
        try {
          await sleep(this.clock, this.backoffMs(failures), signal);
        } catch {
          return;
        }
      }
    }
  }

  /**
   * The first answer after ReconnectSession (ChasitorSessionData) settles what was in flight,
   * then ChasitorResyncState goes first, then the kept outbox.
   */
  private resynced(visitorCount: number | null): void {
    const st = this.state!;
    const applied = reconcile(st, visitorCount ?? -1);
    this.settled(applied, 'sent');
    st.outbox.unshift({ noun: 'ChasitorResyncState', body: { organizationId: this.opts.orgId }, force: true });
    this.enter({ kind: this.endReason ? 'ending' : 'polling' }, true);
    this.backOnline();
  }

  // ------------------------------------------------------------ the outbox

  private enqueue(item: OutboxItem): void {
    const st = this.state;
    if (!st) {
      // Before ChasitorInit went through (the visitor typed while connecting): kept for later.
      if (this.stageNow.kind === 'creating') this.early.push(item);
      else this.settled([item], 'failed');
      return;
    }
    st.outbox.push(item);
    this.changed();
    this.sender.kick();
  }

  private sendable(item: OutboxItem): boolean {
    const st = this.state!;
    const kind = this.stageNow.kind;
    if (kind !== 'polling' && kind !== 'ending') return false;
    if (item.noun === 'ChasitorResyncState') return true;
    if (item.force) return st.requestSucceeded;
    return st.requestSucceeded && st.established;
  }

  /** Removes queued sneak peeks (not one already bound to a number). */
  private dropPeeks(): void {
    const st = this.state;
    if (st) st.outbox = st.outbox.filter((i) => i.noun !== 'ChasitorSneakPeek');
  }

  private settled(items: readonly OutboxItem[], outcome: 'sent' | 'failed', error?: ProtocolError): void {
    const ids = items.flatMap((i) => (i.entryId ? [i.entryId] : []));
    if (ids.length) this.host.dispatch({ type: 'delivery', ids, status: outcome });
    if (error) this.host.dispatch({ type: 'error', error: toChatError(error) });
    if (items.some((i) => i.noun === 'ChatEnd')) {
      this.endAck?.(outcome === 'sent');
      this.endAck = null;
    }
  }

  /** 403 on a POST: the agent may have just ended the chat; the poll is about to say so. */
  private invalid(error: ProtocolError): void {
    if (this.endAck) {
      this.endAck(false);
      this.endAck = null;
      return;
    }
    const signal = this.stageAbort.signal;
    sleep(this.clock, ENDED_GRACE_MS, signal).then(
      () => this.finish('session-invalid', null, toChatError(error)),
      () => {},
    );
  }

  // ------------------------------------------------------------ helpers

  private mask(text: string): string {
    return applySensitiveDataRules(text, this.state?.rules ?? []).text;
  }

  private warnRefusedRules(): void {
    for (const { rule, reason } of refusedRules(this.state?.rules ?? [])) {
      const key = `${rule.id}|${rule.pattern.length}`;
      if (this.reportedRules.has(key)) continue;
      this.reportedRules.add(key);
      this.host.warn?.('rule-refused', `Sensitive-data rule "${rule.name || rule.id}" was refused (${reason}); long digit runs are masked instead`);
    }
  }

  private reportRules(rules: readonly { id: string; name: string }[]): void {
    if (!this.state) return;
    this.client.notify(this.credentials(), 'SensitiveDataRuleTriggered', { rules: rules.map((r) => ({ id: r.id, name: r.name })) }, this.stageAbort.signal).catch(() => {
      /* informational only */
    });
  }

  private backoffMs(n: number): number {
    return Math.min(this.opts.backoffMs * 2 ** n, this.opts.maxBackoffMs);
  }

  /** Retries transient failures a few times (SessionId, ChasitorInit: both safe to repeat). */
  private async retrying<T>(fn: () => Promise<T>, signal: AbortSignal): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (isAbort(e) || !isTransient(asProtocolError(e)) || attempt >= 3) throw e;
        await sleep(this.clock, this.backoffMs(attempt), signal);
      }
    }
  }
}
