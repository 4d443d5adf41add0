/**
 * A Web-to-Case-shaped endpoint for the widget's leave-a-message form: `POST
 * {base}/servlet/servlet.WebToCase` with an `application/x-www-form-urlencoded` body of `orgid`,
 * `name`, `email`, `subject`, `description` (Salesforce's field names; other fields are kept as
 * `extra`). Like Web-to-Case it answers without CORS headers (the widget posts with no-cors) and
 * with a small HTML page; unlike it, a wrong `orgid` or a body without email and description is
 * refused with 400, so tests see mistakes. Messages are kept per sandbox (bounded) and listed by
 * `GET {base}/api/offline-messages` and the console. Also reads a chat's rating (the visitor's
 * CustomEvent `chat_rating`) for the console.
 */
import type { Hono } from 'hono';
import type { Chat, Sandbox } from './sandbox.js';
import type { SandboxEnv } from './test-api.js';
import { HttpError, pushBounded, readBody } from './util.js';

export interface OfflineMessage {
  id: string;
  at: number;
  name: string;
  email: string;
  subject: string;
  description: string;
  /** Any other form fields (e.g. retURL, custom case fields). */
  extra: Record<string, string>;
}

export const WEB_TO_CASE_PATH = '/servlet/servlet.WebToCase';
const FIELDS = ['name', 'email', 'subject', 'description'] as const;
const MAX_MESSAGES = 500;
let counter = 0;

const store = new WeakMap<Sandbox, OfflineMessage[]>();

/** The offline messages this sandbox received, oldest first. */
export function offlineMessagesOf(sb: Sandbox): OfflineMessage[] {
  let list = store.get(sb);
  if (!list) store.set(sb, (list = []));
  return list;
}

/** Parses and checks one Web-to-Case form body; throws HttpError 400 with a short reason. */
export function parseWebToCase(sb: Sandbox, contentType: string, text: string, seq: number): OfflineMessage {
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    throw new HttpError(415, 'Send the form as application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(text);
  const orgId = form.get('orgid') ?? '';
  if (orgId !== sb.config.orgId) throw new HttpError(400, `Field "orgid" must be this org's id (${sb.config.orgId})`);
  const msg: OfflineMessage = { id: `case-${seq}`, at: Date.now(), name: '', email: '', subject: '', description: '', extra: {} };
  for (const [k, v] of form) {
    if ((FIELDS as readonly string[]).includes(k)) msg[k as (typeof FIELDS)[number]] = v;
    else if (k !== 'orgid') msg.extra[k] = v;
  }
  if (!msg.email.trim() && !msg.description.trim()) throw new HttpError(400, 'Fields "email" and "description" are empty');
  return msg;
}

/** The visitor's rating of a chat (its last CustomEvent `chat_rating`), or null. */
export function ratingOf(chat: Chat): { rating: string; comment: string; at: number } | null {
  for (let i = chat.received.length - 1; i >= 0; i--) {
    const row = chat.received[i]!;
    const body = row.body as { type?: unknown; data?: unknown } | null;
    if (row.noun !== 'CustomEvent' || body?.type !== 'chat_rating' || typeof body.data !== 'string') continue;
    try {
      const d = JSON.parse(body.data) as { rating?: unknown; comment?: unknown };
      return { rating: String(d.rating ?? ''), comment: typeof d.comment === 'string' ? d.comment : '', at: row.at };
    } catch {
      return { rating: '', comment: body.data, at: row.at };
    }
  }
  return null;
}

export function registerWebToCase(app: Hono<SandboxEnv>): void {
  app.post(WEB_TO_CASE_PATH, async (c) => {
    const sb = c.var.sb;
    const text = await readBody(c.req.raw, sb.config.limits.maxBodyBytes);
    const list = offlineMessagesOf(sb);
    const msg = parseWebToCase(sb, c.req.header('content-type') ?? '', text, ++counter);
    pushBounded(list, msg, MAX_MESSAGES);
    return c.html('<!doctype html><title>Thank you</title><p>Your message was received.</p>');
  });
  app.get('/api/offline-messages', (c) => c.json(offlineMessagesOf(c.var.sb)));
}
