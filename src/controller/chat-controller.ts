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
import { initialSnapshot, type ChatConfig, type ChatIntents, type ChatSnapshot, type PrechatValues } from '../protocol/snapshot.js';
import { toWirePrechatDetails, type ChasitorInit } from '../protocol/wire.js';
import { choose, upload, type RichHost, type UploadLimits } from './rich-actions.js';
import { chatSnapshotContext } from './context.js';
import { newEntryId, questionLine } from './visitor-lines.js';
import { watchNavigation } from './navigation.js';
import { PresenceWatch } from './presence-watch.js';
import { takeLoaderSettings } from './loader-settings.js';
import { TabSync } from './tab-sync.js';

export interface ChatControllerOptions {
  config: () => ChatConfig;
  onSnapshot?: (next: ChatSnapshot, previous: ChatSnapshot) => void;
  onCustomEvent?: (type: string, data: string) => void;
  prechatRequired?: () => boolean;
  onRestore?: (open: boolean, unread: number) => void; // a stored chat came back (reload, next page): was its panel open, how many unseen?
  storage?: Storage | null;
  fetch?: typeof fetch;
  sneakPeekIntervalMs?: number;
}

/** One chat per endpoint + org + deployment (+ button): storage key, lock and channel name. */
const configKey = (c: ChatConfig): string => `${c.endpoint}|${c.orgId}|${c.deploymentId}|${c.buttonId}`;
const configComplete = (c: ChatConfig): boolean => Boolean(c.endpoint && c.orgId && c.deploymentId && c.buttonId);

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
  private tabs: TabSync | null = null;
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
      const st = this.session?.active ? this.session.state : (this.tabs?.shared ?? null);
      return st ? { key: st.key, affinity: st.affinity } : null;
    },
    rejectInvitation: () => this.rejectInvitation(),
    loaderSettings: (ids) => takeLoaderSettings(this.host, this.options.config(), ids),
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
    if (notify && isRunning(next.phase) && !isRunning(previous.phase) && this.store) this.store.panelOpen = this.open;
    this.tabs?.shareSoon();
  }

  private open = false;
  /** The host's panel (open or not, and the launcher's unread count): kept with a running chat, so a reload or the next page shows it again. */
  panel(open: boolean, unread: number): void {
    this.open = open;
    if (this.store && isRunning(this._snapshot.phase)) [this.store.panelOpen, this.store.unread] = [open, unread];
  }

  /** Another tab runs the chat; this one mirrors it. */
  private get follower(): boolean {
    return this.tabs?.follower ?? false;
  }

  private persist(): void {
    const state = this.session?.state;
    if (state) this.save(state, () => this._snapshot);
  }

  /** Schedules a write of the chat (the snapshot is read at write time). */
  private save(session: SessionState, snapshot: () => ChatSnapshot): void {
    this.store?.save(() => ({ v: 1, session, snapshot: snapshot(), savedAt: Date.now() }));
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
    this.tabs?.close();
    this.tabs = null;
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
    this.tabs = new TabSync(`live-chat:${configKey(config)}`, {
      connected: () => this.connected,
      snapshot: () => this._snapshot,
      commit: (next) => this.commit(next),
      // Leading or following, the page a stored chat came back on gets its crumb, now with the chat's headers.
      leader: (leader) => (this.dispatch({ type: 'leader', leader }), this.presence.breadcrumbSoon(0)),
      session: () => this.session,
      resume: (state, settleMs) => {
        if (!this.client) return null;
        this.session = this.newSession(this.client, this.options.config());
        this.session.resume(state, settleMs);
        this.persist();
        return this.session;
      },
      dropSession: () => {
        this.session?.stop();
        this.session = null;
      },
      save: (state, snapshot) => this.save(state, () => snapshot),
      clearStore: () => this.store?.clear(),
      customEvent: (type, data) => this.options.onCustomEvent?.(type, data),
      run: (name, [a = '', b = '']) => {
        if (name === 'end') void this.end();
        else if (name === 'retry') this.retry(a);
        else if (name === 'send') this.session?.send(a, b);
        else this.session?.[name](a, b);
      },
    });

    // Leaving the page: save now and stop the loop before the browser kills its requests
    // (a killed poll would otherwise be recorded as a network failure). Coming back from
    // the back/forward cache starts over from what was saved.
    const onPageHide = () => {
      // The other tabs get the last word too (what this tab queued since its last share).
      if (this.session?.state && !this.follower) {
        this.persist();
        this.tabs?.share();
      }
      this.store?.flush();
      this.session?.stop();
      this.tabs?.lock.releaseAll();
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
      void this.tabs.claim(stored.session);
      this.options.onRestore?.((this.open = this.store.panelOpen === true), this.store.unread);
    } else {
      if (stored) this.store.clear();
      this.tabs.hello();
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
            if (this.tabs?.peers) this.tabs.share();
          } else this.tabs?.shareSoon();
        },
        warn: (code, message) => this.dispatch({ type: 'error', error: { code, message } }),
        customEvent: (type, data) => {
          this.options.onCustomEvent?.(type, data);
          this.tabs?.customEvent(type, data);
        },
        finished: () => {
          this.store?.clear();
          this.tabs?.finished();
        },
      },
      { orgId: config.orgId, sneakPeekIntervalMs: this.options.sneakPeekIntervalMs ?? 500 },
    );
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
    if (this.tabs && !(await this.tabs.lock.tryAcquire())) {
      // Another tab is running a chat: join it instead.
      this.tabs.hello();
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
    const settleQuestion = questionLine(values.question, init.visitorName, newEntryId(), (i) => this.dispatch(i));
    this.session?.stop();
    const session = this.newSession(this.client, config);
    this.session = session;
    await session.start(init);
    settleQuestion(session.state !== null);
    this.tabs?.share();
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
    if (this.tabs?.forward('send', id, text)) return id;
    if (!this.session?.active) throw new ProtocolError('http', 'No chat is running');
    this.session.send(id, text);
    return id;
  }

  retry(entryId: string): void {
    if (this.tabs?.forward('retry', entryId)) return;
    const entry = this._snapshot.transcript.find((e) => e.id === entryId);
    if (entry?.kind === 'visitor' && entry.status === 'failed') this.session?.retry(entryId, entry.text);
  }

  setDraft(text: string): void {
    if (!this.tabs?.forward('setDraft', text)) this.session?.setDraft(text);
  }

  async end(): Promise<void> {
    if (this.tabs?.forward('end')) return;
    const session = this.session;
    if (!session) {
      if (this._snapshot.phase === 'prechat') this.cancelPrechat();
      return;
    }
    await session.end('visitor');
  }

  sendCustomEvent(type: string, data: string): void {
    if (!this.tabs?.forward('sendCustomEvent', type, data)) this.session?.sendCustomEvent(type, data);
  }

  choose(entryId: string, element: number, button: number): void {
    choose(this.rich, entryId, element, button);
  }
  upload(entryId: string, file: File, limits: UploadLimits, signal: AbortSignal, onProgress?: (loaded: number, total: number) => void): Promise<void> {
    return upload(this.rich, entryId, file, limits, signal, onProgress);
  }
  private readonly rich: RichHost = { snapshot: () => this._snapshot, send: (t) => this.send(t), sendCustomEvent: (t, d) => this.sendCustomEvent(t, d), dispatch: (i) => this.dispatch(i), session: () => (this.session?.active ? this.session.state : null), orgId: () => this.options.config().orgId, newId: newEntryId };

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
    this.tabs?.unfollow();
    this.dispatch({ type: 'reset' });
    if (this.connected) this.presence.schedulePing(0);
  }

  /** For tests and diagnostics: the resumable state of the running session, if this tab leads one. */
  get sessionState(): Readonly<SessionState> | null {
    return this.session?.state ?? null;
  }
}
