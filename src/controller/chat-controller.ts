/**
 * ChatController: the one Lit ReactiveController that owns a visitor's chat for a
 * host element: a façade over small collaborators — presence and breadcrumbs
 * (presence-watch.ts), in-page navigation (navigation.ts), the session (protocol/session.ts),
 * persistence (protocol/persistence.ts), multi-tab leadership (protocol/tabs.ts) — that
 * provides the frozen ChatSnapshot through @lit/context.
 *
 * Owns: wiring them together, page hooks (visibility, pagehide) and their cleanup.
 * Leaves to others: the wire (protocol/client.ts), state transitions (protocol/reducer.ts),
 * the session's effects (protocol/session.ts), rendering (components/).
 *
 * `send()` THROWS a ProtocolError with code `too-long` for text over 4000 characters
 * (and sets snapshot.error): nothing is queued, so the composer keeps the draft.
 */
import { ContextProvider } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { RestClient } from '../protocol/client.js';
import { ProtocolError, toChatError, tooLong } from '../protocol/errors.js';
import { ChatStore } from '../protocol/persistence.js';
import { isRunning, reduce, reduceAll, type ChatInput } from '../protocol/reducer.js';
import { ChatSession } from '../protocol/session.js';
import type { SessionState } from '../protocol/session-types.js';
import {
  initialSnapshot,
  type ChatConfig,
  type ChatIntents,
  type ChatSnapshot,
  type PrechatValues,
} from '../protocol/snapshot.js';
import { Leadership, TabLink, type TabMessage } from '../protocol/tabs.js';
import { toWirePrechatDetails, type ChasitorInit } from '../protocol/wire.js';
import { chatSnapshotContext } from './context.js';
import { watchNavigation } from './navigation.js';
import { PresenceWatch } from './presence-watch.js';

export interface ChatControllerOptions {
  config: () => ChatConfig;
  onSnapshot?: (next: ChatSnapshot, previous: ChatSnapshot) => void;
  onCustomEvent?: (type: string, data: string) => void;
  prechatRequired?: () => boolean;
  storage?: Storage | null;
  fetch?: typeof fetch;
  sneakPeekIntervalMs?: number;
}

/** The intents a follower tab hands to the leading tab. */
type IntentName = Extract<TabMessage, { t: 'intent' }>['name'];

let idCounter = 0;
function newEntryId(): string {
  return `v${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}${(idCounter++).toString(36)}`;
}

/** One chat per endpoint + org + deployment (+ button): storage key, lock and channel name. */
function configKey(c: ChatConfig): string {
  return `${c.endpoint}|${c.orgId}|${c.deploymentId}|${c.buttonId}`;
}

function configComplete(c: ChatConfig): boolean {
  return Boolean(c.endpoint && c.orgId && c.deploymentId && c.buttonId);
}

export class ChatController implements ReactiveController, ChatIntents {
  private _snapshot: ChatSnapshot = initialSnapshot;
  private readonly provider: ContextProvider<typeof chatSnapshotContext>;
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: ChatControllerOptions;

  private connected = false;
  private life: AbortController | null = null;
  private cleanups: (() => void)[] = [];
  private client: RestClient | null = null;
  private session: ChatSession | null = null;
  private store: ChatStore | null = null;
  private tabs: TabLink | null = null;
  private lock: Leadership | null = null;
  /** Another tab runs the chat; this one mirrors it. */
  private follower = false;
  private peers = false;
  private latestShared: SessionState | null = null;
  /** Pending share of state with the other tabs (coalesced, sent after the current task). */
  private shareTimer: ReturnType<typeof setTimeout> | undefined;
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  private bootedKey = '';
  private inviteButton: string | null = null;
  private readonly presence = new PresenceWatch({
    client: () => this.client,
    store: () => this.store,
    signal: () => this.life?.signal,
    config: () => this.options.config(),
    snapshot: () => this._snapshot,
    dispatch: (i) => this.dispatch(i),
    follower: () => this.follower,
    credentials: () => {
      const st = this.session?.active ? this.session.state : null;
      return st ? { key: st.key, affinity: st.affinity } : null;
    },
    rejectInvitation: () => this.rejectInvitation(),
  });

