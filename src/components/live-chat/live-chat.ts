/**
 * <live-chat>: the public element. Foundation placeholder: renders the launcher
 * only. The full element (controller, subcomponents) replaces this.
 */
import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * @summary An embeddable visitor chat for the Salesforce Chat REST API.
 * @csspart launcher - The button that opens the chat.
 */
export class LiveChat extends LitElement {
  static override styles = css`
    :host {
      --_accent: var(--live-chat-color-accent, #0b5cab);
      position: fixed;
      inset-block-end: 1rem;
      inset-inline-end: 1rem;
    }
    button {
      background: var(--_accent);
      color: #fff;
      border: 0;
      border-radius: 999px;
      padding: 0.75rem 1.25rem;
      font: inherit;
    }
  `;

  /** Chat API endpoint resource paths are appended to. */
  @property() endpoint = '';

  override render() {
    return html`<button part="launcher" type="button">Chat with us</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat': LiveChat;
  }
}
