/**
 * Several tabs, one chat, as seen from one tab: whether this tab leads (runs the session) or
 * follows (mirrors the leader's snapshot and hands its intents over), the sharing of state with
 * the others, and the hand-over when the leader goes.
 *
 * A follower keeps every message it handed over until it sees it in a shared transcript: if
 * the leader went away before taking it (a reload, a closed tab), it hands it to the next
 * leader, or sends it itself when it takes over — never lost, never twice (entry ids are kept).
 *
 * Owns: the lock, the channel, leader/follower, the latest shared session, forwarded sends.
 * Leaves to others: what a session does (protocol/session.ts), deltas on the wire (protocol/tabs.ts).
 */
import { isRunning } from '../protocol/reducer.js';
import type { ChatSession } from '../protocol/session.js';
import type { SessionState } from '../protocol/session-types.js';
import type { ChatSnapshot } from '../protocol/snapshot.js';
import { Leadership, TabLink, type TabMessage } from '../protocol/tabs.js';

type IntentName = Extract<TabMessage, { t: 'intent' }>['name'];

export interface TabSyncHost {
  connected(): boolean;
  snapshot(): ChatSnapshot;
  commit(next: ChatSnapshot): void;
  /** This tab leads (true) or follows (false). */
  leader(leading: boolean): void;
  session(): ChatSession | null;
  /** Starts leading `state` (a new session resumed from it) after `settleMs`. */
  resume(state: SessionState, settleMs: number): ChatSession | null;
  /** Stops and forgets this tab's session (another tab runs the chat). */
  dropSession(): void;
  save(state: SessionState, snapshot: ChatSnapshot): void;
  clearStore(): void;
  customEvent(type: string, data: string): void;
  /** The leader runs a follower's intent. */
  run(name: IntentName, args: readonly string[]): void;
}

/** Wait before the first poll of a resumed chat: the previous page's poll must be gone. */
export const RELOAD_SETTLE_MS = 300;
const TAKEOVER_SETTLE_MS = 1000;

function has(snapshot: ChatSnapshot, id: string): boolean {
  const t = snapshot.transcript;
  for (let i = t.length - 1; i >= 0; i--) if (t[i].id === id) return true;
  return false;
}

export class TabSync {
  readonly lock: Leadership;
  private readonly link: TabLink;
  /** Another tab runs the chat; this one mirrors it. */
  follower = false;
  /** Another tab has said hello: share with it. */
  peers = false;
  private latestShared: SessionState | null = null;
  private shareTimer: ReturnType<typeof setTimeout> | undefined;
  private releaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** A stored chat is being claimed: whether this tab leads is not known yet. */
  private claiming = false;
  /** Sends handed to the leader and not yet seen in a shared transcript (id → text). */
  private readonly forwarded = new Map<string, string>();

  constructor(
    name: string,
    private readonly host: TabSyncHost,
  ) {
    this.lock = new Leadership(name);
    this.link = new TabLink(name, (m) => this.onMessage(m));
  }

  close(): void {
    clearTimeout(this.shareTimer);
    clearTimeout(this.releaseTimer);
    this.lock.releaseAll();
    this.link.close();
  }

  /** The session the leading tab last shared (a follower's view of the chat's credentials). */
  get shared(): Readonly<SessionState> | null {
    return this.follower ? this.latestShared : null;
  }

  hello(): void {
    this.link.post({ t: 'hello', from: this.link.id });
  }

  /**
   * Shares state with the other tabs once the current task is over, so the session state
   * (ack) and the snapshot (transcript) always travel together and agree.
   */
  shareSoon(): void {
    if (this.shareTimer !== undefined || !this.peers || this.follower) return;
    this.shareTimer = setTimeout(() => {
      this.shareTimer = undefined;
      this.share();
    }, 20);
  }

  /** Shares the chat now: a delta since the last share, or the whole state. */
  share(full = false): void {
    if (this.follower) return;
    const snapshot = this.host.snapshot();
    const session = this.host.session()?.state ?? null;
    this.link.share(isRunning(snapshot.phase) ? session : null, snapshot, full);
  }

  customEvent(type: string, data: string): void {
    if (this.peers) this.link.post({ t: 'custom', from: this.link.id, type, data });
  }

  /** The chat is over here: tell the others before the lock would make one of them take over. */
  finished(): void {
    this.share();
    clearTimeout(this.releaseTimer);
    this.releaseTimer = setTimeout(() => {
      if (!this.host.session()?.active) this.lock.releaseAll();
    }, 500);
  }

