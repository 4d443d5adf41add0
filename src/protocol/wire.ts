/**
 * Wire layer: the Chat REST API's request and response shapes, and the parsers
 * that turn response bodies into typed values.
 *
 * Owns: request bodies, lenient parsing where real servers differ (string or number
 * `clientPollTimeout`, `pingRate`/`pingrate`, `chasitorIdleTimeout`/`chasitorIdletimeout`,
 * `estimatedWaitTime` -1, unknown fields ignored) and strict parsing where it matters
 * (a body that is not JSON or lacks a required field is a `ProtocolError`, errors.ts).
 * Leaves to others: HTTP (client.ts), what the messages mean for the chat (reducer.ts, loop.ts).
 */
import { ProtocolError } from './errors.js';
import type { PrechatDetail, PrechatEntity } from './snapshot.js';

// ---------------------------------------------------------------- requests

export interface ChasitorInit {
  organizationId: string;
  deploymentId: string;
  buttonId: string;
  sessionId: string;
  userAgent: string;
  language: string;
  screenResolution: string;
  visitorName: string;
  prechatDetails: readonly WirePrechatDetail[];
  prechatEntities: readonly PrechatEntity[];
  buttonOverrides: readonly string[];
  receiveQueueUpdates: boolean;
  isPost: boolean;
  agentId?: string;
  doFallback?: boolean;
}

/** A pre-chat detail as sent: the guide's ChasitorInit example names the entity maps `entityFieldMaps`, real clients `entityMaps`. */
export type WirePrechatDetail = PrechatDetail & { readonly entityFieldMaps?: PrechatDetail['entityMaps'] };

/** Sends entity maps under both names so either kind of server finds them. */
export function toWirePrechatDetails(details: readonly PrechatDetail[]): WirePrechatDetail[] {
  return details.map((d) => (d.entityMaps ? { ...d, entityFieldMaps: d.entityMaps } : d));
}

/** The Chasitor nouns the visitor posts (each `Chasitor/{noun}`, or one entry of a MultiNoun). */
export type ChasitorNoun =
  | 'ChatMessage'
  | 'ChasitorTyping'
  | 'ChasitorNotTyping'
  | 'ChasitorSneakPeek'
  | 'CustomEvent'
  | 'ChatEnd'
  | 'ChasitorResyncState'
  | 'ChasitorIdleTimeoutWarningEvent'
  | 'SensitiveDataRuleTriggered';

export interface NounWrapper {
  prefix: 'Chasitor';
  noun: ChasitorNoun;
  object: Record<string, unknown>;
}

// ---------------------------------------------------------------- responses

export interface SessionIdResponse {
  key: string;
  id: string;
  /** Seconds. */
  clientPollTimeout: number;
  affinityToken: string;
}

export interface IdleTimeoutSettings {
  isEnabled: boolean;
  /** Seconds. */
  warningTime: number;
  /** Seconds. */
  timeout: number;
}

export interface SensitiveDataRule {
  id: string;
  name: string;
  pattern: string;
  replacement: string;
  actionType: string;
}

export interface SessionDataEntry {
  type: string;
  name: string;
  content: string;
  timestamp: number;
  sequence: number | null;
}

