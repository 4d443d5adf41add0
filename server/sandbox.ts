/**
 * One sandbox = one isolated "org": its config, agents, sessions and chats, the queue, the
 * outgoing message logs and long polls, faults, request logs and the scripted agent.
 * The HTTP layers (chat-rest.ts, test-api.ts, monitoring.ts) call into this; nothing here
 * knows about HTTP beyond the status codes it hands back.
 */
import type { AgentConfig, AgentStatus, ButtonConfig, ServerConfig } from './config.js';
import { hex, HttpError, pushBounded, seededRandom, shortId, uuid } from './util.js';

export interface OutMessage {
  seq: number;
  type: string;
  message: unknown;
}

export type PollResult =
  | { kind: 'messages'; messages: OutMessage[] }
  | { kind: 'empty' }
  | { kind: 'status'; status: number; body: string };

interface Poll {
  ack: number;
  resolve(result: PollResult): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface TranscriptEntry {
  type: 'Agent' | 'Chasitor';
  name: string;
  content: string;
  timestamp: number;
  sequence: number;
  agentId?: string;
}

export interface ReceivedRow {
  at: number;
  noun: string;
  body: unknown;
  sequence: number | null;
}

export interface Breadcrumb {
  location: string;
  at: number;
}

export type ChatStatus = 'queued' | 'active' | 'ended';

export interface Session {
  id: string;
  key: string;
  affinity: string;
  createdAt: number;
  lastActivity: number;
  /** Next X-LIVEAGENT-SEQUENCE the server processes. */
  expectedSeq: number;
  /** Last processed sequence (0: none yet); its repeat is an idempotent retry. */
  lastProcessedSeq: number;
  log: OutMessage[];
  nextSeq: number;
  offsetBase: number;
  lastAck: number;
  /** Sequence of the last message handed out in a Messages answer (-1: none): the server-tracked ack of lenient mode. */
  delivered: number;
  /** Why the last ChasitorInit was refused, while no chat exists: Messages then answers 403, not a long poll. */
  initFailed: string | null;
  poll: Poll | null;
  flushScheduled: boolean;
  chat: Chat | null;
  /** ended: no new work, a poll may still collect what is pending; terminated: 403 for everything. */
  ended: boolean;
  terminated: boolean;
  endedAt: number | null;
  /** After a handover until ReconnectSession. */
  awaitingReconnect: boolean;
  omitResetSequence: boolean;
}

export interface Chat {
  id: string;
  session: Session;
  status: ChatStatus;
  agentId: string | null;
  buttonId: string;
  visitorName: string;
  visitorId: string;
  prechatDetails: unknown[];
  prechatEntities: unknown[];
  buttonOverrides: string[];
  requestedAgentId: string | null;
  doFallback: boolean;
  language: string;
  userAgent: string;
  screenResolution: string;
  receiveQueueUpdates: boolean;
  isPost: boolean;
  url: string;
  oref: string;
  breadcrumbs: Breadcrumb[];
  sneakPeek: string;
  visitorTyping: boolean;
  agentTyping: boolean;
  transcript: TranscriptEntry[];
  transcriptCount: number;
  received: ReceivedRow[];
  idleWarnings: { at: number; event: string }[];
  sensitiveDataTriggered: unknown[];
  customVariables: { name: string; value: string; url: string }[];
  requestedAt: number;
  acceptedAt: number | null;
  everEstablished: boolean;
  endedAt: number | null;
  endReason: string | null;
  queuePosition: number;
  awaitingResync: boolean;
}

export interface VisitorRecord {
  id: string;
  createdAt: number;
  breadcrumbs: Breadcrumb[];
  customVariables: { name: string; value: string; url: string }[];
}

export type FaultKind = 'status' | 'handover' | 'conflict' | 'delay' | 'drop' | 'malformed' | 'switch-server';
export const FAULT_KINDS: FaultKind[] = ['status', 'handover', 'conflict', 'delay', 'drop', 'malformed', 'switch-server'];

export interface FaultSpec {
  resource: string;
  kind: FaultKind;
  status?: number;
  body?: string;
  delayMs?: number;
  newUrl?: string;
  times?: number;
  probability?: number;
  seed?: number;
  /** kind "handover": the following ReconnectSession leaves out resetSequence when false. */
  resetSequence?: boolean;
  /**
   * Kinds "drop", "delay" and "status" only: hit *after* the request was applied (the server
   * did the work; the client sees the connection cut, a late answer, or the error status).
   */
  after?: boolean;
}

export interface Fault extends FaultSpec {
  id: string;
  hits: number;
  remaining: number | null;
  random: (() => number) | null;
}

export interface FaultLogRow {
  at: number;
  faultId: string;
  kind: FaultKind;
  resource: string;
  method: string;
  path: string;
  requestN: number;
}

export interface RequestRow {
  n: number;
  at: number;
  method: string;
  path: string;
  resource: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  status: number;
  /** When the answer was released (ms since epoch); null while open. */
  doneAt: number | null;
  /** The sandbox's mode when the request came in. */
  mode: 'strict' | 'lenient';
  /** What lenient mode tolerated in this request (absent when nothing). */
  lenient?: string[];
}

export type AgentState = AgentConfig;

const GEO = {
  countryCode: 'US',
  countryName: 'United States of America',
  region: 'CA',
  city: 'San Francisco',
  organization: 'Reference Server',
  latitude: 37.79388,
  longitude: -122.395114,
};

export class Sandbox {
  readonly id: string;
  readonly config: ServerConfig;
  readonly monitorToken: string;
  readonly agents: AgentState[];
  readonly sessions = new Map<string, Session>();
  readonly sessionsByKey = new Map<string, Session>();
  /** Chats by id (= session id); kept after the session is gone, for the test API. */
  readonly chats = new Map<string, Chat>();
  readonly visitors = new Map<string, VisitorRecord>();
  readonly looseBreadcrumbs: Breadcrumb[] = [];
  readonly faults: Fault[] = [];
  readonly faultLog: FaultLogRow[] = [];
  readonly requests: RequestRow[] = [];
  private requestCounter = 0;
  private faultCounter = 0;
  /** Estimated wait time state per button: A (seconds). */
  private readonly ewt = new Map<string, number>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  /** Tail of each session key's chain of unsequenced POSTs (lenient mode applies them in arrival order). */
  private readonly arrivalChains = new Map<string, Promise<unknown>>();
  lastUsed = Date.now();
  disposed = false;

