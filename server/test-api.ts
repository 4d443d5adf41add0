/**
 * The test / agent / admin HTTP API of a sandbox (`{base}/api/…`): read state, act as an agent,
 * read what the visitor sent and every Chat REST request, inject faults. JSON in and out; errors
 * are short plain-text reasons. Chat logic is in sandbox.ts.
 */
import type { Context, Hono } from 'hono';
import type { AgentStatus } from './config.js';
import { FAULT_KINDS, type Chat, type FaultKind, type FaultSpec, type Sandbox } from './sandbox.js';
import { postbacksOf, transfersView } from './files.js';
import { asObject, HttpError, isRecord, parseJson, readBody } from './util.js';
import { offlineMessagesOf, ratingOf } from './web-to-case.js';

/** `lenient`: what lenient mode tolerated in this Chat REST request, for the printed request log. */
export type SandboxEnv = { Variables: { sb: Sandbox; lenient?: string[] } };

export function chatView(sb: Sandbox, chat: Chat): Record<string, unknown> {
  return {
    id: chat.id,
    status: chat.status,
    agentId: chat.agentId,
    buttonId: chat.buttonId,
    visitorName: chat.visitorName,
    visitorId: chat.visitorId,
    prechatDetails: chat.prechatDetails,
    prechatEntities: chat.prechatEntities,
    language: chat.language,
    userAgent: chat.userAgent,
    screenResolution: chat.screenResolution,
    url: chat.url,
    breadcrumbs: chat.breadcrumbs,
    sneakPeek: chat.sneakPeek,
    visitorTyping: chat.visitorTyping,
    agentTyping: chat.agentTyping,
    queuePosition: chat.status === 'queued' ? sb.queuePositionOf(chat) : 0,
    receiveQueueUpdates: chat.receiveQueueUpdates,
    transcript: chat.transcript,
    idleWarnings: chat.idleWarnings,
    sensitiveDataTriggered: chat.sensitiveDataTriggered,
    requestedAt: chat.requestedAt,
    acceptedAt: chat.acceptedAt,
    endedAt: chat.endedAt,
    endReason: chat.endReason,
    awaitingResync: chat.awaitingResync,
    rating: ratingOf(chat),
    fileTransfers: transfersView(chat),
    postbacks: postbacksOf(chat),
  };
}

export function stateView(sb: Sandbox): Record<string, unknown> {
  return {
    id: sb.id,
    strict: sb.config.strict,
    agents: sb.agents.map((a) => {
      const chats = sb.activeChatsOf(a.id).map((c) => c.id);
      return { id: a.id, name: a.name, status: a.status, capacity: a.capacity, buttons: a.buttons, sneakPeekEnabled: a.sneakPeekEnabled, ongoingChats: chats.length, chatIds: chats };
    }),
    buttons: sb.config.buttons.map((b) => ({ id: b.id, type: b.type, label: b.label, isAvailable: sb.isAvailable(b.id) === true })),
    queue: sb.queuedChats().map((c) => c.id),
    chats: [...sb.chats.values()].map((c) => chatView(sb, c)),
    offlineMessages: offlineMessagesOf(sb),
  };
}

async function jsonBody(c: Context<SandboxEnv>, allowEmpty = true): Promise<Record<string, unknown>> {
  const text = await readBody(c.req.raw, c.var.sb.config.limits.maxBodyBytes);
  return asObject(parseJson(text, allowEmpty));
}

function chatOf(c: Context<SandboxEnv>): Chat {
  const chat = c.var.sb.chats.get(c.req.param('id') ?? '');
  if (!chat) throw new HttpError(404, `Unknown chat ${c.req.param('id')}`);
  return chat;
}

