/**
 * Internal intent events: a subcomponent reports what the visitor wants; <live-chat>
 * listens and calls the controller. They bubble but are not composed, so they never
 * leave the widget's shadow root. (Public `live-chat-*` events live with <live-chat>.)
 */
import type { PrechatValues } from '../protocol/snapshot.js';

abstract class IntentEvent<D> extends Event {
  readonly detail: D;
  constructor(type: string, detail: D) {
    super(type, { bubbles: true, composed: false, cancelable: false });
    this.detail = detail;
  }
}

/** The pre-chat form was submitted with valid values. */
export class PrechatSubmitEvent extends IntentEvent<{ readonly values: PrechatValues }> {
  static readonly type = 'prechat-submit';
  constructor(values: PrechatValues) {
    super(PrechatSubmitEvent.type, { values });
  }
}

/** The visitor closed the pre-chat form without starting. */
export class PrechatCancelEvent extends IntentEvent<null> {
  static readonly type = 'prechat-cancel';
  constructor() {
    super(PrechatCancelEvent.type, null);
  }
}

/** The visitor sends a message. */
export class MessageSendEvent extends IntentEvent<{ readonly text: string }> {
  static readonly type = 'message-send';
  constructor(text: string) {
    super(MessageSendEvent.type, { text });
  }
}

/** The composer's draft changed (drives typing and sneak peek). */
export class DraftChangeEvent extends IntentEvent<{ readonly text: string }> {
  static readonly type = 'draft-change';
  constructor(text: string) {
    super(DraftChangeEvent.type, { text });
  }
}

/** Retry a failed visitor message. */
export class RetryRequestEvent extends IntentEvent<{ readonly id: string }> {
  static readonly type = 'retry-request';
  constructor(id: string) {
    super(RetryRequestEvent.type, { id });
  }
}

/** End the chat (confirmed), or leave the queue. */
export class EndRequestEvent extends IntentEvent<null> {
  static readonly type = 'end-request';
  constructor() {
    super(EndRequestEvent.type, null);
  }
}

/** Start over after an ended or failed chat. */
export class RestartRequestEvent extends IntentEvent<null> {
  static readonly type = 'restart-request';
  constructor() {
    super(RestartRequestEvent.type, null);
  }
}

/** The visitor accepted (true) or rejected (false) a proactive invitation. */
export class InvitationAnswerEvent extends IntentEvent<{ readonly accepted: boolean }> {
  static readonly type = 'invitation-answer';
  constructor(accepted: boolean) {
    super(InvitationAnswerEvent.type, { accepted });
  }
}

declare global {
  interface HTMLElementEventMap {
    'prechat-submit': PrechatSubmitEvent;
    'prechat-cancel': PrechatCancelEvent;
    'message-send': MessageSendEvent;
    'draft-change': DraftChangeEvent;
    'retry-request': RetryRequestEvent;
    'end-request': EndRequestEvent;
    'restart-request': RestartRequestEvent;
    'invitation-answer': InvitationAnswerEvent;
  }
}
