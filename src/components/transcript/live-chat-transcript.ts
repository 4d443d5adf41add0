/**
 * <live-chat-transcript>: the conversation log. Renders snapshot.transcript as text
 * (never HTML), appends new entries without touching the ones already shown (so
 * screen readers announce only new entries and append cost stays flat however long the
 * chat gets), updates only the visitor entries whose delivery status changes, shows the
 * agent typing indicator and keeps the view pinned to the bottom unless the visitor
 * scrolled up. Reports retries with RetryRequestEvent; never calls the controller.
 */
import { html, type PropertyValues } from 'lit';
import type { TranscriptEntry } from '../../protocol/snapshot.js';
import { format, type StringKey } from '../../i18n/strings.js';
import { RetryRequestEvent } from '../events.js';
import { ChatView } from '../shared/view-element.js';
import { safeUrl } from '../shared/safe-url.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './live-chat-transcript.styles.js';

const URL_RE = /\bhttps?:\/\/[^\s<>"]+/gi;

/** Appends `text` to `parent` as text nodes, with http(s) URLs as safe links. */
export function appendLinkified(parent: Node, text: string): void {
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const url = m[0].replace(/[.,;:!?)\]'}]+$/, '');
    const at = m.index;
    const href = safeUrl(url);
    if (!href) continue; // not a URL: stays text
    parent.appendChild(document.createTextNode(text.slice(last, at)));
    const a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    a.textContent = url;
    parent.appendChild(a);
    last = at + url.length;
  }
  parent.appendChild(document.createTextNode(text.slice(last)));
}