  constructor(host: ReactiveControllerHost & HTMLElement, options: ChatControllerOptions) {
    this.host = host;
    this.options = options;
    this.provider = new ContextProvider(host, { context: chatSnapshotContext, initialValue: initialSnapshot });
    host.addController(this);
  }

  get snapshot(): ChatSnapshot {
    return this._snapshot;
  }

  // ------------------------------------------------------------ snapshot plumbing

  /** Inputs collected while a batch runs (one poll answer → one snapshot). */
  private batched: ChatInput[] | null = null;

  private dispatch(input: ChatInput): void {
    if (this.batched) this.batched.push(input);
    else this.commit(reduce(this._snapshot, input));
  }

  private batch(fn: () => void): void {
    if (this.batched) return fn();
    this.batched = [];
    try {
      fn();
    } finally {
      const inputs = this.batched;
      this.batched = null;
      if (inputs.length) this.commit(reduceAll(this._snapshot, inputs));
    }
  }

  private commit(next: ChatSnapshot, notify = true): void {
    const previous = this._snapshot;
    if (next === previous) return;
    this._snapshot = next;
    this.provider.setValue(next);
    this.host.requestUpdate();
    if (notify) this.options.onSnapshot?.(next, previous);
    if (!this.follower && this.session?.state && isRunning(next.phase)) this.persist();
    if (!this.follower && this.peers) this.shareSoon();
  }

  /**
   * Shares state with the other tabs once the current task is over, so the session state
   * (ack) and the snapshot (transcript) always travel together and agree.
   */
  private shareSoon(): void {
    if (this.shareTimer !== undefined || !this.tabs) return;
    this.shareTimer = setTimeout(() => {
      this.shareTimer = undefined;
      this.shareState();
    }, 20);
  }

  private persist(): void {
    const state = this.session?.state;
    if (state) this.save(state, () => this._snapshot);
  }

  /** Schedules a write of the chat (the snapshot is read at write time). */
  private save(session: SessionState, snapshot: () => ChatSnapshot): void {
    this.store?.save(() => ({ v: 1, session, snapshot: snapshot(), savedAt: Date.now() }));
  }

  /** Shares the chat with the other tabs: a delta since the last share, or the whole state. */
  private shareState(full = false): void {
    if (!this.tabs || this.follower) return;
    const session = this.session?.state ?? null;
    this.tabs.share(isRunning(this._snapshot.phase) ? session : null, this._snapshot, full);
  }

  // ------------------------------------------------------------ lifecycle

  hostConnected(): void {
    this.connected = true;
    const life = new AbortController();
    this.life = life;
    // Wait for the first update so properties set right after connecting are in place.
    // (A disconnect + reconnect meanwhile makes a new `life`: only the latest boots.)
    void this.host.updateComplete.then(() => {
      if (this.connected && this.life === life && this.bootedKey === '') this.boot();
    });
  }

  hostUpdated(): void {
    // Configuration arrived (or changed) after connecting: boot with it while no chat runs.
    if (!this.connected || !this.life || this.bootedKey === '') return;
    const c = this.options.config();
    if (configComplete(c) && configKey(c) !== this.bootedKey && !isRunning(this._snapshot.phase)) {
      this.teardown(false);
      this.life = new AbortController();
      this.boot();
    }
  }

  hostDisconnected(): void {
    this.connected = false;
    this.teardown(true);
  }

  private teardown(flush: boolean): void {
    this.life?.abort();
    this.life = null;
    if (this.session?.state && !this.follower && flush) {
      this.persist();
    }
    this.store?.flush();
    this.session?.stop();
    this.session = null;
    this.lock?.releaseAll();
    this.lock = null;
    this.tabs?.close();
    this.tabs = null;
    clearTimeout(this.shareTimer);
    clearTimeout(this.releaseTimer);
    this.shareTimer = this.releaseTimer = undefined;
    this.follower = false;
    this.peers = false;
    this.presence.stop();
    for (const c of this.cleanups.splice(0)) c();
    this.bootedKey = '';
  }

