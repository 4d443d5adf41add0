/**
 * <live-chat>: the public element. Owns the public surface (attributes/properties,
 * methods, read-only state, public events), the ChatController, the locale it provides
 * to its parts, the launcher, the panel (header, end confirmation, one status region,
 * the view of each phase) and focus rules.
 * Leaves to others: the protocol (controller), status text and public events of a snapshot
 * (live-chat-views.ts), the narrow-screen viewport (viewport.ts), the locale files
 * (locale-controller.ts), and each view's details (the subcomponents, which report intents
 * here as events).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { ChatController } from '../../controller/chat-controller.js';
import type { ChatConfig, ChatPhase, ChatSnapshot, PrechatValues, TranscriptEntry } from '../../protocol/snapshot.js';
import { defaultLocale, localeContext, type LocaleInfo } from '../../i18n/strings.js';
import type { LocaleOverrides } from '../../i18n/load.js';
import { DraftChangeEvent, EndRequestEvent, InvitationAnswerEvent, MessageSendEvent, PrechatSubmitEvent, RetryRequestEvent } from '../events.js';
import { parsePrechatFields, type ParsedPrechatFields } from '../prechat/prechat-fields.js';
import type { LiveChatComposer } from '../composer/live-chat-composer.js';
import { localizedTranscript } from '../shared/entry-text.js';
import { LocaleController } from './locale-controller.js';
import { focusIn, headerView, launcherView } from './live-chat-chrome.js';
import { bodyView, headerStatus, ratingView, snapshotEvents, statusText, viewOf, type PrechatFieldsValue } from './live-chat-views.js';
import { ChatEdges } from './chat-edges.js';
import { ViewportFollower } from './viewport.js';
import { AwayController } from './away.js';
import type { AgentAvatars } from '../shared/avatar.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../protocol/snapshot.js';
import type { FileUploadEvent, RichChoiceEvent } from '../rich/rich-intents.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './live-chat.styles.js';
import { avatarStyles } from '../shared/avatar.styles.js';
import { LiveChatCustomEvent, LiveChatErrorEvent, LiveChatMessageEvent, LiveChatPhaseChangeEvent } from './live-chat-events.js';

export * from './live-chat-events.js';
export type { PrechatFieldsValue } from './live-chat-views.js';

/**
 * @tagname live-chat
 * @summary An embeddable visitor chat for the Salesforce Chat REST API (legacy Live Agent).
 *
 * @fires {LiveChatPhaseChangeEvent} live-chat-phase-change - `{phase, previous}`.
 * @fires {LiveChatMessageEvent} live-chat-message - `{message}` for each new transcript entry.
 * @fires {LiveChatCustomEvent} live-chat-custom-event - `{type, data}` when the agent sends a CustomEvent.
 * @fires {LiveChatEndedEvent} live-chat-ended - `{reason, postChatUrl, attachedRecords}`.
 * @fires {LiveChatErrorEvent} live-chat-error - `{code, message}`.
 * @fires {LiveChatRatingEvent} live-chat-rating - `{rating, comment}`: the visitor rated the chat (`good` or `bad`).
 * @fires {LiveChatOfflineMessageEvent} live-chat-offline-message - `{fields}`: the visitor left a message (`offline-form-action`).
 *
 * @csspart launcher - The button that opens the chat.
 * @csspart badge - The unread counter on the launcher.
 * @csspart panel - The chat window (`role="dialog"`).
 * @csspart header - The panel's title bar.
 * @csspart minimize-button - The header's minimize button.
 * @csspart end-button - The header's end-chat button.
 * @csspart end-confirm - The inline "End this chat?" confirmation.
 * @csspart status - The status region (visually hidden by default; queue and connection status).
 * @csspart prechat-form - The pre-chat form (and `prechat-field`, `prechat-error`, `submit-button`, `cancel-button`).
 * @csspart queue-position - The queue view.
 * @csspart transcript - The conversation log.
 * @csspart message - Every transcript entry; also `agent`, `visitor` or `system` (grouped in `message-group`; `day-separator`, `new-messages`).
 * @csspart avatar - The agent's avatar in the header and beside agent groups.
 * @csspart sound-button - The header's mute toggle (with `sound`).
 * @csspart retry-button - Retry on a failed visitor message.
 * @csspart typing-indicator - "… is typing".
 * @csspart composer - The message form; `composer-input` its text area; `send-button`.
 * @csspart postchat - The post-chat / unavailable view; `postchat-link` the post-chat URL (opens a new tab).
 * @csspart connection-banner - "Connection lost. Reconnecting…" above the conversation.
 * @csspart offline-form - The leave-a-message form.
 * @csspart rating - "How was this chat?": good or bad, an optional comment (end confirmation and ended view).
 * @csspart invitation - The proactive invitation card.
 *
 * @cssprop [--live-chat-color-accent=#0b5cab] - Brand colour: launcher, header, visitor bubbles, buttons.
 * @cssprop [--live-chat-color-on-accent=#fff] - Text on the accent colour.
 * @cssprop [--live-chat-color-surface=#fff] - Panel background (dark: #1b1b1f).
 * @cssprop [--live-chat-color-text=#1b1b1f] - Text (dark: #ececf1).
 * @cssprop [--live-chat-color-muted=#5c5f66] - Secondary text (dark: #a9adb5).
 * @cssprop [--live-chat-color-border=#d0d4da] - Borders (dark: #43464e).
 * @cssprop [--live-chat-color-danger=#b3261e] - Errors, end confirmation, unread badge (dark: #f2b8b5).
 * @cssprop [--live-chat-color-bubble=#eef1f5] - Agent bubbles (dark: #2a2b31).
 * @cssprop [--live-chat-radius=12px] - Corner radius.
 * @cssprop [--live-chat-font-family=system-ui, sans-serif] - Font.
 * @cssprop [--live-chat-font-size=15px] - Base font size.
 * @cssprop [--live-chat-space=8px] - Spacing unit.
 * @cssprop [--live-chat-shadow=0 8px 32px rgb(0 0 0 / 0.2)] - Launcher and panel shadow.
 * @cssprop [--live-chat-z-index=2147483000] - Stacking order.
 * @cssprop [--live-chat-color-scheme=light dark] - `color-scheme` of the widget (`light`, `dark` or both).
 * @cssprop [--live-chat-avatar-size=28px] - Agent avatar diameter in the transcript (the header's is 6px larger).
 */