export type ServerMessage =
  | {
      type: 'ChatRequestSuccess';
      queuePosition: number | null;
      estimatedWaitTime: number | null;
      postChatUrl: string | null;
      visitorId: string | null;
      sensitiveDataRules: SensitiveDataRule[] | null;
    }
  | { type: 'ChatRequestFail'; reason: string; postChatUrl: string | null }
  | {
      type: 'ChatEstablished' | 'ChatTransferred';
      name: string;
      userId: string;
      sneakPeekEnabled: boolean;
      idleTimeout: IdleTimeoutSettings | null;
    }
  | { type: 'ChatMessage'; name: string; text: string; agentId: string | null }
  | { type: 'AgentTyping' | 'AgentNotTyping' | 'AgentDisconnect' }
  | { type: 'ChatEnded'; reason: string; attachedRecords: string | null }
  | { type: 'QueueUpdate'; position: number | null; estimatedWaitTime: number | null }
  | { type: 'CustomEvent'; eventType: string; data: string }
  | {
      type: 'ChasitorSessionData';
      queuePosition: number | null;
      sneakPeekEnabled: boolean;
      postChatUrl: string | null;
      chatMessages: SessionDataEntry[];
    }
  | { type: 'SensitiveDataRules'; rules: SensitiveDataRule[] }
  | { type: 'NewVisitorBreadcrumb'; location: string }
  | { type: 'ReconnectSession'; resetSequence: boolean; affinityToken: string }
  | { type: 'SwitchServer'; newUrl: string }
  /** The agent asks for a file (`Requested`), or how that request ended (PROTOCOL-NOTES, "File transfer"). */
  | { type: 'FileTransfer'; transfer: 'Requested' | 'Success' | 'Failure' | 'Canceled'; uploadServletUrl: string; fileToken: string; cdmServletUrl: string }
  /** A message type we do not know: ignored by the reducer (unknown is not an error). */
  | { type: 'Unknown'; rawType: string }
  /** A known message type with a body we cannot use: reported as an error, never skipped silently. */
  | { type: 'Malformed'; rawType: string; problem: string };

export interface MessagesResponse {
  messages: ServerMessage[];
  /** null when the server sent none (then the ack stays). */
  sequence: number | null;
  /** null for empty polls. */
  offset: number | null;
}

export interface ButtonSettings {
  id: string;
  type: string;
  isAvailable: boolean;
  estimatedWaitTime: number | null;
  inviteRenderer?: string;
  inviteStartPosition?: string;
  inviteEndPosition?: string;
  inviteRejectTime?: number;
}

export interface SettingsResponse {
  /** Milliseconds (the server's value); null when absent. */
  pingRate: number | null;
  buttons: ButtonSettings[];
}

export interface AvailabilityResult {
  id: string;
  isAvailable: boolean;
  estimatedWaitTime: number | null;
}

