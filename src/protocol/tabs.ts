/**
 * Several tabs, one chat: a Web Lock elects the tab that runs the long poll (two
 * polls on one session would make the server end the chat with 409), and a
 * BroadcastChannel carries the leader's snapshot and session state to the other
 * tabs and their intents back to the leader. When the leader's tab closes its lock
 * is released and the next waiting tab takes over.
 *
 * Owns: the election, the channel and how a chat travels on it: a full state when a
 * tab says hello (or after a change of leader), else a delta — the snapshot without
 * its transcript, the entries appended and the entries changed — so the cost of a
 * message does not grow with the transcript. A follower that finds itself out of
 * step asks for a full state. Leaves to others: when to share and what to do with
 * it (controller). Both are platform APIs; where one is missing every tab leads on its own.
 */
import type { SessionState } from './session-types.js';
import type { ChatSnapshot, TranscriptEntry } from './snapshot.js';
import { diffTranscript } from './transcript-diff.js';

type Shared = { from: string; seq: number; session: SessionState | null };

export type TabMessage =
  /** A tab asks whether a chat is running (and for a full state). */
  | { t: 'hello'; from: string }
  /** The leader's current chat, whole. */
  | (Shared & { t: 'state'; snapshot: ChatSnapshot })
  /**
   * The leader's chat as a change to the previous message (`seq` − 1): `base` is the
   * transcript length it applies to, `entries` are appended, `changed` replaces
   * entries by index (their ids must match).
   */
  | (Shared & { t: 'delta'; snapshot: Omit<ChatSnapshot, 'transcript'>; base: number; entries: TranscriptEntry[]; changed: [number, TranscriptEntry][] })
  /** A follower's intent for the leader to carry out. */
  | { t: 'intent'; from: string; name: 'send' | 'retry' | 'setDraft' | 'end' | 'sendCustomEvent'; args: string[] }
  /** An agent CustomEvent, for every tab's page. */
  | { t: 'custom'; from: string; type: string; data: string };

const { freeze } = Object;

export class TabLink {
  readonly id = Math.random().toString(36).slice(2, 10);
  private readonly channel: BroadcastChannel | null;
  /** Leader: the transcript as last shared, and the number of the last share. */
  private shared: readonly TranscriptEntry[] | null = null;
  private seq = 0;
  /** Follower: whose shares it follows, the last one applied, and whether a full state was asked for. */
  private leaderId = '';
  private lastSeq = -1;
  private asked = false;

  constructor(name: string, onMessage: (m: TabMessage) => void) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
    if (this.channel) {
      this.channel.onmessage = (e: MessageEvent<TabMessage>) => {
        if (e.data && typeof e.data === 'object' && e.data.from !== this.id) onMessage(e.data);
      };
    }
  }

  post(m: TabMessage): boolean {
    try {
      this.channel?.postMessage(m);
      return true;
    } catch {
      /* closed or not cloneable: the other tabs catch up on the next full state */
      return false;
    }
  }

  /** Leader: shares the chat, as a delta against the previous share unless `full`. */
  share(session: SessionState | null, snapshot: ChatSnapshot, full: boolean): void {
    const before = this.shared;
    const after = snapshot.transcript;
    const base = { from: this.id, seq: ++this.seq, session };
    let ok: boolean;
    const diff = diffTranscript(before, after);
    if (full || diff.reset) {
      ok = this.post({ ...base, t: 'state', snapshot });
    } else {
      const changed = diff.changed.map((i): [number, TranscriptEntry] => [i, after[i]]);
      const { transcript: _, ...rest } = snapshot;
      ok = this.post({ ...base, t: 'delta', snapshot: rest, base: diff.from, entries: after.slice(diff.from), changed });
    }
    this.shared = ok ? after : null;
  }

  /**
   * Follower: the snapshot (frozen, `leader: false`) a `state` or `delta` message makes
   * of `current`; null when the delta does not fit what this tab has — it has then
   * asked the leader for a full state.
   */
  adopt(m: TabMessage & { t: 'state' | 'delta' }, current: ChatSnapshot): ChatSnapshot | null {
    if (m.t === 'state') {
      this.leaderId = m.from;
      this.lastSeq = m.seq;
      this.asked = false;
      return freeze({ ...m.snapshot, transcript: freeze(m.snapshot.transcript.map((e) => freeze(e))), leader: false });
    }
    const old = current.transcript;
    let transcript: readonly TranscriptEntry[] | null = m.from === this.leaderId && m.seq === this.lastSeq + 1 && old.length === m.base ? old : null;
    if (transcript && (m.entries.length || m.changed.length)) {
      const copy = old.slice();
      for (const [i, e] of m.changed) {
        if (old[i]?.id !== e.id) transcript = null;
        copy[i] = freeze(e);
      }
      for (const e of m.entries) copy.push(freeze(e));
      if (transcript) transcript = freeze(copy);
    }
    if (!transcript) {
      if (!this.asked) this.post({ t: 'hello', from: this.id });
      this.asked = true;
      return null;
    }
    this.lastSeq = m.seq;
    return freeze({ ...m.snapshot, transcript, leader: false });
  }

  close(): void {
    if (this.channel) {
      this.channel.onmessage = null;
      this.channel.close();
    }
  }
}

type LockManagerLike = {
  request(name: string, options: { ifAvailable?: boolean; signal?: AbortSignal }, cb: (lock: unknown) => Promise<unknown>): Promise<unknown>;
};

function lockManager(): LockManagerLike | null {
  const nav = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManagerLike }) : null;
  return nav?.locks ?? null;
}

/** The leadership lock of one chat deployment. */
export class Leadership {
  private release: (() => void) | null = null;
  private waiting: AbortController | null = null;

  constructor(private readonly name: string) {}

  get held(): boolean {
    return this.release !== null;
  }

  /** Takes the lock if nobody holds it. Without Web Locks every tab leads. */
  tryAcquire(): Promise<boolean> {
    if (this.release) return Promise.resolve(true);
    const locks = lockManager();
    if (!locks) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      locks
        .request(this.name, { ifAvailable: true }, (lock) => {
          if (!lock) {
            resolve(false);
            return Promise.resolve();
          }
          return new Promise<void>((release) => {
            this.release = release;
            resolve(true);
          });
        })
        .catch(() => resolve(true));
    });
  }

  /** Queues for the lock; `onAcquired` runs when this tab becomes the leader. */
  wait(onAcquired: () => void): void {
    const locks = lockManager();
    if (!locks || this.release || this.waiting) return;
    const abort = new AbortController();
    this.waiting = abort;
    locks
      .request(this.name, { signal: abort.signal }, () => {
        this.waiting = null;
        return new Promise<void>((release) => {
          this.release = release;
          onAcquired();
        });
      })
      .catch(() => {
        /* aborted: no longer waiting */
      });
  }

  /** Gives the lock up (and stops waiting for it). */
  releaseAll(): void {
    this.waiting?.abort();
    this.waiting = null;
    const r = this.release;
    this.release = null;
    r?.();
  }
}
