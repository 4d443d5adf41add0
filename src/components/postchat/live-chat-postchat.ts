/**
 * <live-chat-postchat>: what follows a chat: a thank-you view (with the reason unless the
 * transcript already says it), the post-chat URL as a link that opens a new tab, a plain-text
 * transcript download and "start a new chat" (RestartRequestEvent). Only with `redirect`
 * (`postchat-redirect` on <live-chat>) does it send the page to the post-chat URL (through the
 * overridable `navigate` hook), showing the link in case navigation is blocked. In any other phase (`unavailable`,
 * or idle while offline) it shows an honest "no one is available" view with the
 * offline/post-chat link when there is one.
 * Only http(s) URLs are followed or linked. Never calls the controller.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { format, type TextKey } from '../../i18n/strings.js';
import { RestartRequestEvent } from '../events.js';
import { ChatView } from '../shared/view-element.js';
import { controls } from '../shared/controls.styles.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './live-chat-postchat.styles.js';
import { entryText } from '../shared/entry-text.js';
import { transcriptToText } from './transcript-text.js';
import { safeUrl } from '../shared/safe-url.js';

export { transcriptToText } from './transcript-text.js';

export { safeUrl };

const REASONS: Readonly<Record<string, TextKey>> = {
  agent: 'system.ended-by-agent',
  visitor: 'system.ended-by-visitor',
  idle: 'system.ended-idle',
  error: 'system.ended-error',
};

/** The string that says why a chat ended (also what <live-chat>'s status region says). */
export const endedKey = (reason = ''): TextKey => REASONS[reason] ?? 'postchat.ended';

/**
 * @tagname live-chat-postchat
 * @summary After the chat: thank-you view with the post-chat link, transcript download
 * and restart (or the post-chat redirect when asked), or the "no one is available" view.
 * @fires restart-request - RestartRequestEvent: the visitor wants a new chat.
 * @csspart postchat - The view (redirect, thank-you or unavailable).
 * @csspart download-button - "Download transcript".
 * @csspart restart-button - "Start a new chat" / "Try again".
 * @csspart postchat-link - The post-chat or offline link.
 * @cssprop [--live-chat-color-accent=#0b5cab] - Primary button and links.
 * @cssprop [--live-chat-color-muted=#5c5f66] - Secondary text.
 */
export class LiveChatPostchat extends ChatView {
  static override styles = [tokens, controls, styles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Where to send visitors when no one is available (wins over the ChatRequestFail post-chat URL). */
  @property({ attribute: false }) offlineUrl = '';

  /** Navigate to the post-chat URL by itself (default: only link it). */
  @property({ type: Boolean }) redirect = false;

  /** Leaves the page for the post-chat URL. Override in tests or to open it elsewhere. */
  navigate: (url: string) => void = (url) => {
    try {
      (window.top ?? window).location.href = url;
    } catch {
      location.href = url; // cross-origin parent refused: navigate this frame instead
    }
  };

  /** Hands a file to the browser. Override in tests or to store it elsewhere. */
  saveFile: (file: Blob, name: string) => void = (file, name) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(file);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  #navigated: string | null = null;

  /** The http(s) post-chat URL of an ended chat, else null. */
  #postchatUrl(): string | null {
    const { phase, ended } = this.snapshot;
    return phase === 'ended' || phase === 'failed' ? safeUrl(ended?.postChatUrl) : null;
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const url = this.redirect ? this.#postchatUrl() : null;
    if (url && url !== this.#navigated) {
      this.#navigated = url;
      this.navigate(url);
    }
  }

  #download(): void {
    const { transcript } = this.snapshot;
    const text = transcriptToText(transcript, this.locale.lang, undefined, (e) => entryText(e, this.locale));
    const date = new Date(transcript[0]?.time ?? Date.now()).toISOString().slice(0, 10);
    this.saveFile(new Blob([text], { type: 'text/plain;charset=utf-8' }), format(this.locale.strings['postchat.filename'], { date }));
  }

  #restart(): void {
    // Dispatched through a variable: cem would read `new X(arg)`'s argument as an event name.
    const intent = new RestartRequestEvent();
    this.dispatchEvent(intent);
  }

  #view() {
    const s = this.locale.strings;
    const { phase, ended, transcript } = this.snapshot;
    const restart = (key: TextKey) =>
      html`<button type="button" part="restart-button" class="primary" @click=${this.#restart}>${s[key]}</button>`;
    if (phase !== 'ended' && phase !== 'failed') {
      // 'unavailable', or idle while the availability check says offline
      const url = safeUrl(this.offlineUrl) ?? safeUrl(ended?.postChatUrl);
      return html`<p class="title">${s['unavailable.title']}</p>
        <p>${s['unavailable.body']}</p>
        ${url ? html`<p><a part="postchat-link" href=${url} target="_top">${s['offline.launcher']}</a></p>` : nothing}
        ${restart('unavailable.retry')}`;
    }
    const url = this.#postchatUrl();
    if (url && this.redirect) {
      return html`<p class="title">${s['postchat.redirect']}</p>
        <p><a part="postchat-link" href=${url} target="_top">${s['postchat.continue']}</a></p>`;
    }
    const reason = phase === 'failed' ? 'error' : ended?.reason;
    // Said once: when the transcript's last lines say how it ended, the view does not repeat it.
    const said = transcript.some((e) => e.kind === 'system' && e.event?.startsWith('ended'));
    return html`${said ? nothing : html`<p class="title">${s[endedKey(reason)]}</p>`}
      <p class=${said ? 'title' : ''}>${s['postchat.thanks']}</p>
      ${url ? html`<p><a part="postchat-link" href=${url} target="_blank" rel="noopener">${s['postchat.continue']}</a></p>` : nothing}
      <div class="actions">
        ${transcript.length
          ? html`<button type="button" part="download-button" @click=${this.#download}>${s['postchat.download']}</button>`
          : nothing}
        ${restart('postchat.restart')}
      </div>`;
  }

  override render() {
    const { lang, dir } = this.locale;
    return html`<div part="postchat" class="view" lang=${lang} dir=${dir}>${this.#view()}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat-postchat': LiveChatPostchat;
  }
}