export function parseFaultSpec(raw: Record<string, unknown>): FaultSpec {
  const resource = raw.resource ?? '*';
  if (typeof resource !== 'string' || !resource) throw new HttpError(400, 'Field "resource" must be a string such as "System/Messages" or "*"');
  const kind = raw.kind;
  if (typeof kind !== 'string' || !FAULT_KINDS.includes(kind as FaultKind)) throw new HttpError(400, `Field "kind" must be one of ${FAULT_KINDS.join(', ')}`);
  const num = (key: string, min: number, max: number): number | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new HttpError(400, `Field "${key}" must be a number between ${min} and ${max}`);
    return v;
  };
  const spec: FaultSpec = { resource, kind: kind as FaultKind };
  const status = num('status', 100, 599);
  if (status !== undefined) spec.status = Math.trunc(status);
  if (raw.body !== undefined) {
    if (typeof raw.body !== 'string') throw new HttpError(400, 'Field "body" must be a string');
    spec.body = raw.body;
  }
  const delayMs = num('delayMs', 0, 600_000);
  if (delayMs !== undefined) spec.delayMs = delayMs;
  if (raw.newUrl !== undefined) {
    if (typeof raw.newUrl !== 'string') throw new HttpError(400, 'Field "newUrl" must be a string');
    spec.newUrl = raw.newUrl;
  }
  const times = num('times', 1, 1_000_000);
  if (times !== undefined) spec.times = Math.trunc(times);
  const probability = num('probability', 0, 1);
  if (probability !== undefined) spec.probability = probability;
  const seed = num('seed', -(2 ** 31), 2 ** 32);
  if (seed !== undefined) spec.seed = Math.trunc(seed);
  if (raw.resetSequence !== undefined) {
    if (typeof raw.resetSequence !== 'boolean') throw new HttpError(400, 'Field "resetSequence" must be a boolean');
    spec.resetSequence = raw.resetSequence;
  }
  if (raw.after !== undefined) {
    if (typeof raw.after !== 'boolean') throw new HttpError(400, 'Field "after" must be a boolean');
    if (raw.after && kind !== 'drop' && kind !== 'delay' && kind !== 'status') throw new HttpError(400, 'Field "after" applies to the kinds drop, delay and status');
    spec.after = raw.after;
  }
  if (kind === 'status' && spec.status === undefined) spec.status = 500;
  return spec;
}

