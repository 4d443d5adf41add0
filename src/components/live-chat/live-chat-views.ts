/**
 * What <live-chat> shows around its views: which view a phase shows (and its template), the one status text, the
 * transcript and post-chat templates, the public events a snapshot change makes, and the type of
 * `prechatFields`.
 * Pure, but for the offline view, which imports the leave-a-message form's code on first use; the element renders them.
 */
import { html, nothing } from 'lit';
import { format, type LocaleInfo } from '../../i18n/strings.js';
import type { ChatPhase, ChatSnapshot, PrechatEntity } from '../../protocol/snapshot.js';
import type { ParsedPrechatFields, PrechatField } from '../prechat/prechat-fields.js';
import type { OfflineFields } from '../../protocol/web-to-case.js';
import type { OfflineStatus } from '../offline/live-chat-offline-form.js';
import { safeUrl } from '../shared/safe-url.js';
import { loadOfflineForm } from '../offline/load-offline-form.js';
import { endedKey } from '../postchat/live-chat-postchat.js';
import { queueStatusText } from '../queue/live-chat-queue.js';
import { diffTranscript } from '../../protocol/transcript-diff.js';
import { entryText } from '../shared/entry-text.js';
import { isolate } from '../../i18n/bidi.js';
import type { AgentAvatars } from '../shared/avatar.js';
import { LiveChatEndedEvent, LiveChatErrorEvent, LiveChatMessageEvent } from './live-chat-events.js';

/**
 * What `prechatFields` takes: an array of fields, `{fields, entities}`, or the JSON text of either
 * (what the `prechat-fields` attribute holds); null for no form. Anything else fires `live-chat-error`
 * (code `config`) and the widget runs without a form.
 */
export type PrechatFieldsValue =
  | readonly PrechatField[]
  | { readonly fields: readonly PrechatField[]; readonly entities?: readonly PrechatEntity[] }
  | string
  | null;

/** Which view a phase shows (focus moves when the view changes under the visitor). */
export const viewOf = (phase: ChatPhase) =>
  phase === 'connecting' || phase === 'queued' ? 'queue' : phase === 'reconnecting' ? 'active' : phase === 'failed' ? 'ended' : phase;

/** Text of the one status region: queue position, connection state, end. */
export function statusText(snap: ChatSnapshot, { strings: s, lang }: LocaleInfo): string {
  switch (snap.phase) {
    case 'connecting':
      return s['panel.connecting'];
    case 'queued':
      return queueStatusText(snap, s, lang);
    case 'reconnecting':
      return s['system.reconnecting'];
    case 'active':
      return format(s['panel.withAgent'], { name: isolate(snap.agent?.name || s['transcript.agent']) }, lang);
    case 'ended':
      return s[endedKey(snap.ended?.reason)];
    case 'unavailable':
      return s['unavailable.title'];
    case 'failed':
      return s[snap.error?.code === 'config' ? 'error.config' : 'error.generic'];
    default:
      return '';
  }
}

/**
 * The header's line under the title: the status, except where the view says it itself (the ended
 * and unavailable views, the reconnecting banner), so each status is shown once.
 */
export function headerStatus(snap: ChatSnapshot, locale: LocaleInfo): string {
  return ['reconnecting', 'ended', 'failed', 'unavailable'].includes(snap.phase) ? '' : statusText(snap, locale);
}

/** What the views at the edges of a chat need besides the snapshot (the element's settings and ChatEdges' state). */
export interface EdgeView {
  readonly locale: LocaleInfo;
  /** `postchat-redirect`: navigate to the post-chat URL instead of linking it. */
  readonly redirect: boolean;
  /** `offline-form-action` is set: no one available shows the leave-a-message form. */
  readonly offlineForm: boolean;
  readonly fields: OfflineFields;
  readonly status: OfflineStatus;
  readonly rated: boolean;
}

export const ratingView = (rated: boolean) => html`<live-chat-rating .rated=${rated} exportparts="rating"></live-chat-rating>`;