  private boot(): void {
    const config = this.options.config();
    this.bootedKey = configComplete(config) ? configKey(config) : 'incomplete';
    const storage = this.options.storage === undefined ? (typeof sessionStorage !== 'undefined' ? sessionStorage : null) : this.options.storage;
    this.store = new ChatStore(storage, configKey(config), 250, (e) => this.dispatch({ type: 'error', error: { code: e.code, message: e.message } }));
    if (!configComplete(config)) return;
    try {
      this.client = new RestClient({ endpoint: config.endpoint, apiVersion: config.apiVersion, fetch: this.options.fetch });
    } catch (e) {
      this.dispatch({ type: 'error', error: { code: 'config', message: e instanceof Error ? e.message : String(e) } });
      return;
    }
    const name = `live-chat:${configKey(config)}`;
    this.lock = new Leadership(name);
    this.tabs = new TabLink(name, (m) => this.onTabMessage(m));

    // Leaving the page: save now and stop the loop before the browser kills its requests
    // (a killed poll would otherwise be recorded as a network failure). Coming back from
    // the back/forward cache starts over from what was saved.
    const onPageHide = () => {
      if (this.session?.state && !this.follower) this.persist();
      this.store?.flush();
      this.session?.stop();
      this.lock?.releaseAll();
    };
    const onPageShow = (e: PageTransitionEvent) => {
      if (!e.persisted || !this.connected) return;
      this.teardown(false);
      this.life = new AbortController();
      this.boot();
    };
    addEventListener('pagehide', onPageHide);
    addEventListener('pageshow', onPageShow);
    this.cleanups.push(() => {
      removeEventListener('pagehide', onPageHide);
      removeEventListener('pageshow', onPageShow);
    });
    const onVisibility = () => {
      if (typeof document !== 'undefined' && document.visibilityState === 'visible') this.presence.schedulePing(0);
    };
    document.addEventListener('visibilitychange', onVisibility);
    this.cleanups.push(() => document.removeEventListener('visibilitychange', onVisibility));
    this.cleanups.push(watchNavigation(() => this.presence.breadcrumbSoon()));

    const stored = this.store.load();
    if (stored && isRunning(stored.snapshot.phase)) {
      // The baseline restored from storage is not reported through onSnapshot.
      const transcript = stored.snapshot.transcript.map((e) => Object.freeze(e));
      this.commit(Object.freeze({ ...stored.snapshot, transcript, leader: true, agentTyping: false }), false);
      void this.claim(stored.session);
      this.presence.breadcrumbSoon(0);
    } else {
      if (stored) this.store.clear();
      this.tabs.post({ t: 'hello', from: this.tabs.id });
      this.presence.begin();
    }
  }

  private newSession(client: RestClient, config: ChatConfig): ChatSession {
    return new ChatSession(
      client,
      {
        dispatch: (i) => this.dispatch(i),
        batch: (fn) => this.batch(fn),
        changed: (_state, urgent) => {
          this.persist();
          if (urgent) {
            // A sequence number was just spent: make it durable (storage, other tabs) before
            // the request leaves, so no page or tab that takes over can spend it again.
            this.store?.flush();
            if (this.peers) this.shareState();
          } else if (this.peers) this.shareSoon();
        },
        warn: (code, message) => this.dispatch({ type: 'error', error: { code, message } }),
        customEvent: (type, data) => {
          this.options.onCustomEvent?.(type, data);
          if (this.tabs && this.peers) this.tabs.post({ t: 'custom', from: this.tabs.id, type, data });
        },
        finished: () => {
          this.store?.clear();
          this.shareState();
          // Let the other tabs hear that the chat is over before the lock would make one of
          // them take it over (and poll a session that has ended).
          const lock = this.lock;
          clearTimeout(this.releaseTimer);
          this.releaseTimer = setTimeout(() => {
            if (this.lock === lock && !this.session?.active) lock?.releaseAll();
          }, 500);
        },
      },
      { orgId: config.orgId, sneakPeekIntervalMs: this.options.sneakPeekIntervalMs ?? 500 },
    );
  }

