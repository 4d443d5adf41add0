/**
 * The visitor's idle time-out, run on the client (the server does not enforce it for custom
 * clients): from the agent's last message, a warning at `warningTime`, the end at `timeout`.
 *
 * Owns: its two timers, on an injected clock. Leaves to others: what a warning or the end does
 * (session.ts).
 */
import type { Clock, TimerHandle } from './clock.js';
import type { IdleTimeoutSettings } from './wire.js';

export class IdleTimer {
  private timers: TimerHandle[] = [];
  /** A warning is showing (until the visitor writes or the agent does). */
  warned = false;

  constructor(
    private readonly clock: Clock,
    private readonly onWarn: (deadline: number, seconds: number) => void,
    private readonly onExpire: () => void,
  ) {}

  /** (Re)starts the clock from the agent's last message; nothing runs without one. */
  arm(cfg: IdleTimeoutSettings | null, lastAgentMessageAt: number | null): void {
    this.clearTimers();
    if (!cfg?.isEnabled || lastAgentMessageAt === null) return;
    const warnAt = lastAgentMessageAt + cfg.warningTime * 1000;
    const endAt = lastAgentMessageAt + cfg.timeout * 1000;
    const now = this.clock.now();
    if (!this.warned && cfg.warningTime > 0 && cfg.warningTime < cfg.timeout) {
      this.timers.push(
        this.clock.setTimeout(() => {
          if (this.warned) return;
          this.warned = true;
          this.onWarn(endAt, Math.max(0, Math.round((endAt - this.clock.now()) / 1000)));
        }, Math.max(0, warnAt - now)),
      );
    }
    this.timers.push(this.clock.setTimeout(() => this.onExpire(), Math.max(0, endAt - now)));
  }

  clearTimers(): void {
    for (const t of this.timers.splice(0)) this.clock.clearTimeout(t);
  }

  /** Stops everything and forgets the warning. */
  dispose(): void {
    this.clearTimers();
    this.warned = false;
  }
}
