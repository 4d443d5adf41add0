/**
 * The session state machine: `reduce(snapshot, input) → snapshot`, pure, no effects.
 *
 * Owns: how server messages and visitor intents change what the visitor sees.
 * Leaves to others: HTTP, timers, persistence (loop.ts, controller).
 * Returns the same object when nothing changed; otherwise a new frozen snapshot in
 * which unchanged sub-objects keep their identity. Appending to the transcript costs
 * one array copy, nothing more.
 */
import type { ServerMessage } from './wire.js';
import type { Attachment } from './rich.js';
import { closeReplies, customEvent, fileTransfer, richChoice, visitorFile } from './reducer-rich.js';
import { append, appendSystem, inBatch, patch } from './transcript-ops.js';
import {
  initialSnapshot,
  type ChatError,
  type ChatPhase,
  type ChatSnapshot,
  type DeliveryStatus,
  type Invitation,
  type SystemEvent,
  type TranscriptEntry,
} from './snapshot.js';

export type ChatInput =
  | { type: 'availability'; online: boolean; estimatedWaitTime: number | null }
  | { type: 'invitation'; invitation: Invitation | null }
  | { type: 'begin-prechat' }
  | { type: 'cancel-prechat' }
  | { type: 'connecting' }
  | { type: 'server'; message: ServerMessage; time: number }
  | { type: 'visitor-message'; id: string; text: string; name: string; time: number }
  | { type: 'delivery'; ids: readonly string[]; status: DeliveryStatus }
  /** The visitor answered rich entry `id` with a button (or dismissed it). */
  | { type: 'rich-choice'; id: string; element: number; button: number }
  /** The visitor's file arrived at the upload servlet. */
  | { type: 'visitor-file'; id: string; name: string; attachment: Attachment; time: number }
  | { type: 'reconnecting'; time: number }
  | { type: 'reconnected'; time: number }
  /** The connection works again: leave 'reconnecting' and clear a transient error. */
  | { type: 'recovered'; time: number }
  | { type: 'error'; error: ChatError | null }
  | {
      type: 'ended';
      reason: string;
      postChatUrl: string | null;
      attachedRecords: string | null;
      time: number;
      error?: ChatError;
    }
  | { type: 'failed'; error: ChatError }
  | { type: 'idle-warning'; deadline: number; seconds: number; time: number }
  | { type: 'idle-cleared'; time: number }
  | { type: 'leader'; leader: boolean }
  | { type: 'reset' };

const { freeze } = Object;

/** Applies several inputs as one change (same result as reducing them one by one). */
export function reduceAll(s: ChatSnapshot, inputs: readonly ChatInput[]): ChatSnapshot {
  return inBatch(() => inputs.reduce(reduce, s));
}

/** Visitor messages still pending can no longer go: marked failed, never dropped. */
function failPending(transcript: readonly TranscriptEntry[]): readonly TranscriptEntry[] {
  return transcript.map((e) =>
    e.kind === 'visitor' && e.status === 'pending'
      ? freeze({ ...e, status: 'failed' as const })
      : e.fileRequest?.status === 'requested' // no upload once the chat is over
        ? freeze({ ...e, fileRequest: freeze({ ...e.fileRequest, status: 'canceled' as const }) })
        : e,
  );
}

/** Server positions may be 0 ("next"); people see 1-based positions. */
function position(p: number | null): number | null {
  if (p === null || p < 0) return null;
  return Math.max(1, Math.round(p));
}

const running: readonly ChatPhase[] = ['connecting', 'queued', 'active', 'reconnecting'];
export function isRunning(phase: ChatPhase): boolean {
  return running.includes(phase);
}

