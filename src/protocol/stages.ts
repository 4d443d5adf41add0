/**
 * The stages of a session and the machinery every stage shares: the one `enter(next)` that
 * changes stage (aborting what the old stage owned), the session's own facts, the outbox's
 * door (`enqueue`, `sendable`) and how settled items are reported.
 *
 * Owns: the current stage, its AbortController, the items queued while creating.
 * Leaves to others: what each stage does (session.ts), sending (sender.ts).
 */
import type { Credentials } from './client.js';
import type { Clock } from './clock.js';
import { toChatError, type ProtocolError } from './errors.js';
import type { OutboxItem, SessionHost, SessionState } from './session-types.js';

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

const RUNNING: readonly StageKind[] = ['creating', 'resuming', 'polling', 'handover', 'resyncing', 'ending'];

export abstract class StagedSession {
  state: SessionState | null = null;
  protected stageNow: Stage = { kind: 'idle' };
  /** Requests owned by the current stage. */
  protected stageAbort = new AbortController();
  /** Items queued while the session is being created. */
  protected early: OutboxItem[] = [];
  /** The visitor asked to end (kept across a handover that interrupts the end). */
  protected endReason: 'visitor' | 'idle' | null = null;
  /** We told the visitor about trouble (or resumed a page that may have): clear it when the connection works. */
  protected troubled = false;
  protected endAck: ((ok: boolean) => void) | null = null;
  protected doneWaiters: (() => void)[] = [];

  constructor(
    protected readonly host: SessionHost,
    protected readonly clock: Clock,
  ) {}

  /** Stops typing, sneak peeks and timers (done, stopped). */
  protected abstract quiet(): void;
  /** Sends what may go now. */
  protected abstract kick(): void;

  get stage(): Stage {
    return this.stageNow;
  }

  protected isDone(): boolean {
    return this.stageNow.kind === 'done';
  }

  /** A chat is under way in this tab (it may be recovering). */
  get active(): boolean {
    return RUNNING.includes(this.stageNow.kind);
  }

  /**
   * The one way to change stage. Aborts the requests the old stage owned unless `carryOn`
   * (polling → ending, resyncing → polling keep the open poll), and tells the visitor.
   */
  protected enter(next: Stage, carryOn = false): void {
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

  protected credentials(): Credentials {
    const st = this.state!;
    return { key: st.key, affinity: st.affinity };
  }

  protected changed(urgent = false): void {
    if (this.state) this.host.changed(this.state, urgent);
  }

  protected wakeAll(): void {
    this.endAck?.(false);
    this.endAck = null;
    for (const w of this.doneWaiters.splice(0)) w();
  }

  /** Resolves when the session is done or after `ms`. */
  protected waitDone(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = this.clock.setTimeout(resolve, ms);
      this.doneWaiters.push(() => {
        this.clock.clearTimeout(t);
        resolve();
      });
    });
  }

  protected enqueue(item: OutboxItem): void {
    const st = this.state;
    if (!st) {
      // Before ChasitorInit went through (the visitor typed while connecting): kept for later.
      if (this.stageNow.kind === 'creating') this.early.push(item);
      else this.settled([item], 'failed');
      return;
    }
    st.outbox.push(item);
    this.changed();
    this.kick();
  }

  protected sendable(item: OutboxItem): boolean {
    const st = this.state!;
    const kind = this.stageNow.kind;
    if (kind !== 'polling' && kind !== 'ending') return false;
    if (item.noun === 'ChasitorResyncState') return true;
    if (item.force) return st.requestSucceeded;
    return st.requestSucceeded && st.established;
  }

  protected settled(items: readonly OutboxItem[], outcome: 'sent' | 'failed', error?: ProtocolError): void {
    const ids = items.flatMap((i) => (i.entryId ? [i.entryId] : []));
    if (ids.length) this.host.dispatch({ type: 'delivery', ids, status: outcome });
    if (error) this.host.dispatch({ type: 'error', error: toChatError(error) });
    if (items.some((i) => i.noun === 'ChatEnd')) {
      this.endAck?.(outcome === 'sent');
      this.endAck = null;
    }
  }
}