// ---------------------------------------------------------------- helpers

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A number, or a numeric string; else null. */
export function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** Estimated wait time: -1 (and any negative or missing value) means unknown. */
function wait(v: unknown): number | null {
  const n = num(v);
  return n === null || n < 0 ? null : n;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

function bool(v: unknown): boolean {
  return v === true || v === 'true';
}

/** Parses JSON text; anything that is not JSON is a typed error. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProtocolError('malformed-response', `${what}: the response is not JSON`, undefined, text.slice(0, 200));
  }
}

function malformed(what: string, problem: string): ProtocolError {
  return new ProtocolError('malformed-response', `${what}: ${problem}`);
}

// ---------------------------------------------------------------- parsers

export function parseSessionId(body: unknown): SessionIdResponse {
  if (!isObj(body)) throw malformed('SessionId', 'not an object');
  const key = str(body.key);
  const id = str(body.id) ?? (key ? key.split('!')[0] : null);
  const affinityToken = str(body.affinityToken);
  const timeout = num(body.clientPollTimeout);
  if (!key) throw malformed('SessionId', 'no key');
  if (!affinityToken) throw malformed('SessionId', 'no affinityToken');
  return { key, id: id ?? key, affinityToken, clientPollTimeout: timeout !== null && timeout > 0 ? timeout : 40 };
}

function parseIdleTimeout(v: unknown): IdleTimeoutSettings | null {
  if (!isObj(v)) return null;
  const warningTime = num(v.warningTime) ?? 0;
  const timeout = num(v.timeout) ?? 0;
  return { isEnabled: bool(v.isEnabled) && timeout > 0, warningTime, timeout };
}

function parseRules(v: unknown): SensitiveDataRule[] | null {
  if (!Array.isArray(v)) return null;
  const out: SensitiveDataRule[] = [];
  for (const r of v) {
    if (!isObj(r) || typeof r.pattern !== 'string') continue;
    out.push({
      id: str(r.id) ?? '',
      name: str(r.name) ?? '',
      pattern: r.pattern,
      replacement: str(r.replacement) ?? '',
      actionType: str(r.actionType) ?? 'Replace',
    });
  }
  return out;
}

function attached(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One entry of a Messages response. Never throws: bad bodies become `Malformed`. */
export function parseServerMessage(raw: unknown): ServerMessage {
  if (!isObj(raw) || typeof raw.type !== 'string') return { type: 'Malformed', rawType: '?', problem: 'no type' };
  const type = raw.type;
  const m: Obj = isObj(raw.message) ? raw.message : {};
  const bad = (problem: string): ServerMessage => ({ type: 'Malformed', rawType: type, problem });
  switch (type) {
    case 'ChatRequestSuccess':
      return {
        type,
        queuePosition: num(m.queuePosition),
        estimatedWaitTime: wait(m.estimatedWaitTime),
        postChatUrl: str(m.postChatUrl) || null,
        visitorId: str(m.visitorId),
        sensitiveDataRules: parseRules(m.sensitiveDataRules),
      };
    case 'ChatRequestFail':
      return { type, reason: str(m.reason) ?? 'Unavailable', postChatUrl: str(m.postChatUrl) || null };
    case 'ChatEstablished':
    case 'ChatTransferred': {
      // A name or id of the wrong type is dropped, never fatal: the chat must go on.
      return {
        type,
        name: str(m.name) ?? '',
        userId: str(m.userId) ?? '',
        sneakPeekEnabled: bool(m.sneakPeekEnabled),
        idleTimeout: parseIdleTimeout(m.chasitorIdleTimeout ?? m.chasitorIdletimeout),
      };
    }
    case 'ChatMessage': {
      const text = str(m.text);
      if (text === null) return bad('no text');
      return { type, text, name: str(m.name) ?? '', agentId: str(m.agentId) };
    }
    case 'AgentTyping':
    case 'AgentNotTyping':
    case 'AgentDisconnect':
      return { type };
    case 'ChatEnded':
      return { type, reason: str(m.reason) ?? 'agent', attachedRecords: attached(m.attachedRecords) };
    case 'QueueUpdate':
      return { type, position: num(m.position), estimatedWaitTime: wait(m.estimatedWaitTime) };
    case 'CustomEvent': {
      const eventType = str(m.type);
      if (eventType === null) return bad('no event type');
      return { type, eventType, data: str(m.data) ?? '' };
    }
    case 'ChasitorSessionData': {
      const list = Array.isArray(m.chatMessages) ? m.chatMessages : [];
      const chatMessages: SessionDataEntry[] = [];
      for (const e of list) {
        if (!isObj(e)) continue;
        chatMessages.push({
          type: str(e.type) ?? '',
          name: str(e.name) ?? '',
          content: str(e.content) ?? str(e.text) ?? '',
          timestamp: num(e.timestamp) ?? Date.now(),
          sequence: num(e.sequence),
        });
      }
      return {
        type,
        queuePosition: num(m.queuePosition),
        sneakPeekEnabled: bool(m.sneakPeekEnabled),
        postChatUrl: str(m.postChatUrl) || null,
        chatMessages,
      };
    }
    case 'SensitiveDataRules':
      return { type, rules: parseRules(m.sensitiveDataRules ?? m.rules) ?? [] };
    case 'NewVisitorBreadcrumb':
      return { type, location: str(m.location) ?? '' };
    case 'ReconnectSession': {
      const affinityToken = str(m.affinityToken);
      if (!affinityToken) return bad('no affinityToken');
      // resetSequence may be absent: treat as true.
      return { type, affinityToken, resetSequence: m.resetSequence !== false };
    }
    case 'FileTransfer': {
      const t = str(m.type);
      if (t !== 'Requested' && t !== 'Success' && t !== 'Failure' && t !== 'Canceled') return bad('unknown transfer type');
      const uploadServletUrl = str(m.uploadServletUrl) ?? '';
      const fileToken = str(m.fileToken) ?? '';
      if (t === 'Requested' && (!uploadServletUrl || !fileToken)) return bad('no uploadServletUrl or fileToken');
      return { type, transfer: t, uploadServletUrl, fileToken, cdmServletUrl: str(m.cdmServletUrl) ?? '' };
    }
    case 'SwitchServer': {
      const newUrl = str(m.newUrl);
      if (!newUrl) return bad('no newUrl');
      return { type, newUrl };
    }
    default:
      return { type: 'Unknown', rawType: type };
  }
}

/** A Messages (or ReconnectSession) body: `{messages:[…], sequence, offset}`. */
export function parseMessages(body: unknown): MessagesResponse {
  if (!isObj(body)) throw malformed('Messages', 'not an object');
  if (!Array.isArray(body.messages)) throw malformed('Messages', 'no messages array');
  return {
    messages: body.messages.map(parseServerMessage),
    sequence: num(body.sequence),
    offset: num(body.offset),
  };
}

/** Visitor resources may come wrapped in `{messages:[{type, message}]}`; returns the inner message of `type`. */
function unwrap(body: unknown, type: string): unknown {
  if (isObj(body) && Array.isArray(body.messages)) {
    for (const m of body.messages) if (isObj(m) && m.type === type) return m.message;
    return undefined;
  }
  return body;
}

/** Finds a SwitchServer instruction in a Visitor response, if any. */
export function findSwitchServer(body: unknown): string | null {
  if (!isObj(body) || !Array.isArray(body.messages)) return null;
  for (const m of body.messages) {
    if (isObj(m) && m.type === 'SwitchServer' && isObj(m.message)) return str(m.message.newUrl);
  }
  return null;
}

export function parseSettings(body: unknown): SettingsResponse {
  const s = unwrap(body, 'Settings');
  if (!isObj(s)) throw malformed('Settings', 'no settings');
  const buttons: ButtonSettings[] = [];
  if (Array.isArray(s.buttons)) {
    for (const b of s.buttons) {
      if (!isObj(b)) continue;
      const id = str(b.id);
      if (!id) continue;
      const btn: ButtonSettings = {
        id,
        type: str(b.type) ?? 'Standard',
        isAvailable: bool(b.isAvailable),
        estimatedWaitTime: wait(b.estimatedWaitTime),
      };
      if (typeof b.inviteRenderer === 'string') btn.inviteRenderer = b.inviteRenderer;
      if (typeof b.inviteStartPosition === 'string') btn.inviteStartPosition = b.inviteStartPosition;
      if (typeof b.inviteEndPosition === 'string') btn.inviteEndPosition = b.inviteEndPosition;
      const rt = num(b.inviteRejectTime);
      if (rt !== null) btn.inviteRejectTime = rt;
      buttons.push(btn);
    }
  } else {
    throw malformed('Settings', 'no buttons array');
  }
  return {
    pingRate: num(s.pingRate ?? s.pingrate),
    buttons,
  };
}

export function parseAvailability(body: unknown): AvailabilityResult[] {
  const a = unwrap(body, 'Availability');
  if (!isObj(a) || !Array.isArray(a.results)) throw malformed('Availability', 'no results array');
  const out: AvailabilityResult[] = [];
  for (const r of a.results) {
    if (!isObj(r)) continue;
    const id = str(r.id);
    if (!id) continue;
    // An offline button simply omits isAvailable.
    out.push({ id, isAvailable: bool(r.isAvailable), estimatedWaitTime: wait(r.estimatedWaitTime) });
  }
  return out;
}

export function parseVisitorId(body: unknown): string {
  const v = unwrap(body, 'VisitorId');
  const id = isObj(v) ? str(v.sessionId) ?? str(v.visitorId) : null;
  if (!id) throw malformed('VisitorId', 'no sessionId');
  return id;
}