function serverMessage(s: ChatSnapshot, m: ServerMessage, time: number): ChatSnapshot {
  switch (m.type) {
    case 'ChatRequestSuccess':
      return patch(s, {
        phase: s.phase === 'active' ? 'active' : 'queued',
        sendBlocked: s.phase === 'active' ? s.sendBlocked : 'waiting-for-agent',
        queue: freeze({ position: position(m.queuePosition), estimatedWaitTime: m.estimatedWaitTime }),
        error: null,
      });
    case 'ChatRequestFail': {
      const unavailable = m.reason.toLowerCase() === 'unavailable';
      return patch(s, {
        phase: unavailable ? 'unavailable' : 'failed',
        sendBlocked: 'ended',
        ended: freeze({ reason: unavailable ? 'unavailable' : m.reason, postChatUrl: m.postChatUrl, attachedRecords: null }),
        error: unavailable ? s.error : freeze({ code: 'server-error' as const, message: `Chat request failed: ${m.reason}` }),
      });
    }
    case 'ChatEstablished':
    case 'ChatTransferred': {
      const agent = freeze({ name: m.name, id: m.userId, sneakPeekEnabled: m.sneakPeekEnabled });
      const event: SystemEvent = m.type === 'ChatEstablished' ? 'connected' : 'transferred';
      return patch(s, {
        phase: 'active',
        agent,
        agentTyping: false,
        sendBlocked: null,
        queue: initialSnapshot.queue,
        transcript: appendSystem(s, event, time, { name: m.name }),
      });
    }
    case 'ChatMessage': {
      s = closeReplies(s);
      const n = s.transcript.length;
      const entry: TranscriptEntry = {
        id: `a${n}`,
        kind: 'agent',
        text: m.text,
        name: m.name || s.agent?.name || '',
        time,
        sequence: n,
        ...(m.agentId ? { agentId: m.agentId } : s.agent?.id ? { agentId: s.agent.id } : {}),
      };
      return patch(s, { transcript: append(s, entry), agentTyping: false });
    }
    case 'AgentTyping':
      return s.agentTyping ? s : patch(s, { agentTyping: true });
    case 'AgentNotTyping':
      return s.agentTyping ? patch(s, { agentTyping: false }) : s;
    case 'AgentDisconnect':
      return patch(s, {
        phase: 'queued',
        agent: null,
        agentTyping: false,
        sendBlocked: 'waiting-for-agent',
        transcript: appendSystem(s, 'agent-disconnected', time),
      });
    case 'ChatEnded':
      return ended(s, 'agent', null, m.attachedRecords, time);
    case 'QueueUpdate':
      return patch(s, {
        queue: freeze({ position: position(m.position), estimatedWaitTime: m.estimatedWaitTime ?? s.queue.estimatedWaitTime }),
      });
    case 'ChasitorSessionData': {
      // After a handover the server repeats the transcript; agent messages sent while we
      // were away exist only there. Keep ours and append the agent entries we lack
      // (ours are a prefix of the server's), or rebuild it all when we have none.
      const hasConversation = s.transcript.some((e) => e.kind !== 'system');
      // The server's transcript holds ChatMessages only (no rich messages or files).
      let known = hasConversation ? s.transcript.filter((e) => e.kind === 'agent' && !e.rich && !e.attachment).length : 0;
      const transcript: TranscriptEntry[] = s.transcript.slice();
      let added = false;
      for (const e of m.chatMessages) {
        const visitor = e.type.toLowerCase() === 'chasitor';
        if (hasConversation) {
          if (visitor) continue;
          if (known > 0) {
            known--;
            continue;
          }
        }
        const n = transcript.length;
        transcript.push(
          freeze({
            id: `${visitor ? 'r' : 'a'}${n}`,
            kind: visitor ? 'visitor' : 'agent',
            text: e.content,
            name: e.name,
            time: e.timestamp,
            sequence: n,
            ...(visitor ? { status: 'sent' as const } : {}),
          }),
        );
        added = true;
      }
      return added ? patch(s, { transcript }) : s;
    }
    case 'CustomEvent':
      return customEvent(s, m, time);
    case 'FileTransfer':
      return fileTransfer(s, m, time);
    case 'Malformed':
      return patch(s, {
        error: freeze({ code: 'malformed-response' as const, message: `${m.rawType}: ${m.problem}` }),
      });
    default:
      // Breadcrumbs, rules, unknown types: nothing to show.
      return s;
  }
}

function endEvent(reason: string): SystemEvent {
  if (reason === 'agent') return 'ended-by-agent';
  if (reason === 'visitor') return 'ended-by-visitor';
  if (reason === 'idle') return 'ended-idle';
  return 'ended-error';
}

function ended(
  s: ChatSnapshot,
  reason: string,
  postChatUrl: string | null,
  attachedRecords: string | null,
  time: number,
  error?: ChatError,
): ChatSnapshot {
  if (s.phase === 'ended') {
    // A later, better-informed end (post-chat URL, attached records) refines the first.
    const prev = s.ended;
    if (prev && (postChatUrl ?? prev.postChatUrl) === prev.postChatUrl && (attachedRecords ?? prev.attachedRecords) === prev.attachedRecords) {
      return s;
    }
    return patch(s, {
      ended: freeze({
        reason: prev?.reason ?? reason,
        postChatUrl: postChatUrl ?? prev?.postChatUrl ?? null,
        attachedRecords: attachedRecords ?? prev?.attachedRecords ?? null,
      }),
    });
  }
  const transcript = failPending(s.transcript);
  const base = { ...s, transcript };
  return patch(s, {
    phase: 'ended',
    sendBlocked: 'ended',
    agentTyping: false,
    idleWarning: null,
    queue: initialSnapshot.queue,
    ended: freeze({ reason, postChatUrl, attachedRecords }),
    transcript: appendSystem(base, endEvent(reason), time),
    error: error ? freeze({ ...error }) : s.error,
  });
}

