/**
 * The public events of <live-chat>: small typed Event subclasses, bubbling and composed,
 * registered in GlobalEventHandlersEventMap so `el.addEventListener('live-chat-message', e => e.detail.message)`
 * is typed. <live-chat> fires them from snapshot diffs (never because the page set a property).
 * Internal intent events live in ../events.ts.
 */
import type { ChatErrorCode, ChatPhase, TranscriptEntry } from '../../protocol/snapshot.js';

/** `detail` of `live-chat-phase-change`. */
export interface LiveChatPhaseChangeDetail {
  readonly phase: ChatPhase;
  readonly previous: ChatPhase;
}

/** `detail` of `live-chat-message`. */
export interface LiveChatMessageDetail {
  readonly message: TranscriptEntry;
}

/** `detail` of `live-chat-custom-event`. */
export interface LiveChatCustomEventDetail {
  readonly type: string;
  readonly data: string;
}

/** `detail` of `live-chat-ended`. */
export interface LiveChatEndedDetail {
  readonly reason: string;
  readonly postChatUrl: string | null;
  readonly attachedRecords: string | null;
}

/** A chat rating: `good` or `bad`, with the visitor's optional comment ('' when none). */
export interface LiveChatRatingDetail {
  readonly rating: 'good' | 'bad';
  readonly comment: string;
}

/** `detail` of `live-chat-offline-message`: the fields sent (Web-to-Case names; the description already masked). */
export interface LiveChatOfflineMessageDetail {
  readonly fields: Readonly<Record<'name' | 'email' | 'subject' | 'description', string>>;
}

/** `detail` of `live-chat-error`. */
export interface LiveChatErrorDetail {
  readonly code: ChatErrorCode;
  readonly message: string;
}

/** The base of every public event: bubbles, crosses shadow roots, carries a typed readonly `detail`. */
export abstract class LiveChatEvent<D> extends Event {
  readonly detail: D;
  constructor(type: string, detail: D) {
    super(type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** The chat moved to another phase. */
export class LiveChatPhaseChangeEvent extends LiveChatEvent<LiveChatPhaseChangeDetail> {
  static readonly type = 'live-chat-phase-change';
  constructor(phase: ChatPhase, previous: ChatPhase) {
    super(LiveChatPhaseChangeEvent.type, { phase, previous });
  }
}

/** A new transcript entry (agent, visitor or system). */
export class LiveChatMessageEvent extends LiveChatEvent<LiveChatMessageDetail> {
  static readonly type = 'live-chat-message';
  constructor(message: TranscriptEntry) {
    super(LiveChatMessageEvent.type, { message });
  }
}

/** The agent sent a CustomEvent. */
export class LiveChatCustomEvent extends LiveChatEvent<LiveChatCustomEventDetail> {
  static readonly type = 'live-chat-custom-event';
  constructor(type: string, data: string) {
    super(LiveChatCustomEvent.type, { type, data });
  }
}

/** The chat ended (visitor, agent, idle time-out, unavailable or error). */
export class LiveChatEndedEvent extends LiveChatEvent<LiveChatEndedDetail> {
  static readonly type = 'live-chat-ended';
  constructor(reason: string, postChatUrl: string | null, attachedRecords: string | null) {
    super(LiveChatEndedEvent.type, { reason, postChatUrl, attachedRecords });
  }
}

/** Something went wrong (network, server, configuration…). */
export class LiveChatErrorEvent extends LiveChatEvent<LiveChatErrorDetail> {
  static readonly type = 'live-chat-error';
  constructor(code: ChatErrorCode, message: string) {
    super(LiveChatErrorEvent.type, { code, message });
  }
}

/** The visitor rated the chat (also sent to the agent as CustomEvent `chat_rating` while the chat is open). */
export class LiveChatRatingEvent extends LiveChatEvent<LiveChatRatingDetail> {
  static readonly type = 'live-chat-rating';
  constructor(rating: 'good' | 'bad', comment: string) {
    super(LiveChatRatingEvent.type, { rating, comment });
  }
}

/** The visitor left a message while no one was available (posted to `offline-form-action`). */
export class LiveChatOfflineMessageEvent extends LiveChatEvent<LiveChatOfflineMessageDetail> {
  static readonly type = 'live-chat-offline-message';
  constructor(fields: LiveChatOfflineMessageDetail['fields']) {
    super(LiveChatOfflineMessageEvent.type, { fields });
  }
}

/** Every public event of <live-chat> by name (the same entries are added to GlobalEventHandlersEventMap). */
export interface LiveChatEventMap {
  'live-chat-phase-change': LiveChatPhaseChangeEvent;
  'live-chat-message': LiveChatMessageEvent;
  'live-chat-custom-event': LiveChatCustomEvent;
  'live-chat-ended': LiveChatEndedEvent;
  'live-chat-error': LiveChatErrorEvent;
  'live-chat-rating': LiveChatRatingEvent;
  'live-chat-offline-message': LiveChatOfflineMessageEvent;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'live-chat-phase-change': LiveChatPhaseChangeEvent;
    'live-chat-message': LiveChatMessageEvent;
    'live-chat-custom-event': LiveChatCustomEvent;
    'live-chat-ended': LiveChatEndedEvent;
    'live-chat-error': LiveChatErrorEvent;
    'live-chat-rating': LiveChatRatingEvent;
    'live-chat-offline-message': LiveChatOfflineMessageEvent;
  }
}
