/**
 * The edges of a chat, for <live-chat>: the visitor's rating and the leave-a-message form.
 * A reactive controller that listens to its host's shadow root for the intents of
 * <live-chat-rating> and <live-chat-offline-form>, and for what the visitor types in the pre-chat
 * form (so the offline form starts from it and nothing typed is lost when agents go offline).
 * Rating: CustomEvent `chat_rating` `{rating, comment}` to the agent while the chat is open, and
 * `live-chat-rating` always, once per chat. Offline: POSTs through protocol/web-to-case.ts, then
 * `live-chat-offline-message`. Leaves to others: rendering (live-chat-views.ts), the session.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatController } from '../../controller/chat-controller.js';
import type { LocaleInfo } from '../../i18n/strings.js';
import { emptyOfflineFields, outgoingFields, postWebToCase, type OfflineField, type OfflineFields } from '../../protocol/web-to-case.js';
import { maskFreeText } from '../../protocol/sensitive.js';
import type { PrechatField } from '../prechat/prechat-fields.js';
import type { OfflineFormEvent, OfflineStatus } from '../offline/live-chat-offline-form.js';
import type { RatingSubmitEvent } from '../rating/live-chat-rating.js';
import type { EdgeView } from './live-chat-views.js';
import { LiveChatOfflineMessageEvent, LiveChatRatingEvent } from './live-chat-events.js';

/** What ChatEdges reads from <live-chat>: its settings (the offline form posts `orgId` to `offlineFormAction`). */
export type EdgesHost = ReactiveControllerHost &
  HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment; offlineFormAction: string; orgId: string; postchatRedirect: boolean };

/** Which offline field a pre-chat field's text fills. */
const FROM_PRECHAT: Partial<Record<PrechatField['type'], OfflineField>> = {
  name: 'name',
  email: 'email',
  subject: 'subject',
  question: 'description',
  textarea: 'description',
};

export class ChatEdges implements ReactiveController {
  /** What the offline form holds (prefilled from the pre-chat form). */
  fields: OfflineFields = emptyOfflineFields;
  status: OfflineStatus = 'idle';
  /** The visitor rated the current chat. */
  rated = false;
  /** Pre-chat field id → text typed (several name fields make one name). */
  readonly #typed = new Map<string, string>();

  constructor(
    private readonly host: EdgesHost,
    private readonly chat: () => Pick<ChatController, 'snapshot' | 'sendCustomEvent'>,
    private readonly prechatFields: () => readonly PrechatField[],
    private readonly fire: (ev: Event) => void,
  ) {
    host.addController(this);
  }

  /** The events listened to on the host's shadow root, and their handlers. */
  #listeners(): [string, EventListener][] {
    return [
      ['input', this.#onPrechatInput],
      ['change', this.#onPrechatInput],
      ['offline-input', this.#onOfflineInput as EventListener],
      ['offline-submit', this.#onOfflineSubmit as EventListener],
      ['rating-submit', this.#onRating as EventListener],
      ['restart-request', this.#onRestart],
    ];
  }

  hostConnected(): void {
    for (const [type, fn] of this.#listeners()) this.host.renderRoot.addEventListener(type, fn);
  }

  hostDisconnected(): void {
    for (const [type, fn] of this.#listeners()) this.host.renderRoot.removeEventListener(type, fn);
  }

  /** What the views need (live-chat-views.ts). */
  view(locale: LocaleInfo): EdgeView {
    const h = this.host;
    return { locale, redirect: h.postchatRedirect, offlineForm: !!h.offlineFormAction, fields: this.fields, status: this.status, rated: this.rated };
  }

  #onPrechatInput = (e: Event): void => {
    const c = e.composedPath()[0] as HTMLInputElement;
    if (!(e.target as Element).matches?.('live-chat-prechat') || !c.name) return;
    const fields = this.prechatFields();
    const f = fields.find((x) => x.id === c.name);
    const to = f && !f.options && FROM_PRECHAT[f.type];
    if (!to) return;
    this.#typed.set(c.name, c.value);
    const parts = fields.filter((x) => FROM_PRECHAT[x.type] === to && !x.options).map((x) => this.#typed.get(x.id)?.trim() ?? '');
    this.fields = { ...this.fields, [to]: parts.filter(Boolean).join(to === 'description' ? '\n' : ' ') };
  };

  #onOfflineInput = (e: OfflineFormEvent): void => {
    this.fields = e.fields;
  };

  #onOfflineSubmit = (e: OfflineFormEvent): void => {
    const { offlineFormAction: action, orgId } = this.host;
    this.fields = e.fields;
    const sent = outgoingFields(e.fields);
    this.#set('sending');
    postWebToCase(action, orgId, sent).then(
      () => {
        this.#set('sent');
        this.fire(new LiveChatOfflineMessageEvent(sent));
      },
      () => this.#set('failed'),
    );
  };

  #onRating = (e: RatingSubmitEvent): void => {
    if (this.rated) return;
    // Free text, like the leave-a-message description: card and account numbers never leave the browser.
    const comment = maskFreeText(e.comment);
    const phase = this.chat().snapshot.phase;
    if (phase === 'active' || phase === 'reconnecting') {
      this.chat().sendCustomEvent('chat_rating', JSON.stringify({ rating: e.rating, comment }));
    }
    this.rated = true;
    this.host.requestUpdate();
    this.fire(new LiveChatRatingEvent(e.rating, comment));
  };

  #onRestart = (): void => {
    this.rated = false;
    if (this.status === 'sent') this.fields = { ...this.fields, subject: '', description: '' };
    this.#set('idle');
  };

  #set(status: OfflineStatus): void {
    this.status = status;
    this.host.requestUpdate();
  }
}
