/**
 * The panel's chrome around its views: the header (title, status line, end and minimize
 * buttons), the inline end confirmation and the launcher. Pure templates; <live-chat> owns
 * the state and passes the handlers.
 */
import { html, nothing } from 'lit';
import { format, formatNumber, type LocaleInfo } from '../../i18n/strings.js';
import type { AgentInfo } from '../../protocol/snapshot.js';
import { avatarLook, hideImage, type AgentAvatars } from '../shared/avatar.js';

/** What the messenger-style header adds: title and subtitle, the agent once joined, the sound toggle. */
export interface MessengerHeader {
  /** `chat-title` ('' for the localised default). */
  readonly title: string;
  /** `chat-subtitle` ('' for the localised default), shown when no status line is. */
  readonly subtitle: string;
  /** The agent in the chat (avatar and name), or null. */
  readonly agent: AgentInfo | null;
  readonly avatars: AgentAvatars | null;
  readonly defaultAvatar: string;
  /** The mute toggle, when the page turned `sound` on; null otherwise. */
  readonly sound: { readonly muted: boolean; readonly onToggle: () => void } | null;
}

export interface HeaderInput {
  readonly locale: LocaleInfo;
  /** The line under the title (what the status region announces), or ''. */
  readonly sub: string;
  /** The end button shows (a conversation is on). */
  readonly canEnd: boolean;
  readonly confirming: boolean;
  readonly onEndClick: () => void;
  readonly onMinimize: () => void;
  readonly onEnd: () => void;
  readonly onCancelEnd: () => void;
  /** Shown in the end confirmation (the rating). */
  readonly rating?: unknown;
  readonly messenger: MessengerHeader;
}

/** The agent's avatar in the header (the name is said by the status line beside it). */
function headerAvatar(m: MessengerHeader) {
  if (!m.agent) return nothing;
  const look = avatarLook(m.agent.name, m.agent.id, m.avatars, m.defaultAvatar);
  return html`<span part="avatar" class="avatar ${look.colour}"
    ><span aria-hidden="true">${look.initials}</span>${look.src ? html`<img alt=${m.agent.name} src=${look.src} @error=${hideImage} />` : nothing}</span
  >`;
}

/** The header and, below it while asked, the "End this chat?" confirmation. */
export function headerView(h: HeaderInput) {
  const s = h.locale.strings;
  const m = h.messenger;
  const sub = h.sub || m.subtitle || s['messenger.subtitle'];
  return html`<header part="header">
      ${headerAvatar(m)}
      <div class="titles">
        <h2 id="title">${m.title || s['panel.title']}</h2>
        ${sub ? html`<p class="sub">${sub}</p>` : nothing}
      </div>
      ${h.canEnd
        ? html`<button part="end-button" type="button" aria-expanded=${h.confirming} @click=${h.onEndClick}>${s['end.button']}</button>`
        : nothing}
      ${m.sound
        ? html`<button part="sound-button" type="button" aria-pressed=${!m.sound.muted} aria-label=${s['messenger.sound']} @click=${m.sound.onToggle}>
            <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true">
              <path fill="currentColor" d="M3 9h4l5-4v14l-5-4H3z"></path>
              <path fill="none" stroke="currentColor" stroke-width="2" d=${m.sound.muted ? 'M15 9l6 6m0-6l-6 6' : 'M15 9a4 4 0 0 1 0 6m3-9a8 8 0 0 1 0 12'}></path>
            </svg>
          </button>`
        : nothing}
      <button part="minimize-button" type="button" aria-label=${s['panel.minimize']} @click=${h.onMinimize}>
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M5 11h14v2H5z" /></svg>
      </button>
    </header>
    ${h.confirming
      ? html`<div part="end-confirm" class="confirm">
          <p>${s['end.confirm']}</p>
          <button class="yes" type="button" @click=${h.onEnd}>${s['end.yes']}</button>
          <button type="button" @click=${h.onCancelEnd}>${s['end.no']}</button>
          ${h.rating ?? nothing}
        </div>`
      : nothing}`;
}

export interface LauncherInput {
  readonly locale: LocaleInfo;
  readonly offline: boolean;
  /** The view the chat is in: a queued or running chat says so on the launcher. */
  readonly view?: string;
  /** Offline with a leave-a-message form: the launcher offers it (else it only says no one is there). */
  readonly offlineForm?: boolean;
  readonly hidden: boolean;
  readonly unread: number;
  readonly onOpen: () => void;
}

/** The launcher button with its unread badge (the count is also said in words). */
export function launcherView(l: LauncherInput) {
  const { strings: s, lang } = l.locale;
  return html`<button part="launcher" class="launcher ${l.offline ? 'offline' : ''}" type="button" ?hidden=${l.hidden} @click=${l.onOpen}>
    <span class="dot" aria-hidden="true"></span>${s[
      l.view === 'queue'
        ? 'visit.launcherWaiting'
        : l.view === 'active'
          ? 'visit.launcherInChat'
          : l.offline
            ? l.offlineForm
              ? 'offline.launcher'
              : 'launcher.offline'
            : 'launcher.open'
    ]}${l.unread
      ? html`<span class="sr">, ${format(s['launcher.unread'], { count: l.unread }, lang)}</span
          ><span part="badge" class="badge" aria-hidden="true">${formatNumber(l.unread, lang)}</span>`
      : nothing}
  </button>`;
}

/**
 * Moves focus after an update: to the launcher, the end confirmation, the end button, or into the
 * current view ('current'; the minimize button when there is none). A child just created renders
 * in its own update, so focus waits for it (and for its definition when its code loads on first use);
 * every view delegates focus to its first control.
 */
export function focusIn(root: ParentNode, target: 'launcher' | 'confirm' | 'end' | 'current' | string): void {
  if (target === 'launcher') return void root.querySelector<HTMLElement>('.launcher')?.focus();
  const el =
    target === 'confirm'
      ? root.querySelector<HTMLElement>('.confirm button')
      : target === 'end'
        ? root.querySelector<HTMLElement>('[part="end-button"]')
        : // The composer first: while queued the visitor can write (and Enter never leaves the queue by accident).
          root.querySelector<HTMLElement>('live-chat-composer') ??
          root.querySelector<HTMLElement>('live-chat-prechat, live-chat-queue, live-chat-postchat, live-chat-offline-form') ??
          root.querySelector<HTMLElement>('[part="minimize-button"]');
  // A view whose code is still loading (the leave-a-message form) takes focus once it is defined.
  const ready = el?.matches(':defined') ? Promise.resolve() : customElements.whenDefined(el?.localName ?? '');
  if (el) void ready.then(() => (el as { updateComplete?: Promise<unknown> }).updateComplete).then(() => el.focus());
}