export class LiveChat extends LitElement {
  static override styles = [tokens, avatarStyles, styles];

  /** Chat API endpoint that resource paths are appended to (absolute, or a same-origin proxy path). */
  @property() endpoint = '';
  /** Salesforce organization id. */
  @property({ attribute: 'org-id' }) orgId = '';
  /** Deployment id. */
  @property({ attribute: 'deployment-id' }) deploymentId = '';
  /** Chat button id. */
  @property({ attribute: 'button-id' }) buttonId = '';
  /** X-LIVEAGENT-API-VERSION (≥ 47 so the estimated wait time works). */
  @property({ attribute: 'api-version' }) apiVersion = '49';
  /**
   * Visitor language (BCP 47): picks the strings (best fit among the locales, region and
   * script considered) and the text direction, and goes to the server. Unset, the page's
   * `<html lang>` counts, else the browser's languages.
   */
  @property() language = '';
  /**
   * Owners' strings: a partial table per language (BCP 47 tag → key → text) that wins over the
   * shipped table of that language; a tag no shipped locale serves adds a locale. See docs/i18n.md.
   */
  @property({ attribute: false }) strings: LocaleOverrides | null = null;
  /** Name sent in ChasitorInit when no pre-chat field gives one. */
  @property({ attribute: 'visitor-name' }) visitorName = '';
  /** An Invite button (from Settings) whose proactive invitation this page may show. */
  @property({ attribute: 'invite-button-id' }) inviteButtonId = '';
  /** Seconds after the widget starts on the page before a proactive invitation may show (default 0). */
  @property({ type: Number, attribute: 'invite-delay' }) inviteDelay = 0;
  /** Pre-chat form definition: JSON in the attribute; an array of `PrechatField` or `{fields, entities}` as a property. */
  @property({ attribute: 'prechat-fields' }) prechatFields: PrechatFieldsValue = null;
  /** Corner of the launcher and panel: `bottom-right` (default) or `bottom-left`. */
  @property({ reflect: true }) position: 'bottom-right' | 'bottom-left' = 'bottom-right';
  /** Hide the launcher button (the page opens the chat with `open()`). */
  @property({ type: Boolean, attribute: 'no-launcher' }) noLauncher = false;
  /**
   * `idle`: the script-tag loader loads the whole widget once the page is idle instead of waiting
   * for the visitor (not on Save-Data or 2G connections). No effect when the widget is already loaded.
   */
  @property() preload: '' | 'idle' = '';
  /** Send the page to the post-chat URL when the chat ends (default: the ended view links it). */
  @property({ type: Boolean, attribute: 'postchat-redirect' }) postchatRedirect = false;
  /** A Web-to-Case-style URL: when no one is available, a leave-a-message form posts there. */
  @property({ attribute: 'offline-form-action' }) offlineFormAction = '';
  /** Largest file (bytes) the visitor may send when the agent asks for one; default 25 MB. */
  @property({ type: Number, attribute: 'max-file-size' }) maxFileSize = DEFAULT_MAX_FILE_SIZE;
  /** File types the visitor may send (the file input's `accept` list, e.g. `image/*,.pdf`); empty: any. */
  @property() accept = '';
  /** Whether the panel is open (reflected as the `open` attribute; set it to open/minimize). */
  @property({ type: Boolean, reflect: true, attribute: 'open' }) expanded = false;
  /** Header title (default: the localised "Chat"). */ @property({ attribute: 'chat-title' }) chatTitle = '';
  /** Header line under the title while no status shows (default: localised). */ @property({ attribute: 'chat-subtitle' }) chatSubtitle = '';
  /** Agent name or agent id → avatar image URL (http(s) only; others fall back to initials). */ @property({ attribute: false }) agentAvatars: AgentAvatars | null = null;
  /** Avatar image URL for agents `agentAvatars` does not name (http(s) only). */ @property({ attribute: 'default-avatar' }) defaultAvatar = '';
  /** A chime for agent messages while the page is hidden or the panel minimised (leading tab, after an interaction; mutable in the header). */ @property({ type: Boolean }) sound = false;
  readonly #away = new AwayController(this);

