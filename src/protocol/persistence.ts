/**
 * Persistence of a running chat in sessionStorage (the Storage object is injected),
 * so a reload or a page change resumes it: session credentials, sequence, ack,
 * offset, unsent outbox and the transcript. Also keeps the visitor id.
 *
 * Owns: the stored format and when it is written. Writes are debounced, and the
 * transcript is stored in chunks of CHUNK entries under their own keys: a write
 * re-serialises only the chunks whose entries changed since the last write (entries
 * are immutable, so identity tells) plus the small head, so the cost of a message
 * does not grow with the transcript. Leaves to others: what is stored (loop.ts
 * SessionState, the snapshot) and when to load it (controller).
 *
 * Format 2: `live-chat:<key>:chat` = {v: 2, session, snapshot without transcript,
 * n (chunks), len (entries), savedAt}; `live-chat:<key>:t:<i>` = entries
 * i*CHUNK … as a JSON array. A format-1 record (whole transcript in the head) still loads.
 */
import type { SessionState } from './session-types.js';
import { diffTranscript } from './transcript-diff.js';
import { ProtocolError } from './errors.js';
import type { ChatSnapshot, TranscriptEntry } from './snapshot.js';

/** A chat as the controller saves and loads it (the stored format is this module's). */
export interface StoredChat {
  v: 1;
  session: SessionState;
  snapshot: ChatSnapshot;
  savedAt: number;
}

interface StoredHead {
  v: 2;
  session: SessionState;
  snapshot: Omit<ChatSnapshot, 'transcript'>;
  n: number;
  len: number;
  savedAt: number;
}

/** Transcript entries per stored chunk. */
export const CHUNK = 200;

type Entries = readonly TranscriptEntry[];

function unreadable(): never {
  throw new Error('unreadable');
}

export class ChatStore {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: (() => StoredChat) | null = null;
  /** The transcript as last written, and the head string written with it (null: unknown). */
  private written: Entries | null = null;
  private writtenHead: string | null = null;

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

  private chunkKey(i: number): string {
    return `live-chat:${this.key}:t:${i}`;
  }

  private get openKey(): string {
    return `live-chat:${this.key}:open`;
  }

  private get visitorKey(): string {
    return `live-chat:${this.key}:visitor`;
  }

  load(): StoredChat | null {
    const storage = this.storage;
    let raw: string | null;
    try {
      raw = storage?.getItem(this.chatKey) ?? null;
    } catch {
      return null;
    }
    if (!raw) return null;
    let n = 0;
    try {
      const head = JSON.parse(raw) as Partial<StoredHead> | Partial<StoredChat>;
      if (!head.session?.key || !head.snapshot) unreadable();
      if (head.v === 1 && Array.isArray(head.snapshot.transcript)) return head as StoredChat;
      if (head.v !== 2) unreadable();
      n = head.n!;
      const transcript: TranscriptEntry[] = [];
      for (let i = 0; i < n; i++) {
        const chunk = JSON.parse(storage!.getItem(this.chunkKey(i)) ?? '0') as TranscriptEntry[];
        // Every chunk but the last is full; the last may have grown if a write stopped half-way.
        if (!Array.isArray(chunk) || (i < n - 1 && chunk.length !== CHUNK)) unreadable();
        for (const e of chunk) transcript.push(e);
      }
      if (transcript.length < head.len! || Math.ceil(head.len! / CHUNK) !== n) unreadable();
      transcript.length = head.len!;
      this.written = transcript;
      this.writtenHead = raw;
      return { v: 1, session: head.session, snapshot: { ...(head.snapshot as ChatSnapshot), transcript }, savedAt: head.savedAt! };
    } catch {
      // Unreadable: drop it rather than fail on every load.
      this.remove(n);
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
      this.write(make());
    } catch (e) {
      this.written = this.writtenHead = null;
      this.onError(new ProtocolError('storage', `The chat could not be saved for a reload: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  private write({ session, snapshot, savedAt }: StoredChat): void {
    const storage = this.storage!;
    const { transcript, ...rest } = snapshot;
    const n = Math.ceil(transcript.length / CHUNK);
    // Someone else (a frame sharing this storage) wrote since we did: our record of
    // the chunks is void, rewrite them all.
    let before = this.written;
    if (before && storage.getItem(this.chatKey) !== this.writtenHead) before = null;
    const oldN = before ? Math.ceil(before.length / CHUNK) : 0;
    // Dirty chunks: every one after a reset; else those holding a changed or an appended entry.
    const diff = diffTranscript(before, transcript);
    const dirty = new Set(diff.changed.map((i) => Math.floor(i / CHUNK)));
    for (let c = Math.floor(diff.from / CHUNK); c < n; c++) dirty.add(c);
    if (diff.reset) for (let c = 0; c < n; c++) dirty.add(c);
    for (const c of dirty) storage.setItem(this.chunkKey(c), JSON.stringify(transcript.slice(c * CHUNK, Math.min((c + 1) * CHUNK, transcript.length))));
    const head: StoredHead = { v: 2, session, snapshot: rest, n, len: transcript.length, savedAt };
    const raw = JSON.stringify(head);
    storage.setItem(this.chatKey, raw);
    for (let c = n; c < oldN; c++) storage.removeItem(this.chunkKey(c));
    this.written = transcript;
    this.writtenHead = raw;
  }

  /** The chat is over: forget it (a pending write is dropped). */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
    this.remove(Math.ceil((this.written?.length ?? 0) / CHUNK));
    this.panelOpen = null;
  }

  /** Whether the panel was open while the stored chat ran (null: nothing stored). */
  get panelOpen(): boolean | null {
    try {
      const v = this.storage?.getItem(this.openKey);
      return v == null ? null : v === '1';
    } catch {
      return null;
    }
  }

  set panelOpen(open: boolean | null) {
    try {
      if (open !== null) this.storage?.setItem(this.openKey, open ? '1' : '0');
      else for (const key of [this.openKey, `${this.openKey}:unread`]) this.storage?.removeItem(key);
    } catch {
      /* storage disabled: the next page starts minimised */
    }
  }

  /** Agent messages that arrived while the panel was minimised and are not seen yet (the launcher's badge). */
  get unread(): number {
    try {
      return Number(this.storage?.getItem(`${this.openKey}:unread`)) || 0;
    } catch {
      return 0;
    }
  }

  set unread(n: number) {
    try {
      this.storage?.setItem(`${this.openKey}:unread`, String(n));
    } catch {
      /* storage disabled: the next page's badge starts at 0 */
    }
  }

  /** Removes the head and every chunk (the first `n`, and any found after them). */
  private remove(n = 0): void {
    const storage = this.storage;
    this.written = this.writtenHead = null;
    try {
      storage?.removeItem(this.chatKey);
      for (let i = 0; storage && (i < n || storage.getItem(this.chunkKey(i)) !== null); i++) storage.removeItem(this.chunkKey(i));
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

  /** Invite buttons whose invitation the visitor answered in this tab (never offered again on the site's next pages). */
  get answeredInvites(): string[] {
    try {
      const ids: unknown = JSON.parse(this.storage?.getItem(`live-chat:${this.key}:invites`) ?? '[]');
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return []; // unreadable or storage disabled: none remembered
    }
  }

  set answeredInvites(ids: string[]) {
    try {
      this.storage?.setItem(`live-chat:${this.key}:invites`, JSON.stringify(ids));
    } catch {
      /* storage disabled: remembered for this page only */
    }
  }
}
