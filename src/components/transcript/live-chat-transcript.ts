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
import { format } from '../../i18n/strings.js';
import { diffTranscript } from '../../protocol/transcript-diff.js';
import { entryText } from '../shared/entry-text.js';
import { RetryRequestEvent } from '../events.js';
import { renderEntryBody } from '../rich/entry-body.js';
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
 * @csspart rich-message - An agent's rich message (with `message agent`); inside it `card`, `card-image`, `card-button`, `quick-reply`, `carousel-previous`, `carousel-next`.
 * @csspart attachment - A file (the agent's, or the visitor's upload).
 * @csspart file-request - The agent's request for a file; inside it `file-input`, `upload-button`, `upload-progress`, `upload-cancel`, `upload-retry`, `file-status`.
 * @cssprop [--live-chat-color-bubble=#eef1f5] - Background of agent bubbles.
 * @cssprop [--live-chat-color-accent=#0b5cab] - Background of visitor bubbles, links.
 */
export class LiveChatTranscript extends ChatView {
  static override styles = [tokens, styles];

  /** The transcript the DOM shows (null: nothing yet, or redraw everything). */
  #shown: readonly TranscriptEntry[] | null = null;
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
      this.#shown = null; // strings changed: redraw everything once
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
    const diff = diffTranscript(this.#shown, list);
    if (diff.reset) log.replaceChildren();
    // One DOM node per entry, in order: a changed entry (its delivery status) is rebuilt in place.
    for (const i of diff.changed) log.children[i]?.replaceWith(this.#entry(list[i]!));
    if (list.length > diff.from) {
      const frag = document.createDocumentFragment();
      for (let i = diff.from; i < list.length; i++) frag.appendChild(this.#entry(list[i]!));
      log.appendChild(frag);
      // No scroll here: reading the layout now would force it synchronously on every append.
      // The ResizeObserver on the list re-pins right after the browser's own layout.
    }
    this.#shown = list;
  }

  /** Builds the DOM of one entry: text only, URLs as links. */
  #entry(e: TranscriptEntry): HTMLElement {
    const s = this.locale.strings;
    const node = el('div', `m ${e.kind} ${e.status ?? ''}`);
    node.setAttribute('part', `message ${e.kind}${e.rich ? ' rich-message' : ''}`);
    const body = renderEntryBody(e, { host: this, locale: this.locale }); // rich message, attachment, file request
    node.dataset['id'] = e.id;
    const time = el('time', '', (this.#timeFormat ??= new Intl.DateTimeFormat(this.locale.lang, { hour: 'numeric', minute: '2-digit' })).format(e.time));
    time.setAttribute('datetime', new Date(e.time).toISOString());
    if (e.kind === 'system') {
      const line = el('span', '', entryText(e, this.locale));
      line.append(' · ', time);
      node.append(line, ...(body ? [body] : []));
      return node;
    }
    const meta = el('span', 'meta', (e.kind === 'visitor' ? s['transcript.you'] : e.name || s['transcript.agent']) + ' · ');
    meta.append(time);
    const bubble = el('span', 'b');
    bubble.dir = 'auto'; // each message reads in its own direction (English in an Arabic widget)
    appendLinkified(bubble, e.text);
    node.append(meta, body ?? bubble);
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
    const button = (ev.target as Element).closest('[part~="retry-button"]');
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
