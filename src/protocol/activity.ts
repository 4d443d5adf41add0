/**
 * What the visitor's typing and silence send: ChasitorTyping / NotTyping (one per change),
 * throttled sneak peeks of the draft (masked by the sensitive-data rules like every text that
 * leaves), the idle time-out's warning events, and the masking of messages with the report of
 * which rules matched (and, once each, which rules were refused).
 *
 * Owns: the typing tracker, the sneak-peek throttle, the idle timer, the rules reported.
 * Leaves to others: the outbox and the stages (session.ts).
 */
import type { Clock } from './clock.js';
import { IdleTimer } from './idle.js';
import type { ChatInput } from './reducer.js';
import { applySensitiveDataRules, refusedRules } from './sensitive.js';
import type { OutboxItem, SessionState } from './session-types.js';
import { TrailingThrottle, TypingTracker } from './throttle.js';
import type { SensitiveDataRule } from './wire.js';

export interface ActivityHost {
  readonly clock: Clock;
  state(): SessionState | null;
  enqueue(item: OutboxItem): void;
  dispatch(input: ChatInput): void;
  /** The idle time-out ran out. */
  expire(): void;
  /** SensitiveDataRuleTriggered (informational). */
  report(rules: readonly SensitiveDataRule[]): void;
  warn(message: string): void;
}

export class VisitorActivity {
  private lastPeek = '';
  private readonly reported = new Set<string>();
  private readonly typing: TypingTracker;
  private readonly peek: TrailingThrottle<string>;
  private readonly idle: IdleTimer;

  constructor(
    private readonly host: ActivityHost,
    options: { typingPauseMs: number; sneakPeekIntervalMs: number },
  ) {
    const { clock } = host;
    this.typing = new TypingTracker(options.typingPauseMs, (t) => host.enqueue({ noun: t ? 'ChasitorTyping' : 'ChasitorNotTyping', body: {} }), clock);
    this.peek = new TrailingThrottle(
      options.sneakPeekIntervalMs,
      (text) => {
        this.lastPeek = text;
        this.dropPeeks();
        host.enqueue({ noun: 'ChasitorSneakPeek', body: { position: 0, text: this.mask(text).text } });
      },
      clock,
    );
    this.idle = new IdleTimer(
      clock,
      (deadline, seconds) => {
        host.dispatch({ type: 'idle-warning', deadline, seconds, time: clock.now() });
        host.enqueue({ noun: 'ChasitorIdleTimeoutWarningEvent', body: { idleTimeoutWarningEvent: 'triggered' } });
      },
      () => host.expire(),
    );
  }

  /** The draft changed (only while an agent with the chat is there). */
  draft(text: string, sneakPeekEnabled: boolean): void {
    this.typing.draft(text);
    if (sneakPeekEnabled && text !== this.lastPeek) this.peek.push(text);
    else if (text === this.lastPeek) this.peek.cancel();
  }

  /** The visitor sends `text`: returns it masked; nothing of the draft goes out after it; the idle clock stops. */
  sending(text: string): string {
    const { text: masked, triggered } = this.mask(text);
    if (triggered.length) this.host.report(triggered);
    this.peek.cancel();
    this.dropPeeks();
    this.lastPeek = '';
    this.typing.stop();
    this.clearWarning();
    const st = this.host.state();
    if (st) st.lastAgentMessageAt = null;
    this.idle.clearTimers();
    return masked;
  }

  /** The agent wrote: a warning showing is cleared. */
  agentWrote(): void {
    this.clearWarning();
  }

  /** The agent left: no typing or peeks until the next one. */
  agentLeft(): void {
    this.typing.dispose();
    this.peek.cancel();
  }

  /** (Re)arms the idle clock from the state's settings and the agent's last message. */
  arm(): void {
    const st = this.host.state();
    this.idle.arm(st?.idleTimeout ?? null, st?.lastAgentMessageAt ?? null);
  }

  /** New rules arrived: say once which of them cannot be run safely. */
  rulesChanged(): void {
    for (const { rule, reason } of refusedRules(this.host.state()?.rules ?? [])) {
      const key = `${rule.id}|${rule.pattern.length}`;
      if (this.reported.has(key)) continue;
      this.reported.add(key);
      this.host.warn(`Sensitive-data rule "${rule.name || rule.id}" was refused (${reason}); long digit runs are masked instead`);
    }
  }

  /** No more typing, sneak peeks or idle timers. */
  quiet(): void {
    this.typing.dispose();
    this.peek.cancel();
    this.idle.dispose();
  }

  private clearWarning(): void {
    if (!this.idle.warned) return;
    this.idle.warned = false;
    this.host.dispatch({ type: 'idle-cleared', time: this.host.clock.now() });
    this.host.enqueue({ noun: 'ChasitorIdleTimeoutWarningEvent', body: { idleTimeoutWarningEvent: 'cleared' } });
  }

  private mask(text: string) {
    return applySensitiveDataRules(text, this.host.state()?.rules ?? []);
  }

  /** Removes queued sneak peeks (not one already bound to a number). */
  private dropPeeks(): void {
    const st = this.host.state();
    if (st) st.outbox = st.outbox.filter((i) => i.noun !== 'ChasitorSneakPeek');
  }
}
