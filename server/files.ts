/**
 * Rich content and file transfer on the reference server:
 * - the upload servlet (`POST {base}/chat/upload?orgId&chatKey&fileToken&encoding`, multipart
 *   field `file`): checks the org, the chat key (the session id) and the token of an open
 *   request, keeps the file in memory (size-capped), answers, then sends the visitor
 *   `FileTransfer` Success (or Failure when the file was refused);
 * - the agent's side (`{base}/api/chats/:id/…`): request a file, cancel the request, list and
 *   download what arrived, send a rich message (cards, quick replies, sticker) or a file.
 * Postbacks arrive as visitor CustomEvents (`rich_message_postback`) in `received`.
 */
import type { Context, Hono } from 'hono';
import type { Chat, Sandbox } from './sandbox.js';
import { asObject, HttpError, parseJson, readBody, uuid } from './util.js';
import type { SandboxEnv } from './test-api.js';

export interface FileTransferRecord {
  fileToken: string;
  requestedAt: number;
  status: 'requested' | 'success' | 'failure' | 'canceled';
  /** What arrived (in memory). */
  file: { name: string; type: string; size: number; blob: Blob; at: number } | null;
  /** Why a file was refused. */
  problem?: string;
}

const transfers = new WeakMap<Chat, FileTransferRecord[]>();
export const transfersOf = (chat: Chat): FileTransferRecord[] => {
  let list = transfers.get(chat);
  if (!list) transfers.set(chat, (list = []));
  return list;
};

/** What the agent API shows of a chat's transfers (no bytes). */
export function transfersView(chat: Chat): unknown[] {
  return transfersOf(chat).map(({ fileToken, requestedAt, status, file, problem }) => ({
    fileToken,
    requestedAt,
    status,
    ...(file ? { file: { name: file.name, type: file.type, size: file.size, at: file.at } } : {}),
    ...(problem ? { problem } : {}),
  }));
}

/** The visitor's postbacks: `rich_message_postback` CustomEvents received, data parsed when it is JSON. */
export function postbacksOf(chat: Chat): unknown[] {
  const out: unknown[] = [];
  for (const r of chat.received) {
    const body = r.body as { type?: unknown; data?: unknown } | null;
    if (r.noun !== 'CustomEvent' || body?.type !== 'rich_message_postback') continue;
    let data: unknown = body.data;
    try {
      data = JSON.parse(String(body.data));
    } catch {
      /* kept as sent */
    }
    out.push({ at: r.at, data });
  }
  return out;
}

/** The sandbox's own absolute base URL, from a request to its API or servlet. */
function baseUrl(c: Context<SandboxEnv>, marker: string): string {
  const u = new URL(c.req.url);
  return u.origin + u.pathname.slice(0, u.pathname.indexOf(marker));
}

export function requestFile(sb: Sandbox, chat: Chat, base: string): FileTransferRecord {
  sb.requireActive(chat);
  for (const t of transfersOf(chat)) if (t.status === 'requested') t.status = 'canceled';
  const record: FileTransferRecord = { fileToken: uuid(), requestedAt: Date.now(), status: 'requested', file: null };
  transfersOf(chat).push(record);
  if (transfersOf(chat).length > 20) transfersOf(chat).shift();
  sb.push(chat.session, 'FileTransfer', {
    type: 'Requested',
    uploadServletUrl: `${base}/chat/upload`,
    fileToken: record.fileToken,
    cdmServletUrl: `${base}/chat/files/`,
  });
  return record;
}

function end(sb: Sandbox, chat: Chat, t: FileTransferRecord, status: 'success' | 'failure' | 'canceled'): void {
  t.status = status;
  const type = status === 'success' ? 'Success' : status === 'failure' ? 'Failure' : 'Canceled';
  if (!chat.session.ended) sb.push(chat.session, 'FileTransfer', { type, fileToken: t.fileToken });
}

const TEMPLATES = ['cards', 'quick_replies', 'sticker'];

const json = async (c: Context<SandboxEnv>) => asObject(parseJson(await readBody(c.req.raw, c.var.sb.config.limits.maxBodyBytes)));