  constructor(id: string, config: ServerConfig) {
    this.id = id;
    this.config = config;
    this.monitorToken = config.monitorToken || hex(16);
    this.agents = config.agents.map((a) => ({ ...a, buttons: [...a.buttons] }));
  }

  // ---------- timers ----------

  later(ms: number, fn: () => void): void {
    if (this.disposed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.disposed) return;
      try {
        fn();
      } catch (e) {
        // A timer must never take the server down (e.g. a chat that changed state meanwhile).
        console.error('reference server: timer failed', e);
      }
    }, ms);
    t.unref?.();
    this.timers.add(t);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    // 403, not 503: a 503 would send clients into a handover that cannot succeed.
    for (const s of this.sessions.values()) this.resolvePoll(s, { kind: 'status', status: 403, body: 'Sandbox removed' });
  }

  // ---------- lookups ----------

  button(id: string): ButtonConfig | undefined {
    return this.config.buttons.find((b) => b.id === id);
  }

  agent(id: string): AgentState | undefined {
    return this.agents.find((a) => a.id === id);
  }

  activeChatsOf(agentId: string): Chat[] {
    return [...this.chats.values()].filter((c) => c.status === 'active' && c.agentId === agentId);
  }

  hasCapacity(agent: AgentState): boolean {
    return agent.status === 'online' && this.activeChatsOf(agent.id).length < agent.capacity;
  }

  agentsOfButton(buttonId: string): AgentState[] {
    const b = this.button(buttonId);
    if (b?.type === 'ToAgent' && b.agentId) {
      const a = this.agent(b.agentId);
      return a ? [a] : [];
    }
    return this.agents.filter((a) => a.buttons.includes(buttonId));
  }

  /** Availability of a button id, an agent id, or "agentId_buttonId". */
  isAvailable(id: string): boolean | undefined {
    if (this.button(id)) return this.agentsOfButton(id).some((a) => this.hasCapacity(a));
    const agent = this.agent(id);
    if (agent) return this.hasCapacity(agent);
    const [agentId, buttonId] = id.split('_');
    if (agentId && buttonId && this.agent(agentId) && this.button(buttonId)) {
      const a = this.agent(agentId)!;
      return this.hasCapacity(a) || this.agentsOfButton(buttonId).some((x) => this.hasCapacity(x));
    }
    return undefined;
  }

  /** Agents who may take the chat, in preference order (buttonOverrides, agentId + doFallback, the button). */
  eligibleAgents(chat: Chat): AgentState[] {
    const out: AgentState[] = [];
    const add = (list: (AgentState | undefined)[]) => {
      for (const a of list) if (a && !out.includes(a)) out.push(a);
    };
    if (chat.buttonOverrides.length > 0) {
      for (const o of chat.buttonOverrides) {
        if (o.includes('_')) {
          const [agentId, buttonId] = o.split('_');
          add([this.agent(agentId!)]);
          add(this.agentsOfButton(buttonId!));
        } else if (this.agent(o)) add([this.agent(o)]);
        else add(this.agentsOfButton(o));
      }
      return out;
    }
    if (chat.requestedAgentId) {
      add([this.agent(chat.requestedAgentId)]);
      if (!chat.doFallback) return out;
    }
    add(this.agentsOfButton(chat.buttonId));
    return out;
  }

  // ---------- estimated wait time (guide, chapter 5) ----------

  estimatedWaitTime(buttonId: string, waitedMs = 0): number {
    const a = this.ewt.get(buttonId);
    if (a === undefined) return -1;
    return Math.max(0, Math.round(a - waitedMs / 1000));
  }

  private recordWait(buttonId: string, waitedMs: number): void {
    const w = waitedMs / 1000;
    const prev = this.ewt.get(buttonId);
    this.ewt.set(buttonId, prev === undefined ? w : 0.9 * prev + 0.1 * w);
  }

  // ---------- sessions ----------

  createSession(): Session {
    this.evictSessionsIfNeeded();
    const id = uuid();
    const session: Session = {
      id,
      // Real keys end in base64; '/' and '+' are avoided so the key can sit in a URL path (DELETE).
      key: `${id}!${Date.now()}!${Buffer.from(hex(20), 'hex').toString('base64').replace(/\//g, 'x').replace(/\+/g, 'y')}`,
      affinity: hex(4),
      createdAt: Date.now(),
      lastActivity: Date.now(),
      expectedSeq: 1,
      lastProcessedSeq: 0,
      log: [],
      nextSeq: 0,
      offsetBase: 10_000_000 + Math.floor(Math.random() * 80_000_000),
      lastAck: -1,
      delivered: -1,
      initFailed: null,
      poll: null,
      flushScheduled: false,
      chat: null,
      ended: false,
      terminated: false,
      endedAt: null,
      awaitingReconnect: false,
      omitResetSequence: false,
    };
    this.sessions.set(id, session);
    this.sessionsByKey.set(session.key, session);
    return session;
  }

  private evictSessionsIfNeeded(): void {
    const max = this.config.limits.maxSessions;
    if (this.sessions.size < max) return;
    const byAge = [...this.sessions.values()].sort((a, b) => Number(b.ended) - Number(a.ended) || a.lastActivity - b.lastActivity);
    for (const s of byAge) {
      if (this.sessions.size < max) break;
      this.endSession(s, 'timeout', { terminate: true });
      this.removeSession(s);
    }
  }

  removeSession(s: Session): void {
    this.resolvePoll(s, { kind: 'status', status: 403, body: 'Session expired' });
    this.sessions.delete(s.id);
    this.sessionsByKey.delete(s.key);
    // Chat records stay for the test API, but are bounded too.
    const max = this.config.limits.maxSessions;
    if (this.chats.size > max) {
      for (const [id, chat] of this.chats) {
        if (this.chats.size <= max) break;
        if (chat.status === 'ended') this.chats.delete(id);
      }
    }
  }

  /** Periodic clean-up: idle sessions end, ended sessions are forgotten. */
  sweep(now = Date.now()): void {
    for (const s of [...this.sessions.values()]) {
      if (s.poll) continue;
      const idle = now - s.lastActivity;
      if (!s.ended && idle > this.config.sessionTimeoutMs) this.endSession(s, 'timeout', { terminate: true });
      if (s.ended && now - (s.endedAt ?? now) > Math.min(this.config.sessionTimeoutMs, 60_000)) this.removeSession(s);
    }
  }

  // ---------- outgoing messages and long polls ----------

  push(session: Session, type: string, message: unknown): void {
    if (session.terminated) return;
    pushBounded(session.log, { seq: session.nextSeq++, type, message }, this.config.limits.maxMessagesPerSession);
    this.scheduleFlush(session);
  }

  pending(session: Session, ack: number): OutMessage[] {
    return session.log.filter((m) => m.seq > ack);
  }

  private scheduleFlush(session: Session): void {
    if (session.flushScheduled || !session.poll) return;
    session.flushScheduled = true;
    // A macrotask later, so messages produced together leave in one response.
    setImmediate(() => {
      session.flushScheduled = false;
      const poll = session.poll;
      if (!poll) return;
      const msgs = this.pending(session, poll.ack);
      if (msgs.length > 0) this.resolvePoll(session, { kind: 'messages', messages: msgs });
    });
  }

  /** Registers a long poll; resolves with messages, empty (204) or a status. */
  waitForMessages(session: Session, ack: number, signal: AbortSignal): Promise<PollResult> {
    const waitMs = Math.max(200, this.config.clientPollTimeout * 1000 - 1000);
    return new Promise<PollResult>((resolve) => {
      const timer = setTimeout(() => this.resolvePoll(session, { kind: 'empty' }), waitMs);
      timer.unref?.();
      const poll: Poll = { ack, resolve, timer };
      session.poll = poll;
      signal.addEventListener(
        'abort',
        () => {
          if (session.poll === poll) {
            clearTimeout(timer);
            session.poll = null;
            session.lastActivity = Date.now();
          }
          resolve({ kind: 'status', status: 499, body: 'Client closed request' });
        },
        { once: true },
      );
    });
  }

  resolvePoll(session: Session, result: PollResult): void {
    const poll = session.poll;
    if (!poll) return;
    session.poll = null;
    clearTimeout(poll.timer);
    session.lastActivity = Date.now();
    poll.resolve(result);
  }

  messagesBody(session: Session, messages: OutMessage[]): unknown {
    const last = messages[messages.length - 1]!;
    return {
      messages: messages.map((m) => ({ type: m.type, message: m.message })),
      sequence: last.seq,
      offset: session.offsetBase + last.seq,
    };
  }

  // ---------- chat lifecycle ----------

  idleTimeoutSettings(): unknown {
    const it = this.config.idleTimeout;
    return it.isEnabled ? { isEnabled: true, warningTime: it.warningTime, timeout: it.timeout } : { isEnabled: false };
  }

  rules(): unknown[] {
    return this.config.sensitiveDataRules.map((r) => ({ id: r.id, name: r.name, pattern: r.pattern, replacement: r.replacement, actionType: r.actionType }));
  }

  queuedChats(buttonId?: string): Chat[] {
    return [...this.chats.values()]
      .filter((c) => c.status === 'queued' && (buttonId === undefined || c.buttonId === buttonId))
      .sort((a, b) => a.requestedAt - b.requestedAt);
  }

  queuePositionOf(chat: Chat): number {
    return this.queuedChats(chat.buttonId).indexOf(chat) + 1;
  }

  /** ChasitorInit accepted: route, then ChatRequestSuccess or ChatRequestFail. */
  startChat(chat: Chat): void {
    this.chats.set(chat.id, chat);
    this.noteVisitor(chat.visitorId);
    const eligible = this.eligibleAgents(chat);
    const anyOnline = eligible.some((a) => a.status === 'online');
    if (!anyOnline) {
      chat.status = 'ended';
      chat.endedAt = Date.now();
      chat.endReason = 'Unavailable';
      this.push(chat.session, 'ChatRequestFail', { reason: 'Unavailable', postChatUrl: this.config.postChatUrl });
      this.markEnded(chat.session);
      return;
    }
    chat.queuePosition = this.queuePositionOf(chat);
    this.push(chat.session, 'ChatRequestSuccess', {
      queuePosition: chat.queuePosition,
      estimatedWaitTime: this.estimatedWaitTime(chat.buttonId),
      geoLocation: GEO,
      url: chat.url,
      oref: chat.oref,
      postChatUrl: this.config.postChatUrl,
      customDetails: chat.prechatDetails.map((d) => {
        const o = (d ?? {}) as Record<string, unknown>;
        return { label: o.label, value: o.value, transcriptFields: o.transcriptFields ?? [], displayToAgent: o.displayToAgent ?? true };
      }),
      visitorId: chat.visitorId,
      connectionTimeout: this.config.sessionTimeoutMs,
      sensitiveDataRules: this.rules(),
      transcriptSaveEnabled: false,
    });
    this.scheduleScriptedAccept(chat);
  }

  private markEnded(session: Session, terminate = false): void {
    session.ended = true;
    session.endedAt ??= Date.now();
    if (terminate) {
      session.terminated = true;
      this.resolvePoll(session, { kind: 'status', status: 403, body: 'Session ended' });
    }
  }

  /** Ends the chat of a session (visitor, agent, time-out, duplicate poll…). */
  endSession(session: Session, reason: string, opts: { terminate?: boolean; notify?: boolean } = {}): void {
    const chat = session.chat;
    const wasOpen = chat && chat.status !== 'ended';
    if (chat && wasOpen) {
      const wasQueued = chat.status === 'queued';
      chat.status = 'ended';
      chat.endedAt = Date.now();
      chat.endReason = reason;
      chat.visitorTyping = false;
      if (wasQueued) this.queueMoved(chat.buttonId);
      if (opts.notify !== false) {
        const msg: Record<string, unknown> = { reason };
        if (this.config.postChat.enabled) msg.attachedRecords = this.config.postChat.attachedRecords;
        this.push(session, 'ChatEnded', msg);
      }
    }
    if (opts.terminate) {
      // Let a waiting poll collect what is pending before the session dies.
      const poll = session.poll;
      if (poll) {
        const msgs = this.pending(session, poll.ack);
        if (msgs.length > 0) this.resolvePoll(session, { kind: 'messages', messages: msgs });
      }
    }
    this.markEnded(session, opts.terminate === true);
  }

  /** The agent accepts a queued chat. */
  accept(chat: Chat, agentId?: string): AgentState {
    if (chat.status !== 'queued') throw new HttpError(409, `Chat is ${chat.status}, not queued`);
    let agent: AgentState | undefined;
    if (agentId) {
      agent = this.agent(agentId);
      if (!agent) throw new HttpError(400, `Unknown agent ${agentId}`);
      if (this.activeChatsOf(agent.id).length >= agent.capacity) throw new HttpError(409, `Agent ${agentId} is at capacity`);
    } else {
      const eligible = this.eligibleAgents(chat);
      agent = eligible.find((a) => this.hasCapacity(a)) ?? eligible.find((a) => a.status === 'online');
      if (!agent) throw new HttpError(409, 'No online agent for this chat');
    }
    const now = Date.now();
    this.recordWait(chat.buttonId, now - chat.requestedAt);
    chat.status = 'active';
    chat.agentId = agent.id;
    chat.acceptedAt = now;
    chat.everEstablished = true;
    chat.queuePosition = 0;
    this.push(chat.session, 'ChatEstablished', {
      name: agent.name,
      userId: agent.id,
      items: [],
      sneakPeekEnabled: agent.sneakPeekEnabled,
      chasitorIdleTimeout: this.idleTimeoutSettings(),
    });
    if (this.config.sensitiveDataRules.length > 0) this.push(chat.session, 'SensitiveDataRules', { sensitiveDataRules: this.rules() });
    this.queueMoved(chat.buttonId);
    return agent;
  }

  /** Queued chats of a button get QueueUpdate when their position changed (receiveQueueUpdates only). */
  queueMoved(buttonId: string): void {
    this.queuedChats(buttonId).forEach((c, i) => {
      const position = i + 1;
      if (position === c.queuePosition) return;
      c.queuePosition = position;
      if (c.receiveQueueUpdates && !c.session.ended) {
        this.push(c.session, 'QueueUpdate', { position, estimatedWaitTime: this.estimatedWaitTime(c.buttonId, Date.now() - c.requestedAt) });
      }
    });
  }

  requireActive(chat: Chat): AgentState {
    if (chat.status !== 'active' || !chat.agentId) throw new HttpError(409, `Chat is ${chat.status}, not active`);
    return this.agent(chat.agentId)!;
  }

  agentSays(chat: Chat, text: string): void {
    const agent = this.requireActive(chat);
    chat.agentTyping = false;
    this.push(chat.session, 'ChatMessage', { text, name: agent.name, schedule: { responseDelayMilliseconds: 0 }, agentId: agent.id });
    this.addTranscript(chat, { type: 'Agent', name: agent.name, content: text, timestamp: Date.now(), agentId: agent.id });
  }

  agentTyping(chat: Chat, typing: boolean): void {
    const agent = this.requireActive(chat);
    chat.agentTyping = typing;
    this.push(chat.session, typing ? 'AgentTyping' : 'AgentNotTyping', { name: agent.name, agentId: agent.id });
  }

  transfer(chat: Chat, agentId: string): void {
    this.requireActive(chat);
    const agent = this.agent(agentId);
    if (!agent) throw new HttpError(400, `Unknown agent ${agentId}`);
    chat.agentId = agent.id;
    this.push(chat.session, 'ChatTransferred', {
      name: agent.name,
      userId: agent.id,
      sneakPeekEnabled: agent.sneakPeekEnabled,
      chasitorIdleTimeout: this.idleTimeoutSettings(),
    });
  }

  disconnect(chat: Chat): void {
    this.requireActive(chat);
    chat.status = 'queued';
    chat.agentId = null;
    chat.agentTyping = false;
    chat.requestedAt = Date.now();
    chat.queuePosition = this.queuePositionOf(chat);
    this.push(chat.session, 'AgentDisconnect', {});
  }

  /** Transcript entries are numbered 1, 2, … per chat; the list is bounded. */
  addTranscript(chat: Chat, entry: Omit<TranscriptEntry, 'sequence'>): void {
    pushBounded(chat.transcript, { ...entry, sequence: ++chat.transcriptCount }, this.config.limits.maxMessagesPerSession);
  }

  addReceived(chat: Chat, row: ReceivedRow): void {
    pushBounded(chat.received, row, this.config.limits.maxLogRows);
  }

  // ---------- visitors (monitoring) ----------

  noteVisitor(id: string): VisitorRecord {
    let v = this.visitors.get(id);
    if (!v) {
      v = { id, createdAt: Date.now(), breadcrumbs: [], customVariables: [] };
      this.visitors.set(id, v);
      if (this.visitors.size > this.config.limits.maxSessions * 2) {
        const oldest = this.visitors.keys().next().value;
        if (oldest !== undefined) this.visitors.delete(oldest);
      }
    }
    return v;
  }

  // ---------- scripted agent ----------

  private scheduleScriptedAccept(chat: Chat): void {
    const s = this.config.scriptedAgent;
    if (!s.enabled) return;
    const agent = this.agent(s.agentId);
    if (!agent || !this.eligibleAgents(chat).includes(agent)) return;
    this.later(s.acceptAfterMs, () => {
      if (chat.status !== 'queued' || chat.session.ended || !this.hasCapacity(agent)) return;
      this.accept(chat, agent.id);
      if (s.greeting) this.agentSays(chat, s.greeting);
      if (s.quickReplies) this.push(chat.session, 'CustomEvent', { type: 'rich_message', data: JSON.stringify(DEMO_QUICK_REPLIES) });
    });
  }

  /** The scripted agent answers a visitor message: typing, then "You said: …". */
  scriptedReply(chat: Chat, text: string): void {
    const s = this.config.scriptedAgent;
    if (!s.enabled || s.replyMode !== 'echo' || chat.agentId !== s.agentId || chat.status !== 'active') return;
    this.agentTyping(chat, true);
    this.later(s.typingMs, () => {
      if (chat.status !== 'active' || chat.agentId !== s.agentId) return;
      this.agentTyping(chat, false);
      this.agentSays(chat, `You said: ${text}`);
    });
  }

  // ---------- faults ----------

  addFault(spec: FaultSpec): Fault {
    const fault: Fault = {
      ...spec,
      id: `f${++this.faultCounter}`,
      hits: 0,
      remaining: spec.probability !== undefined ? null : (spec.times ?? 1),
      random: spec.probability !== undefined ? seededRandom(spec.seed ?? 1) : null,
    };
    this.faults.push(fault);
    return fault;
  }

  /** The first active fault that hits this request (consumes it), or null. */
  takeFault(resource: string, method: string, path: string, requestN: number): Fault | null {
    for (const f of this.faults) {
      if (!faultMatches(f.resource, resource)) continue;
      let hit: boolean;
      if (f.random) hit = f.random() < (f.probability ?? 0);
      else hit = (f.remaining ?? 0) > 0;
      if (!hit) continue;
      if (f.remaining !== null) f.remaining--;
      f.hits++;
      pushBounded(this.faultLog, { at: Date.now(), faultId: f.id, kind: f.kind, resource, method, path, requestN }, this.config.limits.maxLogRows);
      if (f.remaining === 0) this.faults.splice(this.faults.indexOf(f), 1);
      return f;
    }
    return null;
  }

  /**
   * Runs `fn` after every earlier call with the same key has finished: requests that carry no
   * X-LIVEAGENT-SEQUENCE are applied in the order they arrived, whatever order their bodies
   * finish arriving in.
   */
  async inArrivalOrder<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.arrivalChains.get(key) ?? Promise.resolve();
    const mine = before.then(fn, fn);
    const tail = mine.catch(() => undefined);
    this.arrivalChains.set(key, tail);
    try {
      return await mine;
    } finally {
      if (this.arrivalChains.get(key) === tail) this.arrivalChains.delete(key);
    }
  }

  nextRequestNumber(): number {
    return ++this.requestCounter;
  }

  logRequest(row: RequestRow): void {
    pushBounded(this.requests, row, this.config.limits.maxLogRows);
  }

  // ---------- handover ----------

  handover(session: Session, resetSequence = this.config.reconnectResetSequence): void {
    session.affinity = hex(4);
    session.awaitingReconnect = true;
    session.omitResetSequence = !resetSequence;
    this.resolvePoll(session, { kind: 'status', status: 503, body: 'Invalid Affinity Token' });
  }

  /** ReconnectSession: new affinity known to the client, sequence reset, ChasitorSessionData first. */
  reconnect(session: Session, offset: number | null): unknown {
    const known = offset !== null ? offset - session.offsetBase : session.lastAck;
    const unseen = session.log.filter((m) => m.seq > known);
    session.log = session.log.filter((m) => m.seq <= known);
    const chat = session.chat;
    if (chat) {
      const agent = chat.agentId ? this.agent(chat.agentId) : undefined;
      this.push(session, 'ChasitorSessionData', {
        queuePosition: chat.status === 'queued' ? this.queuePositionOf(chat) : 0,
        geoLocation: GEO,
        url: chat.url,
        oref: chat.oref,
        postChatUrl: this.config.postChatUrl,
        sneakPeekEnabled: agent?.sneakPeekEnabled ?? false,
        chatMessages: chat.transcript.map((t) => ({ type: t.type, name: t.name, content: t.content, timestamp: t.timestamp, sequence: t.sequence })),
      });
      chat.awaitingResync = true;
    }
    // Undelivered chat messages are in the transcript; anything else is delivered after it.
    for (const m of unseen) if (m.type !== 'ChatMessage' && m.type !== 'ChasitorSessionData') this.push(session, m.type, m.message);
    session.expectedSeq = 1;
    session.lastProcessedSeq = 0;
    session.awaitingReconnect = false;
    const message: Record<string, unknown> = { affinityToken: session.affinity };
    if (!session.omitResetSequence) message.resetSequence = true;
    session.omitResetSequence = false;
    return { messages: [{ type: 'ReconnectSession', message }] };
  }
}