  /** A stored or shared chat: lead it if no other tab does, else follow. */
  private async claim(state: SessionState): Promise<void> {
    const lock = this.lock;
    if (!lock) return;
    const got = await lock.tryAcquire();
    if (!this.connected || this.lock !== lock) {
      if (got) lock.releaseAll();
      return;
    }
    if (got) this.lead(state, ChatController.RELOAD_SETTLE_MS);
    else this.follow(state);
  }

  /** Wait before the first poll of a resumed chat: the previous page's poll must be gone. */
  private static readonly RELOAD_SETTLE_MS = 300;
  private static readonly TAKEOVER_SETTLE_MS = 1000;

  private lead(state: SessionState, settleMs: number): void {
    if (!this.client) return;
    this.follower = false;
    this.dispatch({ type: 'leader', leader: true });
    const session = this.newSession(this.client, this.options.config());
    this.session = session;
    session.resume(state, settleMs);
    this.persist();
    this.shareState();
  }

  private follow(state: SessionState | null): void {
    this.follower = true;
    this.latestShared = state;
    this.dispatch({ type: 'leader', leader: false });
    this.tabs?.post({ t: 'hello', from: this.tabs.id });
    this.lock?.wait(() => {
      // The leading tab went away: take over from the latest state it shared.
      const latest = this.latestShared;
      if (this.connected && this.follower && latest && isRunning(this._snapshot.phase)) this.lead(latest, ChatController.TAKEOVER_SETTLE_MS);
      else {
        this.follower = false;
        this.dispatch({ type: 'leader', leader: true });
        this.lock?.releaseAll();
      }
    });
  }

  private onTabMessage(m: TabMessage): void {
    switch (m.t) {
      case 'hello':
        this.peers = true;
        if (!this.follower && (this.session?.state || isRunning(this._snapshot.phase))) this.shareState(true);
        break;
      case 'state':
      case 'delta': {
        this.peers = true;
        if (this.session?.active && !this.follower) break; // two leaders cannot both be right; ours stands
        if (!this.follower && (!m.session || !isRunning(m.snapshot.phase) || isRunning(this._snapshot.phase))) break;
        // A delta that does not fit ours is dropped; the link has asked for a full state.
        const next = this.tabs?.adopt(m, this._snapshot);
        if (!next) break;
        if (!this.follower) {
          // Another tab runs a chat and ours is not running: mirror it.
          this.session?.stop();
          this.session = null;
          this.commit(next);
          this.follow(m.session);
          this.save(m.session!, () => next);
          break;
        }
        if (m.session) this.latestShared = m.session;
        this.commit(next);
        if (m.session) this.save(m.session, () => next);
        else if (!isRunning(next.phase)) {
          this.store?.clear();
          this.lock?.releaseAll();
        }
        break;
      }
      case 'intent': {
        const s = this.session;
        if (this.follower || !s) break;
        const [a = '', b = ''] = m.args;
        try {
          if (m.name === 'end') void s.end();
          else if (m.name === 'retry') this.retry(a);
          else if (m.name === 'send' || m.name === 'setDraft' || m.name === 'sendCustomEvent') s[m.name](a, b);
        } catch {
          /* the follower checked the limits already */
        }
        break;
      }
      case 'custom':
        if (this.follower) this.options.onCustomEvent?.(m.type, m.data);
        break;
    }
  }

  /** In a follower tab, hands the intent to the leading tab (true); else false. */
  private forward(name: IntentName, ...args: string[]): boolean {
    if (this.follower) this.tabs?.post({ t: 'intent', from: this.tabs.id, name, args });
    return this.follower;
  }

  // ------------------------------------------------------------ intents

  beginPrechat(): void {
    this.dispatch({ type: 'begin-prechat' });
  }

  cancelPrechat(): void {
    this.inviteButton = null;
    this.dispatch({ type: 'cancel-prechat' });
  }

  private starting = false;

  async start(values: PrechatValues = {}): Promise<void> {
    if (isRunning(this._snapshot.phase) || this.follower || this.starting) return;
    this.starting = true;
    try {
      await this.startChat(values);
    } finally {
      this.starting = false;
    }
  }

