/**
 * <live-chat-invitation>: the proactive invitation of an Invite button (snapshot.invitation).
 * Places the card at the configured end position, animates it in with its renderer
 * (Slide from the start position, Fade, Appear; Custom shows like Appear; no animation
 * under reduced motion), rejects itself after `rejectTime` seconds (paused while the
 * visitor points at or focuses it) and reports the answer with InvitationAnswerEvent.
 * It never takes focus; its text is announced politely. Never calls the controller.
 */
import { html, nothing, type PropertyValues } from 'lit';
import type { Invitation } from '../../protocol/snapshot.js';
import { InvitationAnswerEvent } from '../events.js';
import { ChatView } from '../shared/view-element.js';
import { controls } from '../shared/controls.styles.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './live-chat-invitation.styles.js';
import { endAnchors, slideStart } from './invitation-placement.js';

export { endAnchors, slideStart } from './invitation-placement.js';

/**
 * @tagname live-chat-invitation
 * @summary A proactive chat invitation (Invite button): Slide, Fade or Appear, accept or decline.
 * @fires invitation-answer - InvitationAnswerEvent `{accepted}`: accepted, declined, or timed out.
 * @csspart invitation - The invitation card.
 * @csspart invitation-accept - "Start chat".
 * @csspart invitation-decline - "No, thanks".
 * @cssprop [--live-chat-color-surface=#fff] - Card background.
 * @cssprop [--live-chat-shadow=0 8px 32px rgb(0 0 0 / 0.2)] - Card shadow.
 * @cssprop [--live-chat-z-index=2147483000] - Stacking order of the card.
 * @cssprop [--live-chat-motion=1] - 0 turns the entrance animation off (as prefers-reduced-motion does).
 */
export class LiveChatInvitation extends ChatView {
  static override styles = [tokens, controls, styles];

  /** The invitation on screen (animated and timed once), and the one answered. */
  #shown: Invitation | null = null;
  #answered: Invitation | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #held = 0;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop();
    this.#shown = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.requestUpdate(); // moved back into the page: show (and time) the invitation again
  }

  #current(): Invitation | null {
    const inv = this.snapshot.invitation;
    return inv && inv !== this.#answered ? inv : null;
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const inv = this.#current();
    if (inv === this.#shown) return;
    this.#stop();
    this.#shown = inv;
    this.#held = 0;
    if (!inv) return;
    this.#start();
    const card = this.renderRoot.querySelector<HTMLElement>('.card');
    // --_motion is 0 under prefers-reduced-motion or when the page sets --live-chat-motion: 0.
    if (!card || getComputedStyle(card).getPropertyValue('--_motion').trim() === '0') return;
    if (inv.renderer === 'Fade') {
      card.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 400, easing: 'ease-out' });
    } else if (inv.renderer === 'Slide') {
      const r = card.getBoundingClientRect();
      const [x, y] = slideStart(inv.startPosition, innerWidth, innerHeight, r.width, r.height);
      card.animate([{ transform: `translate(${x - r.left}px, ${y - r.top}px)` }, { transform: 'none' }], {
        duration: 600,
        easing: 'ease-out',
      });
    }
  }

  /** (Re)starts the auto-reject countdown unless the visitor is on the card. */
  #start(): void {
    const inv = this.#shown;
    this.#stop();
    if (inv && inv.rejectTime > 0 && !this.#held) {
      this.#timer = setTimeout(() => this.#answer(false), inv.rejectTime * 1000);
    }
  }

  #stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #hold(on: boolean): void {
    this.#held = Math.max(0, this.#held + (on ? 1 : -1));
    if (on) this.#stop();
    else this.#start();
  }

  #answer(accepted: boolean): void {
    if (!this.#shown) return;
    this.#answered = this.#shown;
    this.#stop();
    this.requestUpdate();
    // Dispatched through a variable: cem would read `new X(arg)`'s argument as an event name.
    const intent = new InvitationAnswerEvent(accepted);
    this.dispatchEvent(intent);
  }

  #onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.stopPropagation();
      this.#answer(false);
    }
  }

  override render() {
    const { strings: s, lang, dir } = this.locale;
    const inv = this.#current();
    const [v, h] = inv ? endAnchors(inv.endPosition) : [];
    return html`<div aria-live="polite">
      ${inv
        ? html`<div
            part="invitation"
            class="card"
            role="dialog"
            aria-labelledby="title"
            aria-describedby="text"
            lang=${lang}
            dir=${dir}
            data-v=${v}
            data-h=${h}
            @keydown=${this.#onKey}
            @focusin=${() => this.#hold(true)}
            @focusout=${() => this.#hold(false)}
            @pointerenter=${() => this.#hold(true)}
            @pointerleave=${() => this.#hold(false)}
          >
            <p id="title" class="title">${s['invite.title']}</p>
            <p id="text">${s['invite.text']}</p>
            <div class="actions">
              <button type="button" part="invitation-decline" @click=${() => this.#answer(false)}>${s['invite.decline']}</button>
              <button type="button" part="invitation-accept" class="primary" @click=${() => this.#answer(true)}>
                ${s['invite.accept']}
              </button>
            </div>
          </div>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat-invitation': LiveChatInvitation;
  }
}
