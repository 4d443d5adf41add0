/**
 * What a Messages answer means for the session's own facts — the effect side's counterpart of
 * the reducer (which decides what it means for the snapshot). Pure: a new state and a list of
 * effects for the session to carry out; table-tested.
 *
 * Owns: ack/offset bookkeeping and the session facts each server message changes.
 * Leaves to others: carrying out the effects (session.ts), the snapshot (reducer.ts).
 */
import type { SessionState } from './session-types.js';
import type { MessagesResponse } from './wire.js';

export type SessionEffect =
  /** ChatRequestFail: no agent will come. */
  | { type: 'request-failed' }
  /** ChatEnded: the chat is over (`records` = attachedRecords). */
  | { type: 'ended'; records: string | null }
  /** The agent wrote (restarts the idle clock). */
  | { type: 'agent-message' }
  /** The agent left: typing and sneak peek stop until the next one. */
  | { type: 'agent-left' }
  | { type: 'custom-event'; eventType: string; data: string }
  /** The first answer after ReconnectSession: the server holds `visitorCount` visitor messages. */
  | { type: 'session-data'; visitorCount: number }
  | { type: 'switch-server'; url: string };

/** Applies one poll answer to `st` (not mutated); `time` stamps the agent's last message. */
export function applyMessages(st: SessionState, res: MessagesResponse, time: number): { state: SessionState; effects: SessionEffect[] } {
  const next: SessionState = { ...st };
  const effects: SessionEffect[] = [];
  if (res.sequence !== null) next.ack = res.sequence;
  if (res.messages.length && res.offset !== null) next.offset = res.offset;
  for (const m of res.messages) {
    switch (m.type) {
      case 'ChatRequestSuccess':
        next.requestSucceeded = true;
        if (m.postChatUrl) next.postChatUrl = m.postChatUrl;
        if (m.sensitiveDataRules) next.rules = m.sensitiveDataRules;
        break;
      case 'ChatRequestFail':
        if (m.postChatUrl) next.postChatUrl = m.postChatUrl;
        effects.push({ type: 'request-failed' });
        break;
      case 'ChatEstablished':
      case 'ChatTransferred':
        next.established = true;
        next.requestSucceeded = true;
        next.sneakPeekEnabled = m.sneakPeekEnabled;
        if (m.idleTimeout) next.idleTimeout = m.idleTimeout;
        break;
      case 'AgentDisconnect':
        next.established = false;
        effects.push({ type: 'agent-left' });
        break;
      case 'ChatMessage':
        next.lastAgentMessageAt = time;
        effects.push({ type: 'agent-message' });
        break;
      case 'ChatEnded':
        effects.push({ type: 'ended', records: m.attachedRecords });
        break;
      case 'CustomEvent':
        effects.push({ type: 'custom-event', eventType: m.eventType, data: m.data });
        break;
      case 'SensitiveDataRules':
        next.rules = m.rules;
        break;
      case 'ChasitorSessionData':
        if (m.postChatUrl) next.postChatUrl = m.postChatUrl;
        effects.push({ type: 'session-data', visitorCount: m.chatMessages.filter((e) => e.type.toLowerCase() === 'chasitor').length });
        break;
      case 'SwitchServer':
        effects.push({ type: 'switch-server', url: m.newUrl });
        break;
      default:
        break;
    }
  }
  return { state: next, effects };
}

/** Post-chat URL with the chat key and attached records as query parameters. */
export function postChatUrlFor(base: string | null, key: string, attachedRecords: string | null): string | null {
  if (!base) return null;
  try {
    const u = new URL(base, typeof location !== 'undefined' ? location.href : 'http://localhost/');
    u.searchParams.set('chatKey', key);
    if (attachedRecords) u.searchParams.set('attachedRecords', attachedRecords);
    return u.href;
  } catch {
    return null;
  }
}
