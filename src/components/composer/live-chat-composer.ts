/**
 * <live-chat-composer>: the visitor's message box. Owns the draft while the visitor
 * types (Enter sends, Shift+Enter breaks the line, Enter during IME composition is left
 * to the IME), the length counter near the limit, and the visible reason why it cannot
 * send (snapshot.sendBlocked) — the draft is kept while blocked. Reports DraftChangeEvent
 * and MessageSendEvent; typing/sneak-peek throttling is the controller's job.
 */
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { format } from '../../i18n/strings.js';
import { DraftChangeEvent, MessageSendEvent } from '../events.js';
import { ChatView } from '../shared/view-element.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './live-chat-composer.styles.js';
import { MAX_MESSAGE_LENGTH } from '../../protocol/snapshot.js';

/** The counter shows from this many characters left. */
const COUNTER_FROM = 400;

/**
 * @tagname live-chat-composer
 * @summary Multi-line message input with a send button.
 * @fires draft-change - DraftChangeEvent: the draft changed (drives typing and sneak peek).
 * @fires message-send - MessageSendEvent: the visitor sends the draft.
 * @csspart composer - The form around input and button.
 * @csspart composer-input - The text area.
 * @csspart send-button - The send button.
 * @cssprop [--live-chat-color-accent=#0b5cab] - Send button background.
 * @cssprop [--live-chat-color-border=#d0d4da] - Text area border.
 */
export class LiveChatComposer extends ChatView {
  static override styles = [tokens, styles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The draft. Kept while sending is blocked; cleared when a message is sent. */
  @property() value = '';

  get #input(): HTMLTextAreaElement {
    return this.renderRoot.querySelector('textarea')!;
  }

  override render() {
    const s = this.locale.strings;
    const blocked = this.snapshot.sendBlocked;
    const left = MAX_MESSAGE_LENGTH - this.value.length;
    const count =
      left <= COUNTER_FROM
        ? format(s[left < 0 ? 'composer.over' : 'composer.left'], { count: Math.abs(left) }, this.locale.lang)
        : '';
    return html`<form part="composer" @submit=${this.#onSubmit}>
      <textarea
        part="composer-input"
        rows="1"
        aria-label=${s['composer.label']}
        aria-describedby="why count"
        aria-invalid=${left < 0 ? 'true' : nothing}
        placeholder=${s['composer.placeholder']}
        .value=${this.value}
        @input=${this.#onInput}
        @keydown=${this.#onKeyDown}
      ></textarea>
      <button part="send-button" type="submit" aria-label=${s['composer.send']} ?disabled=${!this.canSend}>
        <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M3 20.5v-7l9-1.5-9-1.5v-7L22 12z" /></svg>
      </button>
      <p id="why" ?hidden=${!blocked}>${blocked ? (this.#held ? s['visit.heldNote'] : s[`composer.blocked.${blocked}`]) : ''}</p>
      <p id="count" class=${left < 0 ? 'over' : ''} ?hidden=${!count}>${count}</p>
    </form>`;
  }

  /** Whether the current draft can be sent now (while queued it is held until an agent joins). */
  get canSend(): boolean {
    return (!this.snapshot.sendBlocked || this.#held) && !!this.value.trim() && this.value.length <= MAX_MESSAGE_LENGTH;
  }

  /** Queued (or connecting): a message is accepted and waits for the agent. */
  get #held(): boolean {
    const { phase, sendBlocked } = this.snapshot;
    return sendBlocked === 'waiting-for-agent' && (phase === 'queued' || phase === 'connecting');
  }

  override updated() {
    // Auto-grow where `field-sizing: content` is not supported.
    const ta = this.#input;
    if (!CSS.supports('field-sizing', 'content')) {
      ta.style.height = 'auto';
      ta.style.height = `${ta.scrollHeight + 2}px`;
    }
  }

  #onInput() {
    this.value = this.#input.value;
    const intent = new DraftChangeEvent(this.value);
    this.dispatchEvent(intent);
  }

  #onKeyDown(ev: KeyboardEvent) {
    if (ev.key !== 'Enter' || ev.shiftKey || ev.isComposing || ev.keyCode === 229) return;
    ev.preventDefault();
    this.send();
  }

  #onSubmit(ev: Event) {
    ev.preventDefault();
    this.send();
    this.#input.focus();
  }

  /** Sends the draft if it can be sent; returns whether it was. */
  send(): boolean {
    if (!this.canSend) return false;
    const text = this.value.trim();
    this.value = '';
    const intent = new MessageSendEvent(text);
    this.dispatchEvent(intent);
    return true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat-composer': LiveChatComposer;
  }
}
