/**
 * The visitor's answers to rich content, for the ChatController: a chosen button (ChatMessage of
 * its text + CustomEvent `rich_message_postback`, through the controller's own send paths, so the
 * outbox's delivery contract holds: once, in order), and a file uploaded for the agent's
 * FileTransfer request (the servlet URL from the session, the upload itself loaded on first use).
 *
 * Owns: those two intents. Leaves to others: the wire (protocol/upload.ts, the outbox), the
 * snapshot (reducer-rich.ts), the view (components/rich/).
 */
import { ProtocolError } from '../protocol/errors.js';
import type { ChatInput } from '../protocol/reducer.js';
import { postbackData } from '../protocol/rich.js';
import type { SessionState } from '../protocol/session-types.js';
import { DEFAULT_MAX_FILE_SIZE, type ChatSnapshot } from '../protocol/snapshot.js';

export interface RichHost {
  snapshot(): ChatSnapshot;
  /** The controller's send: throws when no chat runs. */
  send(text: string): string;
  sendCustomEvent(type: string, data: string): void;
  dispatch(input: ChatInput): void;
  /** The running session this tab leads, else null. */
  session(): Readonly<SessionState> | null;
  orgId(): string;
  newId(): string;
}

export interface UploadLimits {
  /** Bytes; 0 or less (or not a number): the 25 MB default. */
  readonly maxBytes: number;
  /** The file input's `accept` list; '' for any type. */
  readonly accept: string;
}

/**
 * A `message` button answers with its text and the postback; `cancel` only dismisses; links are
 * the view's (they open themselves). Once per entry: a choice already made changes nothing.
 */
export function choose(host: RichHost, entryId: string, element: number, button: number): void {
  const rich = host.snapshot().transcript.find((e) => e.id === entryId)?.rich;
  const b = rich?.elements[element]?.buttons[button];
  if (!b || rich!.chosen || rich!.closed || (b.type !== 'message' && b.type !== 'cancel')) return;
  if (b.type === 'message') {
    try {
      host.send(b.text);
    } catch {
      return; // no chat runs: nothing sent, nothing marked chosen
    }
    host.sendCustomEvent('rich_message_postback', postbackData(b));
  }
  host.dispatch({ type: 'rich-choice', id: entryId, element, button });
}

/**
 * Uploads `file` for the open FileTransfer request `entryId` (multipart POST to the servlet,
 * beside the poll; never through the outbox). Rejects with a ProtocolError of code `file`
 * (refused by a limit, no open request, not this tab's chat, HTTP or network failure) or an
 * AbortError; on success the visitor's attachment entry is added.
 */
export async function upload(host: RichHost, entryId: string, file: File, limits: UploadLimits, signal: AbortSignal, onProgress?: (loaded: number, total: number) => void): Promise<void> {
  const request = host.snapshot().transcript.find((e) => e.id === entryId)?.fileRequest;
  const st = host.session();
  const { fileRefusal, uploadFile, uploadUrl } = await import('../protocol/upload.js');
  const refusal = fileRefusal(file, limits.maxBytes > 0 ? limits.maxBytes : DEFAULT_MAX_FILE_SIZE, limits.accept);
  if (refusal) throw new ProtocolError('file', `Refused (${refusal}): ${file.name}`);
  if (request?.status !== 'requested') throw new ProtocolError('file', 'No open file request');
  if (!st) throw new ProtocolError('file', 'Not the tab that runs the chat');
  const url = uploadUrl(request.uploadServletUrl, host.orgId(), st.key, request.fileToken, new URL(st.endpoint, document.baseURI).href);
  if (!url) throw new ProtocolError('file', 'Upload URL not http(s)');
  try {
    await uploadFile(url, file, { signal, ...(onProgress ? { onProgress } : {}) });
  } catch (e) {
    throw e instanceof Error && e.name === 'UploadError' ? new ProtocolError('file', e.message, (e as { status?: number }).status) : e;
  }
  const attachment = { name: file.name, url: '', contentType: file.type, size: file.size, width: null, height: null, thumbnailUrl: '', alt: '' };
  host.dispatch({ type: 'visitor-file', id: host.newId(), name: st.visitorName, attachment, time: Date.now() });
}