function el(tag: string, cls: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * @tagname live-chat-transcript
 * @summary The conversation: agent, visitor and system entries, typing indicator.
 * @fires retry-request - RetryRequestEvent: the visitor wants a failed message sent again.
 * @csspart transcript - The scrolling area around the log (`role="log"`, entries as its children).
 * @csspart message - Every entry; also carries `agent`, `visitor` or `system`.
 * @csspart agent - An agent entry.
 * @csspart visitor - A visitor entry.
 * @csspart system - A system entry (joined, transferred, reconnecting, ended…).
 * @csspart retry-button - The retry button of a failed visitor entry.
 * @csspart typing-indicator - "… is typing" below the log.
 * @cssprop [--live-chat-color-bubble=#eef1f5] - Background of agent bubbles.
 * @cssprop [--live-chat-color-accent=#0b5cab] - Background of visitor bubbles, links.
 */
export class LiveChatTranscript extends ChatView {
  static override styles = [tokens, styles];

  /** How many entries of the current chat are in the DOM. */
  #shown = 0;
  #firstId: string | undefined;
  /** Visitor entries whose status may still change: id → [index, status, node]. */
  #open = new Map<string, [number, string | undefined, HTMLElement]>();
  #pinned = true;
  #timeFormat?: Intl.DateTimeFormat;

  override render() {
    const s = this.locale.strings;
    const snap = this.snapshot;
    // The scroller is focusable (keyboard scrolling); the log inside holds the entries as
    // its direct children.
    return html`<div part="transcript" class="log" tabindex="0" @scroll=${this.#onScroll} @click=${this.#onClick}>
        <div class="inner" role="log" aria-live="polite" aria-label=${s['transcript.label']}></div>
      </div>
      <div part="typing-indicator" class="typing" ?hidden=${!snap.agentTyping}>
        ${format(s['transcript.typing'], { name: snap.agent?.name || s['transcript.agent'] }, this.locale.lang)}<span aria-hidden="true"
          ><i></i><i></i><i></i
        ></span>
      </div>`;
  }

  override updated(changed: PropertyValues<this>) {
    if (changed.has('locale')) {
      this.#timeFormat = undefined;
      this.#shown = 0; // strings changed: redraw everything once
    }
    this.#sync();
  }

  get #log(): HTMLElement {
    return this.renderRoot.querySelector('.log')!;
  }

  /** Where we last scrolled to ourselves (scroll events from it are not the visitor's). */
  #autoTop = -1;
  /** Re-pins when content changes size (off-screen entries render at their real height). */
  #resizes?: ResizeObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizes?.disconnect();
  }

  protected override firstUpdated(): void {
    this.#observe();
  }

  #observe() {
    this.#resizes ??= new ResizeObserver(() => this.#pin());
    this.#resizes.observe(this.renderRoot.querySelector('.inner')!);
  }

  #pin() {
    if (!this.#pinned) return;
    const log = this.#log;
    log.scrollTop = log.scrollHeight;
    this.#autoTop = log.scrollTop;
  }

  #sync() {
    const list = this.snapshot.transcript;
    const log = this.renderRoot.querySelector('.inner')!;
    if (!this.#shown || list.length < this.#shown || list[0]?.id !== this.#firstId) {
      log.replaceChildren();
      this.#open.clear();
      this.#shown = 0;
    }
    for (const [id, [i, status, node]] of this.#open) {
      const e = list[i];
      if (e && e.status !== status) {
        const next = this.#entry(e);
        node.replaceWith(next);
        if (e.status === 'sent') this.#open.delete(id);
        else this.#open.set(id, [i, e.status, next]);
      }
    }
    if (list.length > this.#shown) {
      const frag = document.createDocumentFragment();
      for (let i = this.#shown; i < list.length; i++) {
        const e = list[i]!;
        const node = this.#entry(e);
        if (e.kind === 'visitor' && e.status !== 'sent') this.#open.set(e.id, [i, e.status, node]);
        frag.appendChild(node);
      }
      log.appendChild(frag);
      this.#shown = list.length;
      this.#firstId = list[0]?.id;
      // No scroll here: reading the layout now would force it synchronously on every append.
      // The ResizeObserver on the list re-pins right after the browser's own layout.
    }
  }

  /** Builds the DOM of one entry: text only, URLs as links. */
  #entry(e: TranscriptEntry): HTMLElement {
    const s = this.locale.strings;
    const node = el('div', `m ${e.kind} ${e.status ?? ''}`);
    node.setAttribute('part', `message ${e.kind}`);
    node.dataset['id'] = e.id;
    const time = el('time', '', (this.#timeFormat ??= new Intl.DateTimeFormat(this.locale.lang, { hour: 'numeric', minute: '2-digit' })).format(e.time));
    time.setAttribute('datetime', new Date(e.time).toISOString());
    if (e.kind === 'system') {
      const key = `system.${e.event}` as StringKey;
      // Numbers in params are written the locale's way and pick the plural form.
      const line = el('span', '', e.event && key in s ? format(s[key], e.params, this.locale.lang) : e.text);
      line.append(' · ', time);
      node.append(line);
      return node;
    }
    const meta = el('span', 'meta', (e.kind === 'visitor' ? s['transcript.you'] : e.name || s['transcript.agent']) + ' · ');
    meta.append(time);
    const bubble = el('span', 'b');
    bubble.dir = 'auto'; // each message reads in its own direction (English in an Arabic widget)
    appendLinkified(bubble, e.text);
    node.append(meta, bubble);
    if (e.kind === 'visitor' && e.status) {
      const st = el('span', 'st', s[`transcript.${e.status}`]);
      if (e.status === 'failed') {
        const retry = el('button', '', s['transcript.retry']);
        retry.setAttribute('part', 'retry-button');
        retry.setAttribute('type', 'button');
        st.append(retry);
      } else st.setAttribute('aria-hidden', 'true');
      node.append(st);
    }
    return node;
  }

  #onScroll(ev: Event) {
    const log = ev.currentTarget as HTMLElement;
    if (Math.abs(log.scrollTop - this.#autoTop) < 2) return; // our own scroll
    this.#autoTop = -1;
    this.#pinned = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  }

  #onClick(ev: Event) {
    const button = (ev.target as Element).closest('button');
    const id = button?.closest<HTMLElement>('[data-id]')?.dataset['id'];
    if (!id) return;
    const intent = new RetryRequestEvent(id);
    this.dispatchEvent(intent);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat-transcript': LiveChatTranscript;
  }
}
