/**
 * What rich content does to the snapshot: agent CustomEvents of type `rich_message` / `file`
 * (entries with parsed, frozen data, or an error of code `content`), Salesforce's FileTransfer
 * (a request entry and its outcome), quick replies closing, the visitor's choice and file.
 * Pure, like the reducer it serves (reducer.ts calls these).
 */
import type { ServerMessage } from './wire.js';
import { parseRichEvent, type Attachment, type FileRequest } from './rich.js';
import type { ChatSnapshot, TranscriptEntry } from './snapshot.js';
import { append, patch, replaceAt, system } from './transcript-ops.js';

const { freeze } = Object;

/**
 * Quick replies are offered only below the last message: any later agent or visitor entry closes
 * them. Only the last non-system entry can hold open ones.
 */
export function closeReplies(s: ChatSnapshot): ChatSnapshot {
  const t = s.transcript;
  for (let i = t.length - 1; i >= 0; i--) {
    const e = t[i]!;
    if (e.kind === 'system') continue;
    if (e.rich?.template !== 'quick_replies' || e.rich.closed) return s;
    return patch(s, { transcript: replaceAt(t, i, freeze({ ...e, rich: freeze({ ...e.rich, closed: true }) })) });
  }
  return s;
}

/** The agent's FileTransfer: a request entry, or the end of the open one. */
export function fileTransfer(s: ChatSnapshot, m: Extract<ServerMessage, { type: 'FileTransfer' }>, time: number): ChatSnapshot {
  let t = s.transcript;
  for (let i = t.length - 1; i >= 0; i--) {
    const r = t[i]!.fileRequest;
    if (!r || r.status !== 'requested') continue;
    // A new request supersedes the open one; an outcome ends the request it names (or the latest).
    if (m.transfer !== 'Requested' && m.fileToken && m.fileToken !== r.fileToken) continue;
    const status: FileRequest['status'] = m.transfer === 'Success' ? 'success' : m.transfer === 'Failure' ? 'failure' : 'canceled';
    t = replaceAt(t, i, freeze({ ...t[i]!, fileRequest: freeze({ ...r, status }) }));
    break;
  }
  if (m.transfer !== 'Requested') return t === s.transcript ? s : patch(s, { transcript: t });
  const base = t === s.transcript ? s : patch(s, { transcript: t });
  const fileRequest: FileRequest = freeze({ uploadServletUrl: m.uploadServletUrl, fileToken: m.fileToken, cdmServletUrl: m.cdmServletUrl, status: 'requested' });
  return patch(base, { transcript: append(base, { ...system(base, 'file-requested', time), fileRequest }) });
}

/** An agent CustomEvent: a rich message or file becomes an entry; one we cannot use is reported (code `content`). */
export function customEvent(s: ChatSnapshot, m: Extract<ServerMessage, { type: 'CustomEvent' }>, time: number): ChatSnapshot {
  const r = parseRichEvent(m.eventType, m.data);
  if (r.kind === 'none') return s;
  const error = r.kind === 'bad' ? freeze({ code: 'content' as const, message: `${m.eventType}: ${r.problem}` }) : s.error;
  if (r.kind === 'bad' && !r.text) return patch(s, { error });
  const base = closeReplies(s);
  const n = base.transcript.length;
  const entry: TranscriptEntry = {
    id: `a${n}`,
    kind: 'agent',
    text: r.kind === 'file' ? r.attachment.name : r.text,
    name: s.agent?.name ?? '',
    time,
    sequence: n,
    ...(s.agent?.id ? { agentId: s.agent.id } : {}),
    ...(r.kind === 'rich' ? { rich: r.rich } : r.kind === 'file' ? { attachment: r.attachment } : {}),
  };
  return patch(base, { transcript: append(base, entry), agentTyping: false, error });
}


/** The visitor's file arrived at the upload servlet: their attachment entry. */
export function visitorFile(s: ChatSnapshot, input: { id: string; name: string; attachment: Attachment; time: number }): ChatSnapshot {
  s = closeReplies(s);
  const n = s.transcript.length;
  const entry: TranscriptEntry = {
    id: input.id,
    kind: 'visitor',
    text: input.attachment.name,
    name: input.name,
    time: input.time,
    sequence: n,
    status: 'sent',
    attachment: freeze({ ...input.attachment }),
  };
  return patch(s, { transcript: append(s, entry) });
}

/** The visitor answered rich entry `id` (once: a later choice changes nothing). */
export function richChoice(s: ChatSnapshot, input: { id: string; element: number; button: number }): ChatSnapshot {
  const i = s.transcript.findIndex((e) => e.id === input.id);
  const e = s.transcript[i];
  if (!e?.rich || e.rich.chosen || !e.rich.elements[input.element]?.buttons[input.button]) return s;
  const rich = freeze({ ...e.rich, chosen: freeze({ element: input.element, button: input.button }), closed: true });
  return patch(s, { transcript: replaceAt(s.transcript, i, freeze({ ...e, rich })) });
}
