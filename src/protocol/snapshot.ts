/**
 * The widget's view of a chat: one immutable snapshot that the controller
 * provides through @lit/context and every component renders.
 *
 * Owns: the shape of state that crosses from protocol/controller to components.
 * Leaves to others: how it is computed (reducer, loop) and how it is shown.
 *
 * Every change produces a new, frozen object (context consumers compare with
 * Object.is). Unchanged sub-objects keep their identity so components can skip work.
 */

import type { Attachment, FileRequest, RichContent } from './rich.js';

export type { Attachment, FileRequest, RichContent };

/** Where the visitor is in the life of a chat. */
export type ChatPhase =
  | 'idle' // nothing running; launcher shown (availability may be known)
  | 'unavailable' // no agent online for the button, or ChatRequestFail
  | 'prechat' // the pre-chat form is open
  | 'connecting' // SessionId / ChasitorInit under way
  | 'queued' // ChatRequestSuccess received, waiting for an agent
  | 'active' // ChatEstablished: agent and visitor talk
  | 'reconnecting' // 503 handover or network loss being recovered
  | 'ended' // chat over (visitor, agent, time-out, or server)
  | 'failed'; // unrecoverable error before or during the chat

export type TranscriptKind = 'agent' | 'visitor' | 'system';

/** Delivery state of the visitor's own messages. */
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

/**
 * What a system entry reports. Components localise from `event` + `params`;
 * `text` carries an English rendering for events, downloads and logs.
 */
export type SystemEvent =
  | 'connected' // params: { name }
  | 'transferred' // params: { name }
  | 'agent-disconnected'
  | 'reconnecting'
  | 'reconnected'
  | 'idle-warning' // params: { seconds }
  | 'idle-cleared'
  | 'ended-by-agent'
  | 'ended-by-visitor'
  | 'ended-idle'
  | 'ended-error'
  | 'file-requested' // the agent asks for a file: the entry's `fileRequest`
  | 'custom'; // params: { type, data } (agent CustomEvent shown in the log when configured)

export interface TranscriptEntry {
  /** Stable and unique within one chat; keys DOM nodes and retries. */
  readonly id: string;
  readonly kind: TranscriptKind;
  /** Plain text. Never HTML: render it as text. */
  readonly text: string;
  /** Author display name ('' for system entries). */
  readonly name: string;
  /** Epoch milliseconds when the entry was created (agent: when received). */
  readonly time: number;
  /** Monotonic order of the entry within the chat (0, 1, 2, …). */
  readonly sequence: number;
  /** Visitor entries only. */
  readonly status?: DeliveryStatus;
  /** System entries only. */
  readonly event?: SystemEvent;
  readonly params?: Readonly<Record<string, string | number>>;
  /** Agent entries: the agent's user id when the server gave one. */
  readonly agentId?: string;
  /** A rich message (cards, quick replies, sticker); `text` is its plain-text fallback. */
  readonly rich?: RichContent;
  /** A file: the agent's, or the one the visitor uploaded; `text` is its name. */
  readonly attachment?: Attachment;
  /** System entry 'file-requested': the agent's FileTransfer request and how it ended. */
  readonly fileRequest?: FileRequest;
}

export interface Availability {
  /** null until the first check answered. */
  readonly online: boolean | null;
  /** Seconds; null when unknown (the server's -1 is reported as null). */
  readonly estimatedWaitTime: number | null;
}

export interface QueueState {
  /** 1-based position as shown to people; null when the server does not say. */
  readonly position: number | null;
  /** Seconds; null when unknown. */
  readonly estimatedWaitTime: number | null;
}

export interface AgentInfo {
  readonly name: string;
  readonly id: string;
  readonly sneakPeekEnabled: boolean;
}

/** Proactive invitation for a button of type Invite (from Settings). */
export interface Invitation {
  readonly buttonId: string;
  readonly renderer: 'Slide' | 'Fade' | 'Appear' | 'Custom';
  readonly startPosition: string;
  readonly endPosition: string;
  /** Seconds after which the invitation rejects itself; 0 = never. */
  readonly rejectTime: number;
}

export interface IdleWarning {
  /** Epoch ms at which the chat ends unless the visitor writes. */
  readonly deadline: number;
}

export interface ChatEndInfo {
  /** 'visitor' | 'agent' | 'idle' | 'unavailable' | 'error' | a server reason. */
  readonly reason: string;
  /** Post-chat URL with chat key and attached records as query parameters, if any. */
  readonly postChatUrl: string | null;
  readonly attachedRecords: string | null;
}

/** Machine-readable error codes surfaced in the snapshot and `live-chat-error`. */
export type ChatErrorCode =
  | 'network' // fetch failed / timed out
  | 'http' // unexpected status
  | 'malformed-response' // body not JSON / wrong shape
  | 'session-invalid' // 403
  | 'duplicate-poll' // 409 duplicate long poll
  | 'server-error' // 500
  | 'config' // missing endpoint/org/deployment/button
  | 'storage' // persistence failed (quota, disabled)
  | 'too-long' // visitor text over the limit
  | 'rule-refused' // a sensitive-data rule from the server could not be run safely (masked conservatively instead)
  | 'content' // an agent's rich message or file could not be shown as sent (shown as text, or skipped)
  | 'file'; // a visitor's file was refused (size, type) or its upload failed

export interface ChatError {
  readonly code: ChatErrorCode;
  readonly message: string;
  /** HTTP status when the error came from a response. */
  readonly status?: number;
}

