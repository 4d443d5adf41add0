/**
 * The panel's chrome around its views: the header (title, status line, end and minimize
 * buttons), the inline end confirmation and the launcher. Pure templates; <live-chat> owns
 * the state and passes the handlers.
 */
import { html, nothing } from 'lit';
import { format, formatNumber, type LocaleInfo } from '../../i18n/strings.js';

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
}

/** The header and, below it while asked, the "End this chat?" confirmation. */
export function headerView(h: HeaderInput) {
  const s = h.locale.strings;
  return html`<header part="header">
      <div class="titles">
        <h2 id="title">${s['panel.title']}</h2>
        ${h.sub ? html`<p class="sub">${h.sub}</p>` : nothing}
      </div>
      ${h.canEnd
        ? html`<button part="end-button" type="button" aria-expanded=${h.confirming} @click=${h.onEndClick}>${s['end.button']}</button>`
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
 * in its own update, so focus waits for it; every view delegates focus to its first control.
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
  if (el) void Promise.resolve((el as { updateComplete?: Promise<unknown> }).updateComplete).then(() => el.focus());
}
