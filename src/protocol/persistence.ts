/**
 * Persistence of a running chat in sessionStorage (the Storage object is injected),
 * so a reload or a page change resumes it: session credentials, sequence, ack,
 * offset, unsent outbox and the transcript. Also keeps the visitor id.
 *
 * Owns: the stored format and when it is written (debounced: serialising a long
 * transcript on every message would cost O(n) per message). Leaves to others: what
 * is stored (loop.ts SessionState, the snapshot) and when to load it (controller).
 */
import type { SessionState } from './loop.js';
import { ProtocolError } from './wire.js';
import type { ChatSnapshot } from './snapshot.js';

export interface StoredChat {
  v: 1;
  session: SessionState;
  snapshot: ChatSnapshot;
  savedAt: number;
}

const VERSION = 1;

export class ChatStore {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: (() => StoredChat) | null = null;

  constructor(
    private readonly storage: Storage | null,
    /** Distinguishes deployments sharing an origin. */
    readonly key: string,
    private readonly delayMs = 250,
    /** Called when writing fails (quota, storage disabled). */
    private readonly onError: (e: ProtocolError) => void = () => {},
  ) {}

  private get chatKey(): string {
    return `live-chat:${this.key}:chat`;
  }

  private get visitorKey(): string {
    return `live-chat:${this.key}:visitor`;
  }

  load(): StoredChat | null {
    if (!this.storage) return null;
    let raw: string | null;
    try {
      raw = this.storage.getItem(this.chatKey);
    } catch {
      return null;
    }
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<StoredChat>;
      if (parsed.v !== VERSION || !parsed.session?.key || !parsed.snapshot || !Array.isArray(parsed.snapshot.transcript)) {
        throw new Error('unknown format');
      }
      return parsed as StoredChat;
    } catch {
      // Unreadable: drop it rather than fail on every load.
      this.remove();
      return null;
    }
  }

  /** Schedules a write; `make` runs at write time so only the latest state is serialised. */
  save(make: () => StoredChat): void {
    if (!this.storage) return;
    this.pending = make;
    if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Writes what is pending now (disconnect, pagehide). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const make = this.pending;
    this.pending = null;
    if (!make || !this.storage) return;
    try {
      this.storage.setItem(this.chatKey, JSON.stringify(make()));
    } catch (e) {
      this.onError(new ProtocolError('storage', `The chat could not be saved for a reload: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  /** The chat is over: forget it (a pending write is dropped). */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
    this.remove();
  }

  private remove(): void {
    try {
      this.storage?.removeItem(this.chatKey);
    } catch {
      /* storage disabled */
    }
  }

  get visitorId(): string | null {
    try {
      return this.storage?.getItem(this.visitorKey) ?? null;
    } catch {
      return null;
    }
  }

  set visitorId(id: string | null) {
    try {
      if (id === null) this.storage?.removeItem(this.visitorKey);
      else this.storage?.setItem(this.visitorKey, id);
    } catch {
      /* storage disabled: the id lives for this page only */
    }
  }
}