/** The longest visitor message the widget sends (longer text is refused, never cut or dropped). */
export const MAX_MESSAGE_LENGTH = 4000;

/** The default `max-file-size`: the largest file the visitor may upload, 25 MB. */
export const DEFAULT_MAX_FILE_SIZE = 25 * 1024 * 1024;

/** Why the composer cannot send right now (null = it can). */
export type SendBlockedReason = 'not-started' | 'waiting-for-agent' | 'reconnecting' | 'ended' | null;

export interface ChatSnapshot {
  readonly phase: ChatPhase;
  readonly availability: Availability;
  readonly invitation: Invitation | null;
  readonly queue: QueueState;
  readonly agent: AgentInfo | null;
  readonly agentTyping: boolean;
  readonly transcript: readonly TranscriptEntry[];
  /** null when the visitor may send; otherwise why not. Visitor text typed meanwhile is kept by the composer. */
  readonly sendBlocked: SendBlockedReason;
  readonly idleWarning: IdleWarning | null;
  readonly ended: ChatEndInfo | null;
  /** The most recent error, cleared when the condition clears. */
  readonly error: ChatError | null;
  /** True in the tab that runs the long poll (multi-tab leadership). */
  readonly leader: boolean;
}

/** Values the pre-chat form produces, already mapped to the wire model by the form. */
export interface PrechatValues {
  /** Visitor name for ChasitorInit.visitorName, if a field gave one. */
  readonly visitorName?: string;
  readonly prechatDetails?: readonly PrechatDetail[];
  readonly prechatEntities?: readonly PrechatEntity[];
  /** Department routing from a group_chooser: the button to use instead of the default. */
  readonly buttonId?: string;
  readonly buttonOverrides?: readonly string[];
  /**
   * The visitor's own question (the pre-chat field marked `firstMessage`, or the first `question`
   * field): it opens their transcript as their first line. It reaches the agent in prechatDetails.
   */
  readonly question?: string;
}

export interface PrechatDetail {
  readonly label: string;
  readonly value: string;
  readonly transcriptFields: readonly string[];
  readonly displayToAgent: boolean;
  readonly entityMaps?: readonly {
    readonly entityName: string;
    readonly fieldName: string;
    readonly isFastFillable?: boolean;
    readonly isAutoQueryable?: boolean;
    readonly isExactMatchable?: boolean;
  }[];
}

export interface PrechatEntity {
  readonly entityName: string;
  readonly showOnCreate?: boolean;
  readonly linkToEntityName?: string;
  readonly linkToEntityField?: string;
  readonly saveToTranscript?: string;
  readonly entityFieldsMaps: readonly {
    readonly fieldName: string;
    readonly label: string;
    readonly doFind: boolean;
    readonly isExactMatch: boolean;
    readonly doCreate: boolean;
  }[];
}

/**
 * What <live-chat> may ask of the controller. The controller implements this;
 * components never call it directly (they fire intent events to <live-chat>).
 */
export interface ChatIntents {
  /** The visitor opened the pre-chat form: idle/unavailable → prechat. */
  beginPrechat(): void;
  /** The visitor left the pre-chat form without starting: prechat → idle. */
  cancelPrechat(): void;
  /** Start a chat (after the pre-chat form, or directly when there is none). */
  start(values?: PrechatValues): Promise<void>;
  /** Send a visitor message; resolves when it is queued (not when delivered). Returns the entry id. */
  send(text: string): string;
  /** Re-send a failed visitor message by transcript entry id. */
  retry(entryId: string): void;
  /** The composer's current draft: drives typing and sneak peek. */
  setDraft(text: string): void;
  /** End the chat (visitor's choice), or cancel while queued. */
  end(): Promise<void>;
  sendCustomEvent(type: string, data: string): void;
  /** The visitor chose button `button` of element `element` of rich entry `entryId` (once per entry). */
  choose(entryId: string, element: number, button: number): void;
  acceptInvitation(): void;
  rejectInvitation(): void;
  /** Back to idle after an ended/failed chat so a new one can start. */
  reset(): void;
}

export const initialSnapshot: ChatSnapshot = Object.freeze({
  phase: 'idle',
  availability: Object.freeze({ online: null, estimatedWaitTime: null }),
  invitation: null,
  queue: Object.freeze({ position: null, estimatedWaitTime: null }),
  agent: null,
  agentTyping: false,
  transcript: Object.freeze([]) as readonly TranscriptEntry[],
  sendBlocked: 'not-started',
  idleWarning: null,
  ended: null,
  error: null,
  leader: true,
} satisfies ChatSnapshot);

/** Configuration the controller reads (from <live-chat>'s attributes/properties). */
export interface ChatConfig {
  /** Resource paths are appended to this; absolute or same-origin relative; trailing slash optional. */
  readonly endpoint: string;
  readonly orgId: string;
  readonly deploymentId: string;
  readonly buttonId: string;
  /** X-LIVEAGENT-API-VERSION. */
  readonly apiVersion: string;
  /** BCP 47 language sent in ChasitorInit. */
  readonly language: string;
  /** Sent as ChasitorInit.visitorName when no pre-chat value gives one. */
  readonly visitorName: string;
  /** Further buttons whose availability matters (departments of a group_chooser). */
  readonly extraButtonIds?: readonly string[];
  /** A proactive invitation shows no sooner than this long (ms) after the widget started on the page. */
  readonly inviteDelayMs?: number;
}
