/**
 * Several tabs, one chat: a Web Lock elects the tab that runs the long poll (two
 * polls on one session would make the server end the chat with 409), and a
 * BroadcastChannel carries the leader's snapshot and session state to the other
 * tabs and their intents back to the leader. When the leader's tab closes its lock
 * is released and the next waiting tab takes over.
 *
 * Owns: the election and the channel. Leaves to others: what is sent (controller).
 * Both are platform APIs; where one is missing every tab leads on its own.
 */
import type { SessionState } from './loop.js';
import type { ChatSnapshot } from './snapshot.js';

export type TabMessage =
  /** A tab asks whether a chat is running. */
  | { t: 'hello'; from: string }
  /** The leader's current chat. */
  | { t: 'state'; from: string; session: SessionState | null; snapshot: ChatSnapshot }
  /** A follower's intent for the leader to carry out. */
  | { t: 'intent'; from: string; name: 'send' | 'retry' | 'setDraft' | 'end' | 'sendCustomEvent'; args: string[] }
  /** An agent CustomEvent, for every tab's page. */
  | { t: 'custom'; from: string; type: string; data: string };

export class TabLink {
  readonly id = Math.random().toString(36).slice(2, 10);
  private readonly channel: BroadcastChannel | null;

  constructor(name: string, onMessage: (m: TabMessage) => void) {
    this.channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
    if (this.channel) {
      this.channel.onmessage = (e: MessageEvent<TabMessage>) => {
        if (e.data && typeof e.data === 'object' && e.data.from !== this.id) onMessage(e.data);
      };
    }
  }

  post(m: TabMessage): void {
    try {
      this.channel?.postMessage(m);
    } catch {
      /* closed or not cloneable: the other tabs catch up on the next state */
    }
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
