// A clock the test moves by hand (protocol/clock.ts's contract): timers run in time order when
// the test advances, with real macrotasks in between so fetch promises settle.
import type { Clock, TimerHandle } from '../../src/protocol/clock.js';

const settle = () => new Promise<void>((r) => setTimeout(r, 0));

export class VirtualClock implements Clock {
  private t = 1_700_000_000_000;
  private next = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.next;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  /** Lets pending promises and fetches settle (a few real macrotasks). */
  async settle(rounds = 5): Promise<void> {
    for (let i = 0; i < rounds; i++) await settle();
  }

  /** Moves time forward by `ms`, running every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await this.settle();
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
    }
    this.t = end;
    await this.settle();
  }
}