export function reduce(s: ChatSnapshot, input: ChatInput): ChatSnapshot {
  switch (input.type) {
    case 'availability': {
      const a = s.availability;
      let next = s;
      if (a.online !== input.online || a.estimatedWaitTime !== input.estimatedWaitTime) {
        next = patch(s, { availability: freeze({ online: input.online, estimatedWaitTime: input.estimatedWaitTime }) });
      }
      if (!input.online && next.phase === 'idle') next = patch(next, { phase: 'unavailable' });
      if (input.online && next.phase === 'unavailable' && !next.ended) next = patch(next, { phase: 'idle' });
      return next;
    }
    case 'invitation':
      return s.invitation === input.invitation ? s : patch(s, { invitation: input.invitation ? freeze({ ...input.invitation }) : null });
    case 'begin-prechat':
      return s.phase === 'idle' || s.phase === 'unavailable' ? patch(s, { phase: 'prechat', invitation: null }) : s;
    case 'cancel-prechat':
      return s.phase === 'prechat' ? patch(s, { phase: s.availability.online === false ? 'unavailable' : 'idle' }) : s;
    case 'connecting':
      return patch(s, {
        phase: 'connecting',
        sendBlocked: 'waiting-for-agent',
        invitation: null,
        ended: null,
        error: null,
        agent: null,
        agentTyping: false,
        idleWarning: null,
        queue: initialSnapshot.queue,
      });
    case 'server':
      return serverMessage(s, input.message, input.time);
    case 'visitor-message': {
      s = closeReplies(s);
      const n = s.transcript.length;
      const entry: TranscriptEntry = {
        id: input.id,
        kind: 'visitor',
        text: input.text,
        name: input.name,
        time: input.time,
        sequence: n,
        status: 'pending',
      };
      return patch(s, { transcript: append(s, entry) });
    }
    case 'visitor-file':
      return visitorFile(s, input);
    case 'rich-choice':
      return richChoice(s, input);
    case 'delivery': {
      if (input.ids.length === 0) return s;
      const ids = new Set(input.ids);
      let changed = false;
      // Entries being confirmed are almost always at the end: walk back until all are found.
      const transcript = s.transcript.slice();
      let remaining = ids.size;
      for (let i = transcript.length - 1; i >= 0 && remaining > 0; i--) {
        const e = transcript[i];
        if (!ids.has(e.id)) continue;
        remaining--;
        if (e.status !== input.status) {
          transcript[i] = freeze({ ...e, status: input.status });
          changed = true;
        }
      }
      return changed ? patch(s, { transcript }) : s;
    }
    case 'reconnecting':
      if (s.phase === 'reconnecting' || !isRunning(s.phase)) return s;
      return patch(s, {
        phase: 'reconnecting',
        sendBlocked: 'reconnecting',
        transcript: appendSystem(s, 'reconnecting', input.time),
      });
    case 'reconnected': {
      if (s.phase !== 'reconnecting') return s;
      const phase: ChatPhase = s.agent ? 'active' : 'queued';
      return patch(s, {
        phase,
        sendBlocked: s.agent ? null : 'waiting-for-agent',
        error: null,
        transcript: appendSystem(s, 'reconnected', input.time),
      });
    }
    case 'recovered': {
      const next = reduce(s, { type: 'reconnected', time: input.time });
      const code = next.error?.code;
      const transient = code === 'network' || code === 'server-error' || code === 'malformed-response' || code === 'http';
      return transient ? patch(next, { error: null }) : next;
    }
    case 'error':
      if (s.error === input.error) return s;
      if (s.error && input.error && s.error.code === input.error.code && s.error.message === input.error.message) return s;
      return patch(s, { error: input.error ? freeze({ ...input.error }) : null });
    case 'ended':
      return ended(s, input.reason, input.postChatUrl, input.attachedRecords, input.time, input.error);
    case 'failed':
      return patch(s, {
        phase: 'failed',
        sendBlocked: 'ended',
        agentTyping: false,
        idleWarning: null,
        error: freeze({ ...input.error }),
        transcript: failPending(s.transcript),
      });
    case 'idle-warning':
      return patch(s, {
        idleWarning: freeze({ deadline: input.deadline }),
        transcript: appendSystem(s, 'idle-warning', input.time, { seconds: input.seconds }),
      });
    case 'idle-cleared':
      if (!s.idleWarning) return s;
      return patch(s, { idleWarning: null, transcript: appendSystem(s, 'idle-cleared', input.time) });
    case 'leader':
      return s.leader === input.leader ? s : patch(s, { leader: input.leader });
    case 'reset':
      return patch(initialSnapshot, {
        availability: s.availability,
        leader: s.leader,
        phase: s.availability.online === false ? 'unavailable' : 'idle',
      });
  }
}
