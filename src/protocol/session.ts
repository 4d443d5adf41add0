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
import { VisitorActivity } from './activity.js';
import type { Credentials, RestClient } from './client.js';
import { realClock, sleep, type Clock } from './clock.js';
import { pollLoop, reconnect, retrying, type ConnectionHost } from './connection.js';
import { asProtocolError, isAbort, toChatError, type ProtocolError } from './errors.js';
import { drain, reconcile, restartNumbering } from './outbox.js';
import { Sender } from './sender.js';
import { applyMessages, postChatUrlFor, type SessionEffect } from './session-state.js';
import { newSessionState, normalizeSession, type SessionHost, type SessionState } from './session-types.js';
import { StagedSession, type Stage, type StageKind } from './stages.js';

export type { Stage, StageKind };
import type { ChatError } from './snapshot.js';
import type { ChasitorInit, MessagesResponse } from './wire.js';

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

export class ChatSession extends StagedSession {
  private readonly opts: Required<Omit<SessionOptions, 'clock'>>;
  private readonly activity: VisitorActivity;
  private readonly sender: Sender;

  constructor(
    private readonly client: RestClient,
    host: SessionHost,
    options: SessionOptions,
  ) {
    super(host, options.clock ?? realClock);
    this.opts = {
      orgId: options.orgId,
      sneakPeekIntervalMs: options.sneakPeekIntervalMs ?? 500,
      typingPauseMs: options.typingPauseMs ?? 3000,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 120_000,
      backoffMs: options.backoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 5_000,
      finalPollMs: options.finalPollMs ?? 3000,
    };
    this.connection = {
      client: this.client,
      clock: this.clock,
      sessionTimeoutMs: this.opts.sessionTimeoutMs,
      state: () => this.state,
      credentials: () => this.credentials(),
      backoffMs: (n) => this.backoffMs(n),
      handle: (res) => this.handle(res),
      handover: () => void this.handover(),
      lost: (reason, error) => {
        // After our ChatEnd a gone session is simply over.
        if (reason === 'session-invalid' && this.endReason) this.finish(this.endReason, null);
        else this.finish(reason, null, error);
      },
      trouble: (error, first) => {
        if (error && first && error.code === 'network') this.host.dispatch({ type: 'reconnecting', time: this.clock.now() });
        this.trouble(error);
      },
    };
    this.activity = new VisitorActivity(
      {
        clock: this.clock,
        state: () => this.state,
        enqueue: (item) => this.enqueue(item),
        dispatch: (input) => this.host.dispatch(input),
        expire: () => void this.end('idle'),
        report: (rules) => this.reportRules(rules),
        warn: (message) => this.host.warn?.('rule-refused', message),
      },
      { typingPauseMs: this.opts.typingPauseMs, sneakPeekIntervalMs: this.opts.sneakPeekIntervalMs },
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

  // ------------------------------------------------------------ stages

  // ------------------------------------------------------------ lifecycle

  /** A new chat: SessionId, ChasitorInit, then the loop. Resolves once the loop runs (or the start failed). */
  async start(init: Omit<ChasitorInit, 'sessionId'>): Promise<void> {
    this.enter({ kind: 'creating' });
    const signal = this.stageAbort.signal;
    let created: Credentials | null = null;
    try {
      const s = await retrying(this.connection, () => this.client.sessionId(signal), signal);
      created = { key: s.key, affinity: s.affinityToken };
      this.pendingCredentials = created;
      await retrying(this.connection, () => this.client.chasitorInit(created!, 1, { ...init, sessionId: s.id }, signal), signal);
      // Nothing is stored or shared until ChasitorInit went through.
      this.state = newSessionState(this.client.endpoint, s, init.visitorName, this.early.splice(0));
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
        this.activity.arm();
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
  protected quiet(): void {
    this.activity.quiet();
  }

  // ------------------------------------------------------------ visitor intents

  /** Queue a visitor message under the entry `id` (the length was checked at the public door). */
  send(id: string, text: string): void {
    if (this.endReason) return;
    const masked = this.activity.sending(text);
    this.host.dispatch({ type: 'visitor-message', id, text: masked, name: this.state?.visitorName ?? '', time: this.clock.now() });
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
    this.activity.draft(text, st.sneakPeekEnabled);
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

  /** What the poll and reconnect loops (connection.ts) report to. */
  private readonly connection: ConnectionHost;

  private pollLoop(signal: AbortSignal): Promise<void> {
    return pollLoop(this.connection, signal);
  }

  /** A transient failure is being retried (shown once), or (null) things work again. */
  private trouble(error: ProtocolError | null): void {
    if (error) {
      this.troubled = true;
      this.host.dispatch({ type: 'error', error: toChatError(error) });
      return;
    }
    // The connection works again: leave 'reconnecting' and clear transient errors.
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
          this.activity.agentWrote();
          break;
        case 'agent-left':
          this.activity.agentLeft();
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
    if (st.rules !== rulesBefore) this.activity.rulesChanged();
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
    this.activity.arm();
    this.changed();
    this.sender.kick();
  }

  // ------------------------------------------------------------ 503 handover

  private async handover(): Promise<void> {
    const st = this.state;
    if (!st || this.stageNow.kind === 'handover' || this.stageNow.kind === 'done') return;
    this.enter({ kind: 'handover', since: this.clock.now() });
    this.changed();
    const signal = this.stageAbort.signal;
    let r: Awaited<ReturnType<typeof reconnect>>;
    try {
      r = await reconnect(this.connection, signal);
    } catch (e) {
      const err = asProtocolError(e);
      this.finish(err.code === 'session-invalid' ? 'session-invalid' : 'error', null, toChatError(err));
      return;
    }
    if (!r) return;
    st.affinity = r.affinityToken;
    restartNumbering(st, r.resetSequence);
    this.enter({ kind: 'resyncing' });
    this.changed();
    void this.pollLoop(this.stageAbort.signal);
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
    this.trouble(null);
  }

  protected kick(): void {
    this.sender.kick();
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

  private reportRules(rules: readonly { id: string; name: string }[]): void {
    if (!this.state) return;
    this.client.notify(this.credentials(), 'SensitiveDataRuleTriggered', { rules: rules.map((r) => ({ id: r.id, name: r.name })) }, this.stageAbort.signal).catch(() => {
      /* informational only */
    });
  }

  private backoffMs(n: number): number {
    return Math.min(this.opts.backoffMs * 2 ** n, this.opts.maxBackoffMs);
  }
}