/** The leave-a-message form; its code is imported as it is about to show (load-offline-form.ts). */
const offlineView = (e: EdgeView) => (void loadOfflineForm(), html`<live-chat-offline-form
  .values=${e.fields}
  status=${e.status}
  exportparts="offline-form, prechat-field, prechat-error, submit-button"
></live-chat-offline-form>`);

/** What the transcript shows avatars from (the element's `agentAvatars` and `default-avatar`). */
export interface AvatarSource {
  readonly agentAvatars: AgentAvatars | null;
  readonly defaultAvatar: string;
}

export const transcriptView = (a: AvatarSource) => html`<live-chat-transcript
  .agentAvatars=${a.agentAvatars}
  default-avatar=${a.defaultAvatar}
  exportparts="transcript, message, agent, visitor, system, typing-indicator, retry-button, message-group, avatar, day-separator, new-messages, rich-message, card, card-image, card-button, quick-reply, carousel-previous, carousel-next, attachment, file-request, file-input, upload-button, upload-progress, upload-cancel, upload-retry, file-status"
></live-chat-transcript>`;

export const postchatView = (redirect = false) =>
  html`<live-chat-postchat ?redirect=${redirect} exportparts="postchat, download-button, restart-button, postchat-link"></live-chat-postchat>`;

/**
 * The public events a snapshot change makes (besides the phase change, which the element fires
 * with its focus rules): each new transcript entry (system entries in the visitor's language),
 * the end, a new error.
 */
export function snapshotEvents(next: ChatSnapshot, prev: ChatSnapshot, locale: LocaleInfo): Event[] {
  const events: Event[] = [];
  const list = next.transcript;
  if (list !== prev.transcript) {
    for (let i = diffTranscript(prev.transcript, list).from; i < list.length; i++) {
      const message = list[i]!;
      events.push(new LiveChatMessageEvent(message.kind === 'system' ? Object.freeze({ ...message, text: entryText(message, locale) }) : message));
    }
  }
  // Only an http(s) post-chat URL is passed on (a page may navigate to it).
  if (next.ended && !prev.ended) events.push(new LiveChatEndedEvent(next.ended.reason, safeUrl(next.ended.postChatUrl), next.ended.attachedRecords));
  if (next.error && next.error !== prev.error) events.push(new LiveChatErrorEvent(next.error.code, next.error.message));
  return events;
}

/** The view of the current phase. */
export function bodyView(snap: ChatSnapshot, parsed: ParsedPrechatFields, draft: string, edge: EdgeView, avatars: AvatarSource) {
  const postchat = postchatView(edge.redirect);
  const offline = () => (edge.offlineForm ? offlineView(edge) : postchat);
  switch (snap.phase) {
    case 'prechat':
      return html`<live-chat-prechat
        .fields=${parsed.fields}
        .entities=${parsed.entities}
        exportparts="prechat-form, prechat-field, prechat-error, submit-button, cancel-button"
      ></live-chat-prechat>`;
    case 'connecting':
    case 'queued':
      // Waiting: the queue's status, then the conversation so far (the visitor's question) and a
      // composer whose messages wait for the agent (delivered once, after ChatEstablished).
      return html`<live-chat-queue exportparts="queue-position, progress, cancel-button"></live-chat-queue>${transcriptView(avatars)}<live-chat-composer
          .value=${draft}
          exportparts="composer, composer-input, send-button"
        ></live-chat-composer>`;
    case 'active':
    case 'reconnecting':
      return html`${snap.phase === 'reconnecting'
          ? html`<p part="connection-banner" class="banner">${edge.locale.strings['system.reconnecting']}</p>`
          : nothing}${transcriptView(avatars)}<live-chat-composer .value=${draft} exportparts="composer, composer-input, send-button"></live-chat-composer>`;
    case 'ended':
    case 'failed':
      // A conversation took place: the visitor may rate it (the end confirmation offered it first).
      return html`${transcriptView(avatars)}${snap.transcript.some((e) => e.kind === 'agent') || snap.agent ? ratingView(edge.rated) : nothing}${postchat}`;
    case 'unavailable':
      return offline();
    default:
      return snap.availability.online === false ? offline() : nothing;
  }
}
