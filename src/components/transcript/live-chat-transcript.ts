/**
 * <live-chat-transcript>: the conversation, messenger style. Renders snapshot.transcript as
 * text (never HTML) in groups (one author, a few minutes, one name/time line, an avatar beside
 * agent groups) with day separators, appending only new entries: a new entry joins the last
 * group or starts one, so append cost stays flat however long the chat gets. Also owns:
 * delivery state where it tells something, the typing indicator (inside the scroller, so it
 * never hides the last message), the "new messages" pill, the keyboard composite
 * (aria-activedescendant), its own polite announcements (new agent messages, once) and
 * PageUp/PageDown from an empty composer. An entry's body is built in one place, `#body`.
 * Reports retries with RetryRequestEvent; never calls the controller.
 */
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { TranscriptEntry } from '../../protocol/snapshot.js';
import { format } from '../../i18n/strings.js';
import { diffTranscript } from '../../protocol/transcript-diff.js';
import { entryText } from '../shared/entry-text.js';
import { RetryRequestEvent } from '../events.js';
import { renderEntryBody } from '../rich/entry-body.js';
import { ChatView } from '../shared/view-element.js';
import { avatarLook, avatarNode, type AgentAvatars } from '../shared/avatar.js';
import { isolate, isolateParams } from '../../i18n/bidi.js';
import { tokens } from '../shared/tokens.styles.js';
import { avatarStyles } from '../shared/avatar.styles.js';
import { styles } from './live-chat-transcript.styles.js';
import { ANNOUNCED_SYSTEM, ANNOUNCE_MS, appendLinkified, CONTROLS, dayLabel, dayOf, el, GROUP_MS, pageFromComposer, reveal as reveal_, untabbable } from './transcript-dom.js';

export { appendLinkified, GROUP_MS };

/** The group new entries may join (null after a system entry, a day separator or a redraw). */
interface OpenGroup {
  readonly author: string;
  readonly box: HTMLElement;
  last: number;
}

/**
 * @tagname live-chat-transcript
 * @summary The conversation: grouped agent and visitor messages, system lines, day separators, typing indicator.
 * @fires retry-request - RetryRequestEvent: the visitor wants a failed message sent again.
 * @csspart transcript - The scrolling, focusable area around the log (one composite: arrow keys move between messages).
 * @csspart message - Every entry; also carries `agent`, `visitor` or `system`.
 * @csspart agent - An agent entry.
 * @csspart visitor - A visitor entry.
 * @csspart system - A system entry (joined, transferred, reconnecting, ended…).
 * @csspart message-group - Consecutive messages of one author, with one name/time line.
 * @csspart avatar - The agent's avatar beside an agent group (initials, or an image with alt text).
 * @csspart day-separator - The date line where the day changes.
 * @csspart new-messages - The "New messages" pill shown while the visitor reads further up.
 * @csspart retry-button - The retry button of a failed visitor entry.
 * @csspart typing-indicator - "… is typing" below the last message.
 * @csspart rich-message - An agent's rich message (with `message agent`); inside it `card`, `card-image`, `card-button`, `quick-reply`, `carousel-previous`, `carousel-next`.
 * @csspart attachment - A file (the agent's, or the visitor's upload).
 * @csspart file-request - The agent's request for a file; inside it `file-input`, `upload-button`, `upload-progress`, `upload-cancel`, `upload-retry`, `file-status`.
 * @cssprop [--live-chat-color-bubble=#eef1f5] - Background of agent bubbles.
 * @cssprop [--live-chat-color-accent=#0b5cab] - Background of visitor bubbles, links, the active message's outline.
 * @cssprop [--live-chat-avatar-size=28px] - Avatar diameter beside agent groups (the header's is 6px larger).
 */
export class LiveChatTranscript extends ChatView {
  static override styles = [tokens, avatarStyles, styles];