export function registerTestApi(app: Hono<SandboxEnv>): void {
  app.get('/api/state', (c) => c.json(stateView(c.var.sb)));

  app.get('/api/config', (c) => c.json(c.var.sb.config));

  app.put('/api/agents/:agentId', async (c) => {
    const sb = c.var.sb;
    const agent = sb.agent(c.req.param('agentId'));
    if (!agent) throw new HttpError(404, `Unknown agent ${c.req.param('agentId')}`);
    const body = await jsonBody(c, false);
    const status = body.status;
    if (status !== 'online' && status !== 'away' && status !== 'offline') throw new HttpError(400, 'Field "status" must be "online", "away" or "offline"');
    agent.status = status as AgentStatus;
    return c.json({ id: agent.id, status: agent.status });
  });

  app.get('/api/chats/:id', (c) => c.json(chatView(c.var.sb, chatOf(c))));

  app.post('/api/chats/:id/accept', async (c) => {
    const chat = chatOf(c);
    const body = await jsonBody(c);
    if (body.agentId !== undefined && typeof body.agentId !== 'string') throw new HttpError(400, 'Field "agentId" must be a string');
    const agent = c.var.sb.accept(chat, body.agentId as string | undefined);
    return c.json({ id: chat.id, status: chat.status, agentId: agent.id });
  });

  app.post('/api/chats/:id/typing', async (c) => {
    const chat = chatOf(c);
    const body = await jsonBody(c);
    const typing = body.typing ?? true;
    if (typeof typing !== 'boolean') throw new HttpError(400, 'Field "typing" must be a boolean');
    c.var.sb.agentTyping(chat, typing);
    return c.json({ ok: true });
  });

  app.post('/api/chats/:id/messages', async (c) => {
    const sb = c.var.sb;
    const chat = chatOf(c);
    const body = await jsonBody(c, false);
    if (typeof body.text !== 'string') throw new HttpError(400, 'Field "text" must be a string');
    const count = body.count ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) throw new HttpError(400, 'Field "count" must be an integer from 1 to 1000');
    sb.requireActive(chat);
    const at = Date.now();
    if (count === 1) sb.agentSays(chat, body.text);
    else for (let i = 1; i <= count; i++) sb.agentSays(chat, `${body.text} #${i}`);
    return c.json({ ok: true, sent: count, at });
  });

  app.post('/api/chats/:id/custom-events', async (c) => {
    const sb = c.var.sb;
    const chat = chatOf(c);
    const body = await jsonBody(c, false);
    if (typeof body.type !== 'string' || !body.type) throw new HttpError(400, 'Field "type" must be a non-empty string');
    if (body.data !== undefined && typeof body.data !== 'string') throw new HttpError(400, 'Field "data" must be a string');
    sb.requireActive(chat);
    sb.push(chat.session, 'CustomEvent', { type: body.type, data: body.data ?? '' });
    return c.json({ ok: true });
  });

  app.post('/api/chats/:id/transfer', async (c) => {
    const chat = chatOf(c);
    const body = await jsonBody(c, false);
    if (typeof body.agentId !== 'string') throw new HttpError(400, 'Field "agentId" must be a string');
    c.var.sb.transfer(chat, body.agentId);
    return c.json({ ok: true, agentId: chat.agentId });
  });

  app.post('/api/chats/:id/disconnect', (c) => {
    c.var.sb.disconnect(chatOf(c));
    return c.json({ ok: true });
  });

  app.post('/api/chats/:id/end', (c) => {
    const chat = chatOf(c);
    if (chat.status === 'ended') throw new HttpError(409, 'Chat already ended');
    c.var.sb.endSession(chat.session, 'agent');
    return c.json({ ok: true });
  });

  app.post('/api/chats/:id/queue', async (c) => {
    const sb = c.var.sb;
    const chat = chatOf(c);
    const body = await jsonBody(c, false);
    if (typeof body.position !== 'number' || !Number.isInteger(body.position) || body.position < 0) throw new HttpError(400, 'Field "position" must be a non-negative integer');
    if (body.estimatedWaitTime !== undefined && typeof body.estimatedWaitTime !== 'number') throw new HttpError(400, 'Field "estimatedWaitTime" must be a number');
    if (chat.status === 'ended') throw new HttpError(409, 'Chat already ended');
    const msg: Record<string, unknown> = { position: body.position };
    msg.estimatedWaitTime = body.estimatedWaitTime ?? sb.estimatedWaitTime(chat.buttonId, Date.now() - chat.requestedAt);
    sb.push(chat.session, 'QueueUpdate', msg);
    return c.json({ ok: true });
  });

  app.get('/api/chats/:id/received', (c) => c.json(chatOf(c).received));

  app.get('/api/requests', (c) => {
    const raw = c.req.query('since');
    let since = 0;
    if (raw !== undefined && raw !== '') {
      if (!/^-?\d+$/.test(raw)) throw new HttpError(400, 'Query parameter "since" must be an integer');
      since = Number(raw);
    }
    return c.json(c.var.sb.requests.filter((r) => r.n > since));
  });

  app.get('/api/breadcrumbs', (c) => c.json(c.var.sb.looseBreadcrumbs));

  app.post('/api/faults', async (c) => {
    const body = await jsonBody(c, false);
    const fault = c.var.sb.addFault(parseFaultSpec(body));
    return c.json({ id: fault.id }, 201);
  });

  app.get('/api/faults', (c) => {
    const sb = c.var.sb;
    return c.json({
      active: sb.faults.map((f) => ({ ...f, random: undefined })),
      log: sb.faultLog,
    });
  });

  app.delete('/api/faults', (c) => {
    c.var.sb.faults.length = 0;
    return c.json({ ok: true });
  });

  app.delete('/api/faults/:faultId', (c) => {
    const list = c.var.sb.faults;
    const i = list.findIndex((f) => f.id === c.req.param('faultId'));
    if (i < 0) throw new HttpError(404, 'Unknown fault');
    list.splice(i, 1);
    return c.json({ ok: true });
  });
}

export { isRecord };