  @state()
  protected locale: LocaleInfo = defaultLocale;
  /** Gives the parts the locale (as the controller gives them the snapshot). */
  readonly #localeProvider = new ContextProvider(this, { context: localeContext, initialValue: this.locale });
  /** Negotiates and loads the locale (the first render waits for it). */
  readonly #locales = new LocaleController(this, {
    language: () => this.language,
    strings: () => this.strings,
    onChange: (locale) => {
      this.locale = locale;
      this.#localeProvider.setValue(locale);
    },
  });

  @state() private unread = 0;
  @state() private confirming = false;
  #parsed: ParsedPrechatFields = parsePrechatFields(null);
  #draft = '';
  #focusOnUpdate: string | null = null;

  readonly #controller = new ChatController(this, {
    config: (): ChatConfig => ({
      endpoint: this.endpoint,
      orgId: this.orgId,
      deploymentId: this.deploymentId,
      buttonId: this.buttonId,
      apiVersion: this.apiVersion || '49',
      language: this.#locales.requested,
      visitorName: this.visitorName,
      extraButtonIds: [
        ...this.#parsed.fields.flatMap((f) => (f.type === 'group_chooser' ? (f.options ?? []).flatMap((o) => o.buttonId ?? []) : [])),
        ...(this.inviteButtonId ? [this.inviteButtonId] : []),
      ],
      inviteDelayMs: (Number(this.inviteDelay) || 0) * 1000,
    }),
    onSnapshot: (next, prev) => this.#onSnapshot(next, prev),
    onCustomEvent: (type, data) => this.#fire(new LiveChatCustomEvent(type, data)),
    prechatRequired: () => this.#parsed.fields.length > 0,
    onRestore: (open, unread) => void (open ? (this.#restoring = this.expanded = true) : (this.unread = unread)),
  });
  /** The panel reopens by itself (a stored chat came back open): focus stays where the page has it. */
  #restoring = false;

  /** The rating and the leave-a-message form (chat-edges.ts). */
  readonly #edges = new ChatEdges(this, () => this.#controller, () => this.#parsed.fields, (ev) => this.#fire(ev));

  /** Where the visitor is: idle, unavailable, prechat, connecting, queued, active, reconnecting, ended or failed. */
  get phase(): ChatPhase {
    return this.#controller.snapshot.phase;
  }

  /** The messages so far (agent, visitor and system entries). */
  get transcript(): readonly TranscriptEntry[] {
    return localizedTranscript(this.#controller.snapshot.transcript, this.locale);
  }

  /** Opens the panel; starts the pre-chat form (or the chat when there is no form) if nothing runs yet. */
  open(): void {
    this.expanded = true;
  }

  /** Minimizes the panel to the launcher (the chat keeps running). */
  minimize(): void {
    this.expanded = false;
  }

  /** Starts a chat, skipping the pre-chat form (values as the form would give them). */
  start(prechatValues?: PrechatValues): Promise<void> {
    this.expanded = true;
    return this.#controller.start(prechatValues);
  }

  /** Sends a visitor message; returns the transcript entry id. Throws (and keeps nothing) if it cannot be queued. */
  send(text: string): string {
    return this.#controller.send(text);
  }

  /** Ends the chat (or leaves the queue). */
  end(): Promise<void> {
    this.confirming = false;
    return this.#controller.end();
  }

  /** Sends a CustomEvent to the agent. */
  sendCustomEvent(type: string, data: string): void {
    this.#controller.sendCustomEvent(type, data);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#locales.refresh(); // language, strings, <html lang> or the browser's languages may have changed
    if (changed.has('prechatFields')) {
      this.#parsed = parsePrechatFields(this.prechatFields);
      if (this.#parsed.error) {
        console.warn(`<live-chat>: ${this.#parsed.error}`);
        this.#fire(new LiveChatErrorEvent('config', this.#parsed.error));
      }
    }
    if (changed.has('expanded')) {
      this.#controller.panel(this.expanded, this.expanded ? (this.unread = 0) : this.unread);
      if (this.expanded) {
        // After this update: the controller boots on the first one (an `open` attribute in the markup).
        void this.updateComplete.then(() => this.expanded && this.#begin());
        this.#focusOnUpdate = this.#restoring ? null : 'current';
        this.#restoring = false;
        this.#viewport.watch(true);
      } else if (changed.get('expanded') !== undefined) {
        this.confirming = false;
        this.#focusOnUpdate = 'launcher';
        this.#viewport.watch(false);
      }
    }
  }

  /** Dispatches a public event (a method, so the manifest lists only the documented events). */
  #fire(ev: Event): void {
    this.dispatchEvent(ev);
  }

  readonly #viewport = new ViewportFollower(this);

  /** Opened before the first presence answer: begin when it comes (or after PRESENCE_WAIT_MS). */
  #presenceWait: ReturnType<typeof setTimeout> | null = null;

  /** Opening with nothing running: pre-chat form, or straight into the queue. */
  #begin(waited = false) {
    const snap = this.#controller.snapshot;
    if (this.#presenceWait !== null) clearTimeout(this.#presenceWait);
    this.#presenceWait = null;
    if (snap.phase !== 'idle' || snap.availability.online === false) return;
    // Opened before the first Settings answer (a lazy load's click, or a quick one): wait briefly, so an
    // offline button shows the offline view, not a form that leads nowhere (nothing asked unconfigured).
    if (!waited && snap.availability.online === null && !snap.error && this.endpoint && this.orgId && this.deploymentId && this.buttonId) {
      this.#presenceWait = setTimeout(() => this.expanded && this.#begin(true), LiveChat.PRESENCE_WAIT_MS);
      return;
    }
    // Opening while invited accepts the invitation (its button routes the chat).
    if (snap.invitation) this.#controller.acceptInvitation();
    else if (this.#parsed.fields.length) this.#controller.beginPrechat();
    else void this.#controller.start();
  }

  protected override updated(): void {
    const target = this.#focusOnUpdate;
    this.#focusOnUpdate = null;
    if (target) focusIn(this.renderRoot, target);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#viewport.watch(false);
  }

  /** How long an open waits for the first presence answer before it begins anyway. */
  private static readonly PRESENCE_WAIT_MS = 3000;

  #onSnapshot(next: ChatSnapshot, prev: ChatSnapshot) {
    if (this.#presenceWait !== null && (next.availability !== prev.availability || (next.error && !prev.error))) {
      queueMicrotask(() => this.expanded && this.#presenceWait !== null && this.#begin(true));
    }
    if (next.phase !== prev.phase) {
      this.#fire(new LiveChatPhaseChangeEvent(next.phase, prev.phase));
      if (viewOf(next.phase) !== 'active') this.confirming = false; // the end button is gone
      // An active chat focuses the composer (once, when the agent joins) if the visitor is in the panel.
      if (next.phase === 'active' && prev.phase !== 'reconnecting' && this.expanded) this.#focusOnUpdate = 'current';
      // The view is replaced (form → queue → chat → post-chat) while the visitor is in it:
      // move focus into the new view instead of losing it to <body>.
      if (this.expanded && viewOf(next.phase) !== viewOf(prev.phase) && this.shadowRoot!.activeElement) this.#focusOnUpdate = 'current';
    }
    this.#away.onSnapshot(next, prev);
    for (const ev of snapshotEvents(next, prev, this.locale)) {
      this.#fire(ev);
      if (!this.expanded && ev instanceof LiveChatMessageEvent && ev.detail.message.kind === 'agent') this.#controller.panel(false, ++this.unread);
    }
  }

  /** Also waits for the locale file the visitor's language needs (or English, if it fails). */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.#locales.settled;
    return super.getUpdateComplete();
  }

  override render() {
    if (this.#locales.pending) return nothing; // no English flash before the visitor's locale
    const snap = this.#controller.snapshot;
    const { lang, dir } = this.locale;
    const phase = snap.phase;
    const offline = snap.availability.online === false;
    // The header's subtitle shows what the status region announces (the queue view shows its own).
    const sub = viewOf(phase) === 'queue' ? '' : headerStatus(snap, this.locale);
    const e = this.#edges;
    return html`<div
      lang=${lang}
      dir=${dir}
      class="root"
      @prechat-submit=${(e: PrechatSubmitEvent) => void this.#controller.start(e.detail.values)}
      @prechat-cancel=${this.#onPrechatCancel}
      @message-send=${this.#onSend}
      @draft-change=${(e: DraftChangeEvent) => {
        this.#draft = e.detail.text;
        this.#controller.setDraft(e.detail.text);
      }}
      @retry-request=${(e: RetryRequestEvent) => this.#controller.retry(e.detail.id)}
      @end-request=${(_: EndRequestEvent) => void this.end()}
      @restart-request=${this.#onRestart}
      @invitation-answer=${this.#onInvitation}
      @rich-choice=${(e: RichChoiceEvent) => this.#controller.choose(e.detail.id, e.detail.element, e.detail.button)}
      @file-upload=${(e: FileUploadEvent) => (e.result = this.#controller.upload(e.detail.id, e.detail.file, { maxBytes: this.maxFileSize, accept: this.accept }, e.detail.signal, e.detail.onProgress))}
    >
      <div part="status" class="sr" role="status">${statusText(snap, this.locale)}</div>
      ${snap.invitation && phase === 'idle' && !this.expanded
        ? html`<live-chat-invitation exportparts="invitation, invitation-accept, invitation-decline"></live-chat-invitation>`
        : nothing}
      <section part="panel" class="panel" role="dialog" aria-labelledby="title" ?hidden=${!this.expanded} @keydown=${this.#onKeyDown}>
        ${headerView({
          locale: this.locale,
          sub,
          canEnd: phase === 'active' || phase === 'reconnecting',
          confirming: this.confirming,
          onEndClick: () => this.#onEndClick(),
          onMinimize: () => this.minimize(),
          onEnd: () => void this.end(),
          onCancelEnd: () => this.#cancelEnd(),
          rating: ratingView(e.rated),
          messenger: {
            title: this.chatTitle,
            subtitle: this.chatSubtitle,
            agent: viewOf(phase) === 'active' ? snap.agent : null,
            avatars: this.agentAvatars,
            defaultAvatar: this.defaultAvatar,
            sound: this.sound ? { muted: this.#away.muted, onToggle: this.#away.toggleMute } : null,
          },
        })}
        <div class="body">${bodyView(snap, this.#parsed, this.#draft, e.view(this.locale), this)}</div>
      </section>
      ${launcherView({
        locale: this.locale,
        offline,
        offlineForm: !!this.offlineFormAction,
        view: viewOf(phase),
        hidden: this.noLauncher || this.expanded,
        unread: this.unread,
        onOpen: () => this.open(),
      })}
    </div>`;
  }

  #onSend(e: MessageSendEvent) {
    const composer = e.target as LiveChatComposer;
    try {
      this.#controller.send(e.detail.text);
      this.#draft = '';
    } catch {
      // Not queued (e.g. too long; the controller reports it in snapshot.error, which
      // becomes a live-chat-error): give the text back to the visitor, never lose it.
      this.#draft = e.detail.text;
      composer.value = e.detail.text;
    }
  }

  #onPrechatCancel() {
    this.#controller.cancelPrechat();
    this.minimize();
  }

  #onRestart() {
    this.#controller.reset();
    this.#begin();
    this.#focusOnUpdate = 'current';
  }

  #onInvitation(e: InvitationAnswerEvent) {
    if (e.detail.accepted) this.expanded = true; // begin() accepts it
    else this.#controller.rejectInvitation();
  }

  #onEndClick() {
    // The end button shows only in a conversation (the queue view leaves the queue itself).
    this.confirming = !this.confirming;
    this.#focusOnUpdate = this.confirming ? 'confirm' : 'end';
  }

  #cancelEnd() {
    this.confirming = false;
    this.#focusOnUpdate = 'end';
  }

  #onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    if (this.confirming) this.#cancelEnd();
    else this.minimize();
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat': LiveChat;
  }
}
