/**
 * <live-chat-rating>: "How was this chat?" — good or bad, an optional comment, Send. Reports
 * RatingSubmitEvent; once `rated` it thanks the visitor instead. Shown in the end confirmation and
 * in the ended view. Leaves to others: where the rating goes (<live-chat>: CustomEvent
 * `chat_rating` while the chat is open, and `live-chat-rating` always).
 */
import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { LocalizedElement } from '../shared/view-element.js';
import { controls } from '../shared/controls.styles.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from '../prechat/live-chat-prechat.styles.js';

export type Rating = 'good' | 'bad';

/** Internal: the visitor rated the chat. */
export class RatingSubmitEvent extends Event {
  static readonly type = 'rating-submit';
  constructor(
    readonly rating: Rating,
    readonly comment: string,
  ) {
    super(RatingSubmitEvent.type, { bubbles: true });
  }
}

/**
 * @tagname live-chat-rating
 * @summary Rate the chat: good or bad, with an optional comment.
 * @fires rating-submit - RatingSubmitEvent `{rating, comment}`.
 * @csspart rating - The rating block (or its thank-you line).
 */
export class LiveChatRating extends LocalizedElement {
  static override styles = [
    tokens,
    controls,
    styles,
    css`
      .rating { padding: var(--_space) calc(var(--_space) * 2); }
      .row { display: flex; gap: var(--_space); flex-wrap: wrap; }
      button { min-block-size: 44px; }
      [aria-pressed='true'] { background: var(--_accent); color: var(--_on-accent); }
    `,
  ];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The visitor already rated this chat: show the thanks. */
  @property({ type: Boolean }) rated = false;

  @state() private choice: Rating | null = null;
  #comment = '';

  #send(): void {
    if (!this.choice) return;
    const intent = new RatingSubmitEvent(this.choice, this.#comment.trim());
    this.dispatchEvent(intent);
  }

  override render() {
    const { strings: s, lang, dir } = this.locale;
    if (this.rated) return html`<p part="rating" class="rating" lang=${lang} dir=${dir}>${s['rating.thanks']}</p>`;
    const toggle = (r: Rating) =>
      html`<button type="button" class=${r} aria-pressed=${this.choice === r} @click=${() => (this.choice = r)}>
        <span aria-hidden="true">${r === 'good' ? '👍' : '👎'}</span> ${s[`rating.${r}`]}
      </button>`;
    return html`<div part="rating" class="rating field" role="group" aria-labelledby="r-q" lang=${lang} dir=${dir}>
      <p id="r-q">${s['rating.question']}</p>
      <div class="row">${toggle('good')}${toggle('bad')}</div>
      ${this.choice
        ? html`<label for="r-c">${s['rating.comment']}</label>
            <textarea id="r-c" rows="2" maxlength="1000" @input=${(e: Event) => (this.#comment = (e.target as HTMLTextAreaElement).value)}
              .value=${this.#comment}></textarea>
            <div class="row"><button type="button" class="primary send" @click=${this.#send}>${s['rating.submit']}</button></div>`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat-rating': LiveChatRating;
  }
  interface HTMLElementEventMap {
    'rating-submit': RatingSubmitEvent;
  }
}
