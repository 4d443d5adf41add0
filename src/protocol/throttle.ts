/**
 * Rate limits for what the visitor types: a trailing-edge throttle (sneak peek) and
 * a typing tracker that turns keystrokes into one Typing / NotTyping per change.
 *
 * Owns: timing only, on an injected clock. Leaves to others: what is sent (session.ts).
 */
import { realClock, type Clock, type TimerHandle } from './clock.js';

/**
 * Calls `fn` at most once per `intervalMs` with the latest value. The first value of a
 * quiet period goes out at once (leading), later values wait for the interval and only
 * the last of them is sent (trailing), so the receiver always ends on the final value.
 */
export class TrailingThrottle<T> {
  private timer: TimerHandle | undefined;
  private last = -Infinity;
  private pending: { value: T } | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly fn: (value: T) => void,
    private readonly clock: Clock = realClock,
  ) {}

  push(value: T): void {
    this.pending = { value };
    if (this.timer !== undefined) return;
    const wait = this.last + this.intervalMs - this.clock.now();
    if (wait <= 0) this.fire();
    else this.timer = this.clock.setTimeout(() => this.fire(), wait);
  }

  private fire(): void {
    this.timer = undefined;
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    this.last = this.clock.now();
    this.fn(p.value);
  }

  /** Drops what is waiting (nothing goes out after a send). */
  cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = null;
  }

  get waiting(): boolean {
    return this.pending !== null;
  }
}

/**
 * Typing state from draft changes: `onChange(true)` at the start of a burst,
 * `onChange(false)` after `pauseMs` without a change, when the draft empties, or on `stop()`.
 */
export class TypingTracker {
  private typing = false;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly pauseMs: number,
    private readonly onChange: (typing: boolean) => void,
    private readonly clock: Clock = realClock,
  ) {}

  draft(text: string): void {
    if (text.trim() === '') {
      this.stop();
      return;
    }
    if (!this.typing) {
      this.typing = true;
      this.onChange(true);
    }
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.stop(), this.pauseMs);
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.typing) {
      this.typing = false;
      this.onChange(false);
    }
  }

  /** Forget the state without reporting (chat over). */
  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.typing = false;
  }

  get isTyping(): boolean {
    return this.typing;
  }
}