  /** A stored or shared chat: lead it if no other tab does, else follow. */
  async claim(state: SessionState): Promise<void> {
    this.claiming = true;
    const got = await this.lock.tryAcquire();
    this.claiming = false;
    if (!this.host.connected()) {
      if (got) this.lock.releaseAll();
      return;
    }
    if (got) this.lead(state, RELOAD_SETTLE_MS);
    else this.follow(state);
  }

  /** A follower hands the intent to the leader (true); a leader runs it itself (false). */
  forward(name: IntentName, ...args: string[]): boolean {
    if (this.claiming && name === 'send') {
      // A reloaded page does not know yet whether it leads: the send waits with the forwarded
      // ones (sent by this tab if it leads, handed to the leader if it follows).
      this.forwarded.set(args[0], args[1]);
      return true;
    }
    if (!this.follower) return false;
    if (name === 'send') {
      // Every send not yet seen taken goes again, in order, before the new one: a leader that
      // has just taken over never gets a later message before an earlier one (it skips the ids
      // it already took).
      this.forwarded.set(args[0], args[1]);
      for (const [id, text] of this.forwarded) this.link.post({ t: 'intent', from: this.link.id, name, args: [id, text] });
    } else this.link.post({ t: 'intent', from: this.link.id, name, args });
    return true;
  }

  /** This tab stops following (reset after the chat ended). */
  unfollow(): void {
    if (!this.follower) return;
    this.follower = false;
    this.lock.releaseAll();
  }

  private lead(state: SessionState, settleMs: number): void {
    this.follower = false;
    this.host.leader(true);
    const session = this.host.resume(state, settleMs);
    // What this tab handed over and never saw taken is sent now, under its own id.
    const snapshot = this.host.snapshot();
    for (const [id, text] of this.forwarded) if (!has(snapshot, id)) session?.send(id, text);
    this.forwarded.clear();
    this.share();
  }

  private follow(state: SessionState | null): void {
    this.follower = true;
    this.latestShared = state;
    this.host.leader(false);
    this.hello();
    for (const [id, text] of this.forwarded) this.link.post({ t: 'intent', from: this.link.id, name: 'send', args: [id, text] });
    this.lock.wait(() => {
      // The leading tab went away: take over from the latest state it shares, once its last
      // words (a share sent as it went) have had time to arrive and its poll is gone.
      setTimeout(() => {
        const latest = this.latestShared;
        if (this.host.connected() && this.follower && latest && isRunning(this.host.snapshot().phase)) this.lead(latest, 0);
        else {
          this.follower = false;
          this.host.leader(true);
          this.lock.releaseAll();
        }
      }, TAKEOVER_SETTLE_MS);
    });
  }

  private onMessage(m: TabMessage): void {
    const h = this.host;
    switch (m.t) {
      case 'hello':
        this.peers = true;
        if (!this.follower && (h.session()?.state || isRunning(h.snapshot().phase))) this.share(true);
        break;
      case 'state':
      case 'delta': {
        this.peers = true;
        if (h.session()?.active && !this.follower) break; // two leaders cannot both be right; ours stands
        if (!this.follower && (!m.session || !isRunning(m.snapshot.phase) || isRunning(h.snapshot().phase))) break;
        // A delta that does not fit ours is dropped; the link has asked for a full state.
        const next = this.link.adopt(m, h.snapshot());
        if (!next) break;
        if (!this.follower) {
          // Another tab runs a chat and ours is not running: mirror it.
          h.dropSession();
          h.commit(next);
          this.follow(m.session);
          h.save(m.session!, next);
          break;
        }
        if (m.session) this.latestShared = m.session;
        h.commit(next);
        this.settleForwarded(next, m.t === 'state');
        if (m.session) h.save(m.session, next);
        else if (!isRunning(next.phase)) {
          h.clearStore();
          this.lock.releaseAll();
        }
        break;
      }
      case 'intent':
        if (this.follower || !h.session()) break;
        // A send the leader already took (handed over twice) is not taken again.
        if (m.name === 'send' && has(h.snapshot(), m.args[0] ?? '')) break;
        h.run(m.name, m.args);
        break;
      case 'custom':
        if (this.follower) h.customEvent(m.type, m.data);
        break;
    }
  }

  /** Forwarded sends seen in the leader's transcript are done; a new leader (full state) gets the rest again. */
  private settleForwarded(snapshot: ChatSnapshot, full: boolean): void {
    for (const [id, text] of this.forwarded) {
      if (has(snapshot, id)) this.forwarded.delete(id);
      else if (full && isRunning(snapshot.phase)) this.link.post({ t: 'intent', from: this.link.id, name: 'send', args: [id, text] });
    }
  }
}