  private async startChat(values: PrechatValues): Promise<void> {
    // Called right after the host was inserted (before its first update): boot first.
    if (this.connected && this.bootedKey === '') {
      await this.host.updateComplete;
      if (this.connected && this.bootedKey === '') this.boot();
    }
    const config = this.options.config();
    if (!configComplete(config)) {
      this.dispatch({ type: 'error', error: { code: 'config', message: 'endpoint, org-id, deployment-id and button-id are required' } });
      return;
    }
    if (!this.client || !this.connected) {
      this.dispatch({ type: 'error', error: { code: 'config', message: 'The chat element is not connected' } });
      return;
    }
    this.presence.stopPing();
    const lock = this.lock;
    if (lock && !(await lock.tryAcquire())) {
      // Another tab is running a chat: join it instead.
      this.tabs?.post({ t: 'hello', from: this.tabs.id });
      return;
    }
    this.dispatch({ type: 'connecting' });
    const buttonId = values.buttonId ?? this.inviteButton ?? config.buttonId;
    this.inviteButton = null;
    const init: Omit<ChasitorInit, 'sessionId'> = {
      organizationId: config.orgId,
      deploymentId: config.deploymentId,
      buttonId,
      userAgent: typeof navigator !== 'undefined' ? navigator.userAgent : '',
      language: config.language || (typeof navigator !== 'undefined' ? navigator.language : 'en-US'),
      screenResolution: typeof screen !== 'undefined' ? `${screen.width}x${screen.height}` : '',
      visitorName: values.visitorName || config.visitorName || '',
      prechatDetails: toWirePrechatDetails(values.prechatDetails ?? []),
      prechatEntities: values.prechatEntities ?? [],
      buttonOverrides: values.buttonOverrides ?? [],
      receiveQueueUpdates: true,
      isPost: true,
    };
    this.session?.stop();
    const session = this.newSession(this.client, config);
    this.session = session;
    await session.start(init);
    this.shareState();
  }

  send(text: string): string {
    const err = tooLong(text);
    if (err) {
      this.dispatch({ type: 'error', error: toChatError(err) });
      throw err;
    }
    if (text.trim() === '') return '';
    if (this._snapshot.error?.code === 'too-long') this.dispatch({ type: 'error', error: null });
    const id = newEntryId();
    if (this.forward('send', id, text)) return id;
    if (!this.session?.active) throw new ProtocolError('http', 'No chat is running');
    this.session.send(id, text);
    return id;
  }

  retry(entryId: string): void {
    if (this.forward('retry', entryId)) return;
    const entry = this._snapshot.transcript.find((e) => e.id === entryId);
    if (entry?.kind === 'visitor' && entry.status === 'failed') this.session?.retry(entryId, entry.text);
  }

  setDraft(text: string): void {
    if (!this.forward('setDraft', text)) this.session?.setDraft(text);
  }

  async end(): Promise<void> {
    if (this.forward('end')) return;
    const session = this.session;
    if (!session) {
      if (this._snapshot.phase === 'prechat') this.cancelPrechat();
      return;
    }
    await session.end('visitor');
  }

  sendCustomEvent(type: string, data: string): void {
    if (!this.forward('sendCustomEvent', type, data)) this.session?.sendCustomEvent(type, data);
  }

  acceptInvitation(): void {
    const buttonId = this.presence.answerInvitation();
    if (!buttonId) return;
    this.inviteButton = buttonId;
    if (this.options.prechatRequired?.()) this.beginPrechat();
    else void this.start({ buttonId });
  }

  rejectInvitation(): void {
    if (this.presence.answerInvitation()) this.dispatch({ type: 'invitation', invitation: null });
  }

  reset(): void {
    if (isRunning(this._snapshot.phase) && !this.follower) return;
    this.session?.stop();
    this.session = null;
    if (this.follower) {
      this.follower = false;
      this.lock?.releaseAll();
    }
    this.dispatch({ type: 'reset' });
    if (this.connected) this.presence.schedulePing(0);
  }

  /** For tests and diagnostics: the resumable state of the running session, if this tab leads one. */
  get sessionState(): Readonly<SessionState> | null {
    return this.session?.state ?? null;
  }
}