  /** Agent name or id → avatar image URL (http(s) only). */
  @property({ attribute: false }) agentAvatars: AgentAvatars | null = null;
  /** Avatar image for agents the map does not name (http(s) only); initials when unset. */
  @property({ attribute: 'default-avatar' }) defaultAvatar = '';

  /** The transcript the DOM shows (null: nothing yet, or redraw everything). */
  #shown: readonly TranscriptEntry[] | null = null;
  /** One element per entry, in transcript order (navigation and in-place updates). */
  #items: HTMLElement[] = [];
  #group: OpenGroup | null = null;
  #day = '';
  /** Index of the last visitor entry (only it says "Sent"), and that status line. */
  #lastVisitor = -1;
  #sentLine: HTMLElement | null = null;
  /** The active message of the composite (-1: none yet). */
  #active = -1;
  /** The first entry that arrived while the visitor read further up. */
  #firstUnread: HTMLElement | null = null;
  #pinned = true;
  #timeFormat?: Intl.DateTimeFormat;
  #fullFormat?: Intl.DateTimeFormat;
  #uid = Math.random().toString(36).slice(2, 8);

  override render() {
    const s = this.locale.strings;
    const snap = this.snapshot;
    const name = isolate(snap.agent?.name || s['transcript.agent']);
    // The scroller is the composite: focusable, its messages pointed at by aria-activedescendant.
    // The typing indicator sits inside it, below the log, so showing it never covers the last message.
    return html`<div
        part="transcript"
        class="log"
        role="group"
        tabindex="0"
        aria-label=${s['transcript.label']}
        @scroll=${this.#onScroll}
        @click=${this.#onClick}
        @keydown=${this.#onKeyDown}
        @focusin=${this.#onFocusIn}
      >
        <div class="inner"></div>
        <div part="typing-indicator" class="typing" ?hidden=${!snap.agentTyping}>
          ${format(s['transcript.typing'], { name }, this.locale.lang)}<span aria-hidden="true"><i></i><i></i><i></i></span>
        </div>
      </div>
      <button part="new-messages" class="pill" type="button" hidden @click=${this.#showUnread}>${s['messenger.newMessages']}</button>
      <div class="sr announce" aria-live="polite"></div>`;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('locale')) this.#timeFormat = this.#fullFormat = undefined;
    // Strings or avatars changed: redraw everything once (no announcements).
    if (this.hasUpdated && (changed.has('locale') || changed.has('agentAvatars') || changed.has('defaultAvatar'))) this.#shown = null;
  }

  override updated() {
    this.#sync();
  }

  get #log(): HTMLElement {
    return this.renderRoot.querySelector('.log')!;
  }

  /** Where we last scrolled to ourselves (scroll events from it are not the visitor's). */
  #autoTop = -1;
  /** Re-pins when content or the scroller changes size (typing indicator, off-screen entries, a phone's keyboard). */
  #resizes?: ResizeObserver;
  readonly #untab = untabbable();
  #root: Node | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#observe();
    // PageUp/PageDown typed in an empty composer (a sibling in the same shadow root) scroll the log.
    this.#root = this.getRootNode();
    this.#root.addEventListener('keydown', this.#onPageKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resizes?.disconnect();
    this.#untab.disconnect();
    this.#root?.removeEventListener('keydown', this.#onPageKey);
    this.#root = null;
  }

  protected override firstUpdated(): void {
    this.#observe();
  }

  #observe() {
    this.#resizes ??= new ResizeObserver(() => this.#pin());
    for (const sel of ['.log', '.inner', '.typing']) this.#resizes.observe(this.renderRoot.querySelector(sel)!);
    this.#untab.observe(this.renderRoot.querySelector('.inner')!, { childList: true, subtree: true });
  }

  #pin() {
    if (!this.#pinned) return;
    const log = this.#log;
    log.scrollTop = log.scrollHeight;
    this.#autoTop = log.scrollTop;
  }

  #sync() {
    const list = this.snapshot.transcript;
    const diff = diffTranscript(this.#shown, list);
    const quiet = this.#shown === null || diff.reset; // a first draw or a redraw: nothing is new
    if (diff.reset) this.#clear();
    // A changed entry (its delivery status) is rebuilt in place.
    for (const i of diff.changed) this.#replace(i, list[i]!);
    const log = this.renderRoot.querySelector<HTMLElement>('.inner')!;
    for (let i = diff.from; i < list.length; i++) {
      const e = list[i]!;
      const item = this.#append(log, e, i);
      if (quiet) continue;
      if (e.kind === 'visitor') {
        this.#pinned = true; // one's own message: back to the bottom
        this.#firstUnread = null;
      } else if (!this.#pinned) this.#firstUnread ??= item;
      if (e.kind === 'agent') this.#announce(format(this.locale.strings['messenger.said'], { name: isolate(this.#author(e)), text: e.text }));
      else if (e.kind === 'system' && ANNOUNCED_SYSTEM.has(e.event ?? '')) this.#announce(this.#systemText(e));
    }
    // No scroll here: reading the layout now would force it synchronously on every append.
    // The ResizeObserver re-pins right after the browser's own layout.
    this.#shown = list;
    this.#showPill();
  }

  #clear() {
    this.renderRoot.querySelector('.inner')!.replaceChildren();
    this.#items = [];
    this.#group = null;
    this.#day = '';
    this.#lastVisitor = -1;
    this.#sentLine = null;
    this.#active = -1;
    this.#firstUnread = null;
    this.#log.removeAttribute('aria-activedescendant');
  }

  #author(e: TranscriptEntry): string {
    const s = this.locale.strings;
    return e.kind === 'visitor' ? s['transcript.you'] : e.name || s['transcript.agent'];
  }

  /** System text in the visitor's language with names isolated ("انضم ‹Ada L.› إلى الدردشة"). */
  #systemText(e: TranscriptEntry): string {
    return entryText(e.params ? { ...e, params: isolateParams(e.params) } : e, this.locale);
  }

  #time(t: number): HTMLElement {
    const lang = this.locale.lang;
    const time = el('time', '', (this.#timeFormat ??= new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' })).format(t));
    time.setAttribute('datetime', new Date(t).toISOString());
    time.dir = 'auto'; // "11:27 ص" keeps its own order beside a name of the other direction
    return time;
  }

  #fullTime(t: number): string {
    return (this.#fullFormat ??= new Intl.DateTimeFormat(this.locale.lang, { dateStyle: 'full', timeStyle: 'short' })).format(t);
  }

  /** Adds entry `i` to the log: a day separator if the date changed (relabelling the earlier ones: "Today" may be "Yesterday" by now), then into the open group or a new one. */
  #append(log: HTMLElement, e: TranscriptEntry, i: number): HTMLElement {
    const day = dayOf(e.time);
    if (day !== this.#day) {
      this.#day = day;
      this.#group = null;
      const sep = el('div', 'day');
      sep.setAttribute('part', 'day-separator');
      sep.dataset.t = String(e.time);
      log.appendChild(sep).append(el('span', ''));
      for (const d of log.querySelectorAll<HTMLElement>('.day')) d.firstChild!.textContent = dayLabel(Number(d.dataset.t), this.locale.lang);
    }
    if (e.kind === 'visitor') {
      this.#sentLine?.remove(); // only the last visitor message says "Sent"
      this.#sentLine = null;
      this.#lastVisitor = i;
    }
    const item = this.#message(e, i);
    this.#items[i] = item;
    if (e.kind === 'system') {
      this.#group = null;
      log.append(item);
      return item;
    }
    const author = `${e.kind}\n${e.agentId || e.name}`;
    const g = this.#group;
    if (g && g.author === author && e.time - g.last < GROUP_MS) {
      g.last = e.time;
      g.box.append(item);
      return item;
    }
    const box = el('div', `g ${e.kind}`);
    box.setAttribute('part', 'message-group');
    const meta = el('div', 'meta');
    meta.setAttribute('aria-hidden', 'true'); // each message says its author and time to assistive technology
    if (e.kind === 'agent') {
      const name = this.#author(e);
      box.append(avatarNode(avatarLook(name, e.agentId, this.agentAvatars, this.defaultAvatar), name));
      meta.append(el('bdi', '', name), ' · ');
    }
    meta.append(this.#time(e.time));
    box.append(meta, item);
    log.append(box);
    this.#group = { author, box, last: e.time };
    return item;
  }

  /** One entry: a hidden "author, full date" line for assistive technology, the body, the delivery state. */
  #message(e: TranscriptEntry, i: number): HTMLElement {
    const s = this.locale.strings;
    const node = el('div', `m ${e.kind}`);
    node.setAttribute('part', `message ${e.kind}${e.rich ? ' rich-message' : ''}`);
    node.setAttribute('role', 'article');
    node.id = `${this.#uid}-${i}`;
    node.dataset['id'] = e.id;
    if (i === this.#active) node.classList.add('active');
    if (e.kind === 'system') {
      const line = el('span', '', this.#systemText(e));
      line.append(' · ', this.#time(e.time));
      node.append(line);
      const request = renderEntryBody(e, { host: this, locale: this.locale }); // a file request
      if (request) node.append(request);
      // "Reconnecting…" is said by <live-chat>'s banner while it lasts (status said once); "Connected again" stays.
      node.hidden = e.event === 'reconnecting';
      return node;
    }
    node.append(el('span', 'sr', `${isolate(this.#author(e))}, ${this.#fullTime(e.time)}:`));
    const bubble = el('div', 'b');
    bubble.dir = 'auto'; // each message reads in its own direction (English in an Arabic widget)
    const rich = renderEntryBody(e, { host: this, locale: this.locale }); // rich message, attachment
    if (rich) node.append(rich);
    else {
      bubble.append(this.#body(e));
      node.append(bubble);
    }
    if (e.kind === 'visitor' && e.status && (e.status !== 'sent' || i === this.#lastVisitor)) {
      const st = el('span', `st ${e.status}`, s[`transcript.${e.status}`]);
      if (e.status === 'failed') {
        const retry = el('button', '', s['transcript.retry']);
        retry.setAttribute('part', 'retry-button');
        retry.setAttribute('type', 'button');
        st.append(' ', retry);
      } else st.setAttribute('aria-hidden', 'true');
      if (e.status === 'sent') this.#sentLine = st;
      node.append(st);
    }
    for (const c of node.querySelectorAll<HTMLElement>(CONTROLS)) c.tabIndex = -1; // and later ones: #untab
    return node;
  }

  /**
   * The body of an entry: today its text with http(s) links. The one place an entry's content
   * is built (rich entries — cards, quick replies, files — plug in here).
   */
  #body(e: TranscriptEntry): Node {
    const frag = document.createDocumentFragment();
    appendLinkified(frag, e.text);
    return frag;
  }

  #replace(i: number, e: TranscriptEntry) {
    const old = this.#items[i];
    if (!old) return;
    if (old.contains(this.#sentLine)) this.#sentLine = null;
    const next = this.#message(e, i);
    old.replaceWith(next);
    this.#items[i] = next;
    if (this.#firstUnread === old) this.#firstUnread = next;
  }

  #announce(text: string) {
    const region = this.renderRoot.querySelector('.announce')!;
    const line = el('p', '', text);
    region.append(line);
    setTimeout(() => line.remove(), ANNOUNCE_MS);
  }

  // ---- the "new messages" pill

  #showPill() {
    const pill = this.renderRoot.querySelector<HTMLElement>('.pill')!;
    pill.hidden = this.#pinned || !this.#firstUnread?.isConnected;
  }

  #showUnread() {
    const first = this.#firstUnread;
    this.#firstUnread = null;
    if (!first) return;
    const log = this.#log;
    log.scrollTop += first.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
    log.focus({ preventScroll: true }); // (entering activates the last message…)
    this.#activate(this.#items.indexOf(first), false); // (…so the first unread is activated after)
    this.#showPill();
  }

  #onScroll(ev: Event) {
    const log = ev.currentTarget as HTMLElement;
    if (Math.abs(log.scrollTop - this.#autoTop) < 2) return; // our own scroll
    this.#autoTop = -1;
    this.#pinned = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    if (this.#pinned) this.#firstUnread = null;
    this.#showPill();
  }

  // ---- the keyboard composite

  /** Makes message `i` the active one; scrolls it into view unless told not to. */
  #activate(i: number, reveal = true) {
    const items = this.#items;
    if (!items.length) return;
    i = Math.max(0, Math.min(items.length - 1, i));
    items[this.#active]?.classList.remove('active');
    this.#active = i;
    const item = items[i]!;
    item.classList.add('active');
    const log = this.#log;
    log.setAttribute('aria-activedescendant', item.id);
    if (reveal) reveal_(item, log);
  }

  #onFocusIn(e: FocusEvent) {
    // Entering the log from outside activates the last message; coming back from a control keeps the message.
    if (e.target !== this.#log) return;
    const from = e.relatedTarget as Node | null;
    if (!from || !this.#log.contains(from) || this.#active < 0) this.#activate(this.#items.length - 1);
  }

  #onKeyDown(e: KeyboardEvent) {
    const log = this.#log;
    if (e.target === log) {
      const last = this.#items.length - 1;
      const moves: Record<string, number> = { ArrowUp: this.#active - 1, ArrowDown: this.#active + 1, Home: 0, End: last };
      if (e.key in moves && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        this.#activate(moves[e.key]!);
      } else if (e.key === 'Enter') {
        const controls = this.#controls();
        if (!controls.length) return;
        e.preventDefault();
        for (const c of controls) c.tabIndex = 0;
        controls[0]!.focus();
      } else if (e.key === 'Escape') {
        const composer = (this.getRootNode() as ParentNode).querySelector<HTMLElement>('live-chat-composer');
        if (!composer) return; // nothing to go to: Escape means what it means around us
        e.preventDefault();
        e.stopPropagation();
        composer.focus();
      }
      return;
    }
    // Inside a message's controls: Tab past the last (Shift+Tab before the first) or Escape returns to the message.
    const controls = this.#controls();
    const at = controls.indexOf(e.target as HTMLElement);
    if (at < 0) return;
    const out = e.key === 'Escape' || (e.key === 'Tab' && (e.shiftKey ? at === 0 : at === controls.length - 1));
    if (!out) return;
    e.preventDefault();
    e.stopPropagation();
    for (const c of controls) c.tabIndex = -1;
    log.focus({ preventScroll: true });
  }

  #controls(): HTMLElement[] {
    const item = this.#items[this.#active];
    return item ? [...item.querySelectorAll<HTMLElement>(CONTROLS)].filter((c) => !(c as HTMLButtonElement).disabled) : [];
  }

  /** PageUp/PageDown in an empty composer scroll the log (with text in it they stay the composer's). */
  #onPageKey = (e: Event) => pageFromComposer(e as KeyboardEvent, this.#log);

  #onClick(ev: Event) {
    const target = ev.target as Element;
    const item = target.closest<HTMLElement>('.m');
    if (item && !target.closest(CONTROLS)) this.#activate(this.#items.indexOf(item), false);
    const button = target.closest('button');
    const id = button?.closest<HTMLElement>('[data-id]')?.dataset['id'];
    if (!id || button?.getAttribute('part') !== 'retry-button') return;
    const intent = new RetryRequestEvent(id);
    this.dispatchEvent(intent);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat-transcript': LiveChatTranscript;
  }
}
