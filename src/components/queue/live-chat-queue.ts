/**
 * <live-chat-queue>: the waiting view. Shows the queue position and estimated wait
 * from the snapshot (updated as QueueUpdate messages arrive), a reduced-motion-safe
 * progress indicator and a way to leave the queue (EndRequestEvent). It is not a live
 * region: <live-chat> announces `queueStatusText` in its one status region.
 */
import { LitElement, html } from 'lit';
import { EndRequestEvent } from '../events.js';
import { ChatView } from '../shared/view-element.js';
import { controls } from '../shared/controls.styles.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './live-chat-queue.styles.js';
import { queueLines } from './queue-status.js';

export { queueStatusText, queueLines, formatWait } from './queue-status.js';

/**
 * @tagname live-chat-queue
 * @summary Queue position, estimated wait and a way to leave the queue.
 * @fires end-request - EndRequestEvent: the visitor leaves the queue.
 * @csspart queue-position - The waiting view (position, wait, indicator, button).
 * @csspart progress - The waiting indicator (static when reduced motion is asked for).
 * @csspart cancel-button - The "Leave the queue" button.
 * @cssprop [--live-chat-color-accent=#0b5cab] - Indicator colour.
 * @cssprop [--live-chat-color-muted=#5c5f66] - Wait-time text.
 */
export class LiveChatQueue extends ChatView {
  static override styles = [tokens, controls, styles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  #cancel(): void {
    // Dispatched through a variable: cem would read `new X(arg)`'s argument as an event name.
    const intent = new EndRequestEvent();
    this.dispatchEvent(intent);
  }

  override render() {
    const { strings: s, lang, dir } = this.locale;
    const [position, wait] = queueLines(this.snapshot, s, lang);
    return html`<div part="queue-position" class="view" lang=${lang} dir=${dir}>
      <p class="hello">${s['visit.waitingLine']}</p>
      <p class="position title">${position}</p>
      <p class="wait" ?hidden=${!wait}>${wait}</p>
      <div part="progress" class="progress" aria-hidden="true"><span></span></div>
      <button type="button" part="cancel-button" @click=${this.#cancel}>${s['queue.cancel']}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat-queue': LiveChatQueue;
  }
}