export function faultMatches(pattern: string, resource: string): boolean {
  if (pattern === '*' || pattern === resource) return true;
  if (pattern.endsWith('/*')) return resource.startsWith(pattern.slice(0, -1));
  return false;
}

export function newChat(session: Session, fields: Partial<Chat> & Pick<Chat, 'buttonId'>): Chat {
  return {
    id: session.id,
    session,
    status: 'queued',
    agentId: null,
    visitorName: '',
    visitorId: uuid(),
    prechatDetails: [],
    prechatEntities: [],
    buttonOverrides: [],
    requestedAgentId: null,
    doFallback: false,
    language: '',
    userAgent: '',
    screenResolution: '',
    receiveQueueUpdates: false,
    isPost: true,
    url: '',
    oref: '',
    breadcrumbs: [],
    sneakPeek: '',
    visitorTyping: false,
    agentTyping: false,
    transcript: [],
    transcriptCount: 0,
    received: [],
    idleWarnings: [],
    sensitiveDataTriggered: [],
    customVariables: [],
    requestedAt: Date.now(),
    acceptedAt: null,
    everEstablished: false,
    endedAt: null,
    endReason: null,
    queuePosition: 0,
    awaitingResync: false,
    ...fields,
  };
}

/** The scripted agent's offer after its greeting (LiveChat's quick_replies template). */
const DEMO_QUICK_REPLIES = {
  type: 'rich_message',
  template_id: 'quick_replies',
  elements: [
    {
      title: 'Or pick one:',
      buttons: [
        { type: 'message', text: 'Track my order', value: 'track_order', postback_id: 'track_order', user_ids: [] },
        { type: 'message', text: 'Talk to a person', value: 'human', postback_id: 'talk_to_person', user_ids: [] },
      ],
    },
  ],
};

export function newSandboxId(): string {
  return shortId();
}

export type { AgentStatus };