export function registerFileRoutes(app: Hono<SandboxEnv>): void {
  // The upload servlet. Errors before the request is known answer 4xx and send nothing.
  app.post('/chat/upload', async (c) => {
    const sb = c.var.sb;
    const q = (k: string) => c.req.query(k) ?? '';
    if (q('orgId') !== sb.config.orgId) throw new HttpError(403, 'Unknown orgId');
    const chat = sb.chats.get(q('chatKey'));
    if (!chat || chat.status !== 'active') throw new HttpError(403, 'Unknown or inactive chatKey');
    const t = transfersOf(chat).find((x) => x.fileToken === q('fileToken') && x.status === 'requested');
    if (!t) throw new HttpError(403, 'Unknown, used or cancelled fileToken');
    // Faults for tests (resource "FileTransfer/upload"): an error status, or a servlet that stalls before reading.
    const fault = sb.takeFault('FileTransfer/upload', 'POST', c.req.path, 0);
    if (fault?.kind === 'status') throw new HttpError(fault.status ?? 500, fault.body ?? `Injected fault ${fault.id}`);
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
    const cap = sb.config.limits.maxUploadBytes;
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > cap + 64 * 1024) {
      t.problem = `too large (${declared} bytes, limit ${cap})`;
      end(sb, chat, t, 'failure');
      throw new HttpError(413, `File too large (limit ${cap} bytes)`);
    }
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw new HttpError(400, 'Body is not multipart/form-data');
    }
    const file = form.file;
    if (!(file instanceof File)) throw new HttpError(400, 'No multipart field "file"');
    if (file.size > cap) {
      t.problem = `too large (${file.size} bytes, limit ${cap})`;
      end(sb, chat, t, 'failure');
      throw new HttpError(413, `File too large (limit ${cap} bytes)`);
    }
    t.file = { name: file.name.slice(0, 255), type: file.type.slice(0, 100), size: file.size, blob: new Blob([await file.arrayBuffer()]), at: Date.now() };
    end(sb, chat, t, 'success');
    return c.text('Success');
  });

  const chatOf = (c: Context<SandboxEnv>): Chat => {
    const chat = c.var.sb.chats.get(c.req.param('id') ?? '');
    if (!chat) throw new HttpError(404, `Unknown chat ${c.req.param('id')}`);
    return chat;
  };

  app.post('/api/chats/:id/file-requests', (c) => {
    const t = requestFile(c.var.sb, chatOf(c), baseUrl(c, '/api/'));
    return c.json({ fileToken: t.fileToken, status: t.status });
  });

  app.post('/api/chats/:id/file-requests/cancel', (c) => {
    const chat = chatOf(c);
    const open = transfersOf(chat).filter((t) => t.status === 'requested');
    if (!open.length) throw new HttpError(409, 'No open file request');
    for (const t of open) end(c.var.sb, chat, t, 'canceled');
    return c.json({ ok: true });
  });

  app.get('/api/chats/:id/files', (c) => c.json({ transfers: transfersView(chatOf(c)), postbacks: postbacksOf(chatOf(c)) }));

  app.get('/api/chats/:id/files/:token', (c) => {
    const t = transfersOf(chatOf(c)).find((x) => x.fileToken === c.req.param('token'));
    if (!t?.file) throw new HttpError(404, 'No file for this token');
    const name = t.file.name.replace(/[^\w.-]+/g, '_') || 'file';
    return new Response(t.file.blob, {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${name}"`,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });

  // Convenience for agents and bots: a rich message or a file as the CustomEvent the widget reads.
  app.post('/api/chats/:id/rich-messages', async (c) => {
    const chat = chatOf(c);
    const body = await json(c);
    if (!TEMPLATES.includes(body.template_id as string)) throw new HttpError(400, `Field "template_id" must be one of ${TEMPLATES.join(', ')}`);
    if (!Array.isArray(body.elements) || body.elements.length === 0) throw new HttpError(400, 'Field "elements" must be a non-empty array');
    c.var.sb.requireActive(chat);
    const data = JSON.stringify({ type: 'rich_message', id: uuid(), template_id: body.template_id, elements: body.elements });
    c.var.sb.push(chat.session, 'CustomEvent', { type: 'rich_message', data });
    return c.json({ ok: true });
  });

  app.post('/api/chats/:id/agent-files', async (c) => {
    const chat = chatOf(c);
    const body = await json(c);
    if (typeof body.url !== 'string') throw new HttpError(400, 'Field "url" must be a string');
    c.var.sb.requireActive(chat);
    c.var.sb.push(chat.session, 'CustomEvent', { type: 'file', data: JSON.stringify({ type: 'file', ...body }) });
    return c.json({ ok: true });
  });
}

