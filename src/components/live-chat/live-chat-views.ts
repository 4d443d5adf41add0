/**
 * What <live-chat> shows around its views: which view a phase shows (and its template), the one status text, the
 * transcript and post-chat templates, the public events a snapshot change makes, and the type of
 * `prechatFields`.
 * Pure; the element renders them.
 */
import { html, nothing } from 'lit';
import { format, type LocaleInfo } from '../../i18n/strings.js';
import type { ChatPhase, ChatSnapshot, PrechatEntity } from '../../protocol/snapshot.js';
import type { ParsedPrechatFields, PrechatField } from '../prechat/prechat-fields.js';
import { endedKey } from '../postchat/live-chat-postchat.js';
import { queueStatusText } from '../queue/live-chat-queue.js';
import { diffTranscript } from '../../protocol/transcript-diff.js';
import { entryText } from '../shared/entry-text.js';
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
      return format(s['panel.withAgent'], { name: snap.agent?.name || s['transcript.agent'] }, lang);
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

export const transcriptView = html`<live-chat-transcript
  exportparts="transcript, message, agent, visitor, system, typing-indicator, retry-button, rich-message, card, card-image, card-button, quick-reply, carousel-previous, carousel-next, attachment, file-request, file-input, upload-button, upload-progress, upload-cancel, upload-retry, file-status"
></live-chat-transcript>`;

export const postchatView = html`<live-chat-postchat exportparts="postchat, download-button, restart-button, postchat-link"></live-chat-postchat>`;

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
  if (next.ended && !prev.ended) events.push(new LiveChatEndedEvent(next.ended.reason, next.ended.postChatUrl, next.ended.attachedRecords));
  if (next.error && next.error !== prev.error) events.push(new LiveChatErrorEvent(next.error.code, next.error.message));
  return events;
}

/** The view of the current phase. */
export function bodyView(snap: ChatSnapshot, parsed: ParsedPrechatFields, draft: string) {
  switch (snap.phase) {
    case 'prechat':
      return html`<live-chat-prechat
        .fields=${parsed.fields}
        .entities=${parsed.entities}
        exportparts="prechat-form, prechat-field, prechat-error, submit-button, cancel-button"
      ></live-chat-prechat>`;
    case 'connecting':
    case 'queued':
      return html`<live-chat-queue exportparts="queue-position, progress, cancel-button"></live-chat-queue>`;
    case 'active':
    case 'reconnecting':
      return html`${transcriptView}<live-chat-composer .value=${draft} exportparts="composer, composer-input, send-button"></live-chat-composer>`;
    case 'ended':
    case 'failed':
      return html`${transcriptView}${postchatView}`;
    case 'unavailable':
      return postchatView;
    default:
      return snap.availability.online === false ? postchatView : nothing;
  }
}
