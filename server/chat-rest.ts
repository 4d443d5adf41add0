/**
 * The Chat REST API (legacy Live Agent visitor protocol) of one sandbox: resource dispatch,
 * header/sequence/affinity checks, long polling, ReconnectSession, Visitor resources, and fault
 * injection at the door. State and chat logic live in sandbox.ts.
 */
import type { Context } from 'hono';
import {
  faultMatches,
  newChat,
  type Chat,
  type Fault,
  type OutMessage,
  type RequestRow,
  type Sandbox,
  type Session,
} from './sandbox.js';
import {
  asObject,
  HttpError,
  isRecord,
  jsonResponse,
  optString,
  parseIdList,
  parseJson,
  pushBounded,
  readBody,
  reqArray,
  reqBool,
  reqString,
  textResponse,
  uuid,
} from './util.js';
import type { SandboxEnv } from './test-api.js';

type Method = 'GET' | 'POST' | 'DELETE';

interface RequestCtx {
  sb: Sandbox;
  req: Request;
  url: URL;
  resource: string;
  /** Raw body text (POST), read once. */
  bodyText: string;
  row: RequestRow;
}

type Handler = (ctx: RequestCtx) => Promise<Response> | Response;

/** Chasitor nouns that go through the same path alone or inside MultiNoun. */
interface Noun {
  /** X-LIVEAGENT-SEQUENCE required (guide); when absent on others, no sequence bookkeeping. */
  needsSequence: boolean;
  /** Allowed before ChatEstablished (otherwise 500, as the guide warns). */
  beforeEstablished: boolean;
  emptyBodyOk: boolean;
  /** Field checks, no side effects (a MultiNoun batch is validated whole before anything runs). */
  validate(sb: Sandbox, body: Record<string, unknown>): void;
  run(sb: Sandbox, chat: Chat, body: Record<string, unknown>): void;
}

function checkText(sb: Sandbox, body: Record<string, unknown>): string {
  const text = reqString(body, 'text');
  const max = sb.config.limits.maxTextLength;
  if (text.length > max) throw new HttpError(400, `Field "text" is longer than ${max} characters`);
  return text;
}

const NOUNS: Record<string, Noun> = {
  ChatMessage: {
    needsSequence: true,
    beforeEstablished: false,
    emptyBodyOk: false,
    validate: checkText,
    run(sb, chat, body) {
      const text = body.text as string;
      chat.visitorTyping = false;
      chat.sneakPeek = '';
      sb.addTranscript(chat, { type: 'Chasitor', name: chat.visitorName, content: text, timestamp: Date.now() });
      sb.scriptedReply(chat, text);
    },
  },
  ChasitorTyping: {
    needsSequence: true,
    beforeEstablished: false,
    emptyBodyOk: true,
    validate() {},
    run(_sb, chat) {
      chat.visitorTyping = true;
    },
  },
  ChasitorNotTyping: {
    needsSequence: true,
    beforeEstablished: false,
    emptyBodyOk: true,
    validate() {},
    run(_sb, chat) {
      chat.visitorTyping = false;
    },
  },
  ChasitorSneakPeek: {
    needsSequence: true,
    beforeEstablished: false,
    emptyBodyOk: false,
    validate(sb, body) {
      checkText(sb, body);
      if (body.position !== undefined && typeof body.position !== 'number') throw new HttpError(400, 'Field "position" must be a number');
    },
    run(_sb, chat, body) {
      chat.sneakPeek = body.text as string;
    },
  },
  CustomEvent: {
    needsSequence: true,
    beforeEstablished: false,
    emptyBodyOk: false,
    validate(_sb, body) {
      reqString(body, 'type');
      if (body.data !== undefined && typeof body.data !== 'string') throw new HttpError(400, 'Field "data" must be a string');
    },
    run() {
      // Recorded in received; the agent side reads it from there.
    },
  },
  ChatEnd: {
    needsSequence: true,
    beforeEstablished: true,
    emptyBodyOk: false,
    validate(_sb, body) {
      reqString(body, 'reason');
    },
    run(sb, chat) {
      sb.endSession(chat.session, 'client');
    },
  },
  ChasitorResyncState: {
    needsSequence: false,
    beforeEstablished: true,
    emptyBodyOk: false,
    validate(sb, body) {
      const org = reqString(body, 'organizationId');
      if (org !== sb.config.orgId) throw new HttpError(400, `Unknown organizationId ${org}`);
    },
    run(_sb, chat) {
      chat.awaitingResync = false;
    },
  },
  ChasitorIdleTimeoutWarningEvent: {
    needsSequence: false,
    beforeEstablished: false,
    emptyBodyOk: false,
    validate(_sb, body) {
      const event = reqString(body, 'idleTimeoutWarningEvent');
      if (event !== 'triggered' && event !== 'cleared') throw new HttpError(400, 'Field "idleTimeoutWarningEvent" must be "triggered" or "cleared"');
    },
    run(_sb, chat, body) {
      pushBounded(chat.idleWarnings, { at: Date.now(), event: body.idleTimeoutWarningEvent as string }, 1000);
    },
  },
  SensitiveDataRuleTriggered: {
    needsSequence: false,
    beforeEstablished: false,
    emptyBodyOk: false,
    validate(_sb, body) {
      checkRules(body);
    },
    run(_sb, chat, body) {
      for (const r of body.rules as unknown[]) pushBounded(chat.sensitiveDataTriggered, r, 1000);
    },
  },
};

function checkRules(body: Record<string, unknown>): void {
  const rules = reqArray(body, 'rules');
  if (!rules.every((r) => isRecord(r) && typeof r.name === 'string')) throw new HttpError(400, 'Every entry of "rules" needs a string "name"');
}

const RESOURCES: Record<string, Partial<Record<Method, Handler>>> = {
  'System/SessionId': { GET: sessionIdGet },
  'System/Messages': { GET: messagesGet },
  'System/MultiNoun': { POST: multiNoun },
  'System/ReconnectSession': { GET: reconnectSession },
  'Chasitor/ChasitorInit': { POST: chasitorInit },
  'Visitor/Settings': { GET: visitorSettings },
  'Visitor/Availability': { GET: visitorAvailability },
  'Visitor/VisitorId': { GET: visitorId },
  'Visitor/Breadcrumb': { POST: visitorBreadcrumb },
  'Agent/SensitiveDataRuleTriggered': { POST: agentRuleTriggered },
};
for (const noun of Object.keys(NOUNS)) RESOURCES[`Chasitor/${noun}`] = { POST: (ctx) => chasitorNoun(ctx, noun) };

const HEADER = {
  version: 'x-liveagent-api-version',
  affinity: 'x-liveagent-affinity',
  key: 'x-liveagent-session-key',
  sequence: 'x-liveagent-sequence',
};

const OK = () => textResponse(200, 'OK');

/** Entry: `resource` is the path after `/chat/rest/` (no trailing slash). */
export async function handleChatRest(c: Context<SandboxEnv>, sb: Sandbox, resource: string): Promise<Response> {
  const req = c.req.raw;
  const url = new URL(req.url);
  const method = req.method.toUpperCase();
  const headers: Record<string, string> = {};
  req.headers.forEach((v, k) => {
    if (k.startsWith('x-liveagent-')) headers[k] = v;
  });
  const row: RequestRow = {
    n: sb.nextRequestNumber(),
    at: Date.now(),
    method,
    path: url.pathname,
    resource,
    query: Object.fromEntries(url.searchParams),
    headers,
    body: null,
    status: 0,
    doneAt: null,
    mode: sb.config.strict ? 'strict' : 'lenient',
  };
  sb.logRequest(row);
  let response: Response;
  const run = () => dispatch(c, { sb, req, url, resource, bodyText: '', row }, method);
  // Lenient mode: POSTs that carry no sequence cannot be deduplicated or reordered by number,
  // so each session's are applied one at a time, in the order they arrived.
  const key = req.headers.get(HEADER.key);
  const unsequenced = !sb.config.strict && method === 'POST' && !!key && !req.headers.get(HEADER.sequence);
  try {
    response = await (unsequenced ? sb.inArrivalOrder(key, run) : run());
  } catch (e) {
    if (e instanceof HttpError) response = textResponse(e.status, e.message);
    else {
      console.error('reference server: internal error', e);
      response = textResponse(500, 'Internal server error');
    }
  }
  // A cut connection is logged as 500 (the client got no usable answer).
  row.status = cutAnswers.has(response) ? 500 : response.status;
  row.doneAt = Date.now();
  if (row.lenient) c.set('lenient', row.lenient);
  return response;
}

async function dispatch(c: Context, ctx: RequestCtx, method: string): Promise<Response> {
  const { sb, resource } = ctx;
  let handler: Handler | undefined;
  if (resource.startsWith('System/SessionId/') && resource.length > 'System/SessionId/'.length) {
    if (method !== 'DELETE') return textResponse(405, 'Method not allowed', { allow: 'DELETE' });
    handler = sessionIdDelete;
  } else {
    const def = RESOURCES[resource];
    if (!def) return textResponse(404, `Unknown resource ${resource || '(none)'}`);
    handler = def[method as Method];
    if (!handler) return textResponse(405, 'Method not allowed', { allow: Object.keys(def).join(', ') });
  }
  if (method === 'POST') {
    ctx.bodyText = await readBody(ctx.req, sb.config.limits.maxBodyBytes);
    try {
      // Bodies are logged parsed; very large ones as a truncated string (the log stays bounded).
      ctx.row.body = !ctx.bodyText ? null : ctx.bodyText.length > 16384 ? `${ctx.bodyText.slice(0, 16384)}…` : JSON.parse(ctx.bodyText);
    } catch {
      ctx.row.body = ctx.bodyText.slice(0, 4096);
    }
  }
  const fault = sb.takeFault(resource, method, ctx.url.pathname, ctx.row.n);
  if (fault && !fault.after) {
    const answer = await applyFault(c, ctx, fault);
    if (answer) return answer;
  }
  if (!ctx.req.headers.get(HEADER.version)) return textResponse(400, 'Missing X-LIVEAGENT-API-VERSION header');
  if (!/^\d+(\.\d+)?$/.test(ctx.req.headers.get(HEADER.version)!.trim())) return textResponse(400, 'X-LIVEAGENT-API-VERSION must be a number');
  const response = await handler(ctx);
  return fault?.after ? applyFaultAfter(c, ctx, fault, response) : response;
}

/**
 * A fault that hits after the request was applied (`after: true`): the server did the work,
 * the client never learns it — the connection is cut, the answer comes late, or an error
 * status replaces the real answer.
 */
async function applyFaultAfter(c: Context, ctx: RequestCtx, fault: Fault, response: Response): Promise<Response> {
  switch (fault.kind) {
    case 'drop':
      return cutConnection(c, ctx);
    case 'delay':
      await faultDelay(ctx, fault);
      return response;
    case 'status':
      return textResponse(fault.status ?? 500, fault.body ?? `Injected fault ${fault.id}`);
    default:
      return response;
  }
}

/**
 * Cuts the connection in the middle of an answer: the status line and headers go out, then a
 * truncated body, then the socket closes. The client sees a network error on exactly this
 * request (a browser retries a request whose connection closed *before* any answer, which
 * would spend several faults on one fetch; after the headers it does not).
 */
const cutAnswers = new WeakSet<Response>();

function cutConnection(c: Context, ctx: RequestCtx): Response {
  const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket;
  const origin = ctx.req.headers.get('origin');
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"messages":['));
        return;
      }
      // The first chunk is on the wire: close the socket under the rest of the answer.
      return new Promise<void>(() => setTimeout(() => socket?.destroy(), 20));
    },
  });
  const response = new Response(body, {
    status: 200,
    headers: {
      'content-type': 'application/json',
      'content-length': '4096',
      ...(origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {}),
    },
  });
  cutAnswers.add(response);
  return response;
}


/** A `delay` fault's wait (cut short when the client goes away). */
function faultDelay(ctx: RequestCtx, fault: Fault): Promise<void> {
  return new Promise<void>((done) => {
    const t = setTimeout(done, fault.delayMs ?? 1000);
    ctx.req.signal.addEventListener('abort', () => (clearTimeout(t), done()), { once: true });
  });
}

async function applyFault(c: Context, ctx: RequestCtx, fault: Fault): Promise<Response | null> {
  const { sb } = ctx;
  const session = sb.sessionsByKey.get(ctx.req.headers.get(HEADER.key) ?? '');
  switch (fault.kind) {
    case 'delay':
      await faultDelay(ctx, fault);
      return null;
    case 'status':
      return textResponse(fault.status ?? 500, fault.body ?? `Injected fault ${fault.id}`);
    case 'malformed':
      return new Response('{"messages":[{"type":"ChatMessage","message":{"text":', { status: 200, headers: { 'content-type': 'application/json' } });
    case 'drop':
      return cutConnection(c, ctx);
    case 'handover':
      if (session && !session.terminated) sb.handover(session, fault.resetSequence ?? sb.config.reconnectResetSequence);
      return textResponse(503, 'Invalid Affinity Token');
    case 'conflict':
      if (ctx.resource === 'System/Messages') {
        if (session) sb.endSession(session, 'duplicateLongPoll', { terminate: true });
        return textResponse(409, 'Duplicate long poll: the chat has been terminated');
      }
      return textResponse(409, `Out of sync Ack. Expected ${session?.expectedSeq ?? 1}. Actual ${ctx.req.headers.get(HEADER.sequence) ?? 'none'}`);
    case 'switch-server':
      return jsonResponse(200, switchServerBody(fault.newUrl ?? sb.config.switchServerUrl ?? 'https://switched.invalid/chat'));
  }
}

function switchServerBody(newUrl: string): unknown {
  return { messages: [{ type: 'SwitchServer', message: { newUrl } }] };
}

// ---------- session checks ----------

/** Records in the request log what lenient mode tolerated. */
function noteLenient(ctx: RequestCtx, what: string): void {
  (ctx.row.lenient ??= []).push(what);
}

function requireHeader(req: Request, name: string, label: string): string {
  const v = req.headers.get(name);
  if (v === null || v === '') throw new HttpError(400, `Missing ${label} header`);
  return v;
}

/** Session resources: key (403 when missing) + affinity (400) headers, 403 for unknown/ended sessions, 503 on affinity mismatch. */
function requireSession(ctx: RequestCtx, opts: { allowEnded?: boolean; anyAffinity?: boolean } = {}): Session {
  // The guide's table: 403 "the session isn't valid" — a missing key names no valid session either.
  const key = ctx.req.headers.get(HEADER.key);
  if (!key) throw new HttpError(403, 'Missing X-LIVEAGENT-SESSION-KEY header: the session is not valid');
  const affinity = requireHeader(ctx.req, HEADER.affinity, 'X-LIVEAGENT-AFFINITY');
  const session = ctx.sb.sessionsByKey.get(key);
  if (!session) throw new HttpError(403, 'Invalid session key');
  if (session.terminated || (session.ended && !opts.allowEnded)) throw new HttpError(403, 'Session ended');
  session.lastActivity = Date.now();
  if (!opts.anyAffinity && (session.awaitingReconnect || affinity !== session.affinity)) throw new HttpError(503, 'Invalid Affinity Token');
  return session;
}

type SequenceCheck = { kind: 'process'; seq: number | null } | { kind: 'repeat' };

function checkSequence(ctx: RequestCtx, session: Session, required: boolean): SequenceCheck {
  const raw = ctx.req.headers.get(HEADER.sequence);
  if (raw === null || raw === '') {
    if (required && ctx.sb.config.strict) throw new HttpError(400, 'Missing X-LIVEAGENT-SEQUENCE header');
    if (required) noteLenient(ctx, 'no X-LIVEAGENT-SEQUENCE: applied in arrival order, not deduplicated');
    return { kind: 'process', seq: null };
  }
  if (!/^-?\d+$/.test(raw.trim())) throw new HttpError(400, 'X-LIVEAGENT-SEQUENCE must be an integer');
  const seq = Number(raw.trim());
  if (seq === session.expectedSeq) return { kind: 'process', seq };
  if (session.lastProcessedSeq > 0 && seq === session.lastProcessedSeq) return { kind: 'repeat' };
  throw new HttpError(409, `Out of sync Ack. Expected ${session.expectedSeq}. Actual ${seq}`);
}

function commitSequence(session: Session, seq: number | null): void {
  if (seq === null) return;
  session.lastProcessedSeq = seq;
  session.expectedSeq = seq + 1;
}

// ---------- System ----------

function sessionIdGet(ctx: RequestCtx): Response {
  requireHeader(ctx.req, HEADER.affinity, 'X-LIVEAGENT-AFFINITY');
  const s = ctx.sb.createSession();
  return jsonResponse(200, { key: s.key, id: s.id, clientPollTimeout: ctx.sb.config.clientPollTimeout, affinityToken: s.affinity });
}

function sessionIdDelete(ctx: RequestCtx): Response {
  requireHeader(ctx.req, HEADER.affinity, 'X-LIVEAGENT-AFFINITY');
  let key: string;
  try {
    key = decodeURIComponent(ctx.resource.slice('System/SessionId/'.length));
  } catch {
    return textResponse(403, 'Invalid session key');
  }
  const session = ctx.sb.sessionsByKey.get(key);
  if (!session || session.terminated) return textResponse(403, 'Invalid session key');
  ctx.sb.endSession(session, 'client', { terminate: true });
  return OK();
}

async function messagesGet(ctx: RequestCtx): Promise<Response> {
  const { sb } = ctx;
  const session = requireSession(ctx, { allowEnded: true });
  const rawAck = ctx.url.searchParams.get('ack');
  let ack: number;
  if (rawAck !== null && rawAck !== '') {
    if (!/^-?\d+$/.test(rawAck)) return textResponse(400, 'Query parameter "ack" must be an integer');
    ack = Number(rawAck);
  } else if (sb.config.strict) {
    ack = -1;
  } else {
    // The real service tracked delivery itself for clients that never send ack.
    ack = session.delivered;
    noteLenient(ctx, `no ack: server-tracked delivery, as ack=${ack}`);
  }
  session.lastAck = Math.max(session.lastAck, ack);
  if (session.poll) {
    // A second concurrent long poll: the chat terminates (guide, status 409).
    sb.endSession(session, 'duplicateLongPoll', { terminate: true });
    return textResponse(409, 'Duplicate long poll: the chat has been terminated');
  }
  if (!session.chat && session.initFailed !== null) return textResponse(403, `ChasitorInit failed: ${session.initFailed}`);
  const deliver = (messages: OutMessage[]): Response => {
    session.delivered = messages[messages.length - 1]!.seq;
    return jsonResponse(200, sb.messagesBody(session, messages));
  };
  const now = sb.pending(session, ack);
  if (now.length > 0) return deliver(now);
  if (session.ended) {
    session.terminated = true;
    return textResponse(403, 'Session ended');
  }
  const result = await sb.waitForMessages(session, ack, ctx.req.signal);
  switch (result.kind) {
    case 'messages':
      return deliver(result.messages);
    case 'empty':
      return new Response(null, { status: 204 });
    case 'status':
      return textResponse(result.status, result.body);
  }
}

function reconnectSession(ctx: RequestCtx): Response {
  const session = requireSession(ctx, { allowEnded: true, anyAffinity: true });
  const raw = ctx.url.searchParams.get('ReconnectSession.offset');
  let offset: number | null = null;
  if (raw !== null && raw !== '') {
    if (!/^-?\d+$/.test(raw)) return textResponse(400, 'ReconnectSession.offset must be an integer');
    offset = Number(raw);
  }
  return jsonResponse(200, ctx.sb.reconnect(session, offset));
}

// ---------- Chasitor ----------

function chasitorInit(ctx: RequestCtx): Response {
  const { sb } = ctx;
  const session = requireSession(ctx);
  const seq = checkSequence(ctx, session, true);
  if (seq.kind === 'repeat') return OK();
  if (session.chat) throw new HttpError(400, 'ChasitorInit was already received for this session');
  let parsed: { chat: Chat; body: Record<string, unknown> };
  try {
    parsed = parseInit(ctx, session);
  } catch (e) {
    if (e instanceof HttpError) {
      // Polls of a session whose chat request failed answer an error, not 204s forever.
      session.initFailed = e.message;
      sb.resolvePoll(session, { kind: 'status', status: 403, body: `ChasitorInit failed: ${e.message}` });
    }
    throw e;
  }
  const { chat, body } = parsed;
  session.initFailed = null;
  session.chat = chat;
  commitSequence(session, seq.seq);
  sb.addReceived(chat, { at: Date.now(), noun: 'ChasitorInit', body, sequence: seq.seq });
  sb.startChat(chat);
  return OK();
}

/** Checks a ChasitorInit body (400 naming the field) and builds the chat; no side effects. */
function parseInit(ctx: RequestCtx, session: Session): { chat: Chat; body: Record<string, unknown> } {
  const { sb } = ctx;
  const body = asObject(parseJson(ctx.bodyText));
  const organizationId = reqString(body, 'organizationId');
  const deploymentId = reqString(body, 'deploymentId');
  const buttonId = reqString(body, 'buttonId');
  const sessionId = reqString(body, 'sessionId');
  const userAgent = reqString(body, 'userAgent');
  const language = reqString(body, 'language');
  const screenResolution = reqString(body, 'screenResolution');
  const visitorName = optString(body, 'visitorName') ?? '';
  const prechatDetails = reqArray(body, 'prechatDetails');
  const prechatEntities = reqArray(body, 'prechatEntities');
  const receiveQueueUpdates = reqBool(body, 'receiveQueueUpdates');
  const isPost = reqBool(body, 'isPost');
  const agentId = optString(body, 'agentId') ?? null;
  if (body.doFallback !== undefined && typeof body.doFallback !== 'boolean') throw new HttpError(400, 'Field "doFallback" must be a boolean');
  let buttonOverrides: string[] = [];
  if (body.buttonOverrides !== undefined && body.buttonOverrides !== null) {
    const list = reqArray(body, 'buttonOverrides');
    if (!list.every((x) => typeof x === 'string')) throw new HttpError(400, 'Field "buttonOverrides" must be an array of strings');
    buttonOverrides = list as string[];
  }
  for (const d of prechatDetails) {
    if (!isRecord(d) || typeof d.label !== 'string') throw new HttpError(400, 'Every prechatDetails entry needs a string "label"');
  }
  if (organizationId !== sb.config.orgId) throw new HttpError(400, `Unknown organizationId ${organizationId}`);
  if (deploymentId !== sb.config.deploymentId) throw new HttpError(400, `Unknown deploymentId ${deploymentId}`);
  if (sessionId !== session.id) throw new HttpError(400, 'Field "sessionId" does not match the session');
  if (!sb.button(buttonId)) throw new HttpError(400, `Unknown buttonId ${buttonId}`);
  const visitorIdField = optString(body, 'visitorId');
  const referer = ctx.req.headers.get('referer') ?? '';
  const chat = newChat(session, {
    buttonId,
    visitorName,
    visitorId: visitorIdField ?? uuid(),
    prechatDetails,
    prechatEntities,
    buttonOverrides,
    requestedAgentId: agentId,
    doFallback: body.doFallback === true,
    language,
    userAgent,
    screenResolution,
    receiveQueueUpdates,
    isPost,
    url: referer,
    oref: '',
  });
  if (referer) chat.breadcrumbs.push({ location: referer, at: Date.now() });
  return { chat, body };
}

interface ParsedNoun {
  noun: string;
  def: Noun;
  body: Record<string, unknown>;
}

function parseNounBody(noun: string, def: Noun, raw: unknown): ParsedNoun {
  if (raw === undefined || raw === null) {
    if (!def.emptyBodyOk) throw new HttpError(400, `${noun}: request body is required`);
    return { noun, def, body: {} };
  }
  return { noun, def, body: asObject(raw, `${noun} body`) };
}

function runNouns(ctx: RequestCtx, session: Session, parsed: ParsedNoun[], seq: number | null): void {
  const chat = session.chat;
  for (const p of parsed) {
    if (!chat) throw new HttpError(500, `${p.noun} before ChasitorInit`);
    if (!p.def.beforeEstablished && !chat.everEstablished) throw new HttpError(500, `${p.noun} before ChatEstablished`);
  }
  // Validate everything first so a bad noun does not half-apply a batch.
  for (const p of parsed) p.def.validate(ctx.sb, p.body);
  commitSequence(session, seq);
  for (const p of parsed) {
    if (session.ended && p.noun !== 'ChatEnd') continue;
    ctx.sb.addReceived(chat!, { at: Date.now(), noun: p.noun, body: p.body, sequence: seq });
    if (!(p.noun === 'ChatEnd' && session.ended)) p.def.run(ctx.sb, chat!, p.body);
  }
}

function chasitorNoun(ctx: RequestCtx, noun: string): Response {
  const def = NOUNS[noun]!;
  if (noun === 'SensitiveDataRuleTriggered' && !ctx.req.headers.get(HEADER.key)) {
    // The guide lists only the API version header here; the body's chatId names the chat.
    const body = asObject(parseJson(ctx.bodyText));
    const chatId = reqString(body, 'chatId');
    const chat = ctx.sb.chats.get(chatId);
    if (!chat || chat.session.ended) throw new HttpError(403, 'Unknown or ended chat');
    const parsed = parseNounBody(noun, def, body);
    runNouns(ctx, chat.session, [parsed], null);
    return OK();
  }
  const session = requireSession(ctx);
  const seq = checkSequence(ctx, session, def.needsSequence);
  if (seq.kind === 'repeat') return OK();
  const raw = ctx.bodyText.trim() === '' ? undefined : parseJson(ctx.bodyText);
  runNouns(ctx, session, [parseNounBody(noun, def, raw)], seq.seq);
  return OK();
}

function multiNoun(ctx: RequestCtx): Response {
  const session = requireSession(ctx);
  const seq = checkSequence(ctx, session, true);
  if (seq.kind === 'repeat') return OK();
  const body = asObject(parseJson(ctx.bodyText));
  const nouns = reqArray(body, 'nouns');
  if (nouns.length === 0) throw new HttpError(400, 'Field "nouns" must not be empty');
  const parsed = nouns.map((n, i) => {
    if (!isRecord(n)) throw new HttpError(400, `nouns[${i}] must be an object`);
    const prefix = n.prefix ?? 'Chasitor';
    const name = n.noun;
    if (prefix !== 'Chasitor' || typeof name !== 'string' || !NOUNS[name]) throw new HttpError(400, `nouns[${i}]: unsupported noun ${String(prefix)}/${String(name)}`);
    return parseNounBody(name, NOUNS[name], n.object ?? (NOUNS[name].emptyBodyOk ? {} : undefined));
  });
  runNouns(ctx, session, parsed, seq.seq);
  return OK();
}

// ---------- Visitor ----------

function visitorPreamble(ctx: RequestCtx, needOrg: boolean): Response | null {
  const { sb } = ctx;
  if (sb.config.switchServerUrl) return jsonResponse(200, switchServerBody(sb.config.switchServerUrl));
  if (!needOrg) return null;
  const org = ctx.url.searchParams.get('org_id');
  const dep = ctx.url.searchParams.get('deployment_id');
  if (!org) return textResponse(400, 'Missing query parameter org_id');
  if (!dep) return textResponse(400, 'Missing query parameter deployment_id');
  if (org !== sb.config.orgId) return textResponse(400, `Unknown org_id ${org}`);
  if (dep !== sb.config.deploymentId) return textResponse(400, `Unknown deployment_id ${dep}`);
  return null;
}

function flag(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  return v === '1' || v === 'true';
}

function visitorSettings(ctx: RequestCtx): Response {
  const early = visitorPreamble(ctx, true);
  if (early) return early;
  const { sb, url } = ctx;
  const ids = parseIdList(url.searchParams.getAll('Settings.buttonIds'));
  const wantEwt = flag(url, 'Settings.needEstimatedWaitTime');
  const buttons = (ids.length ? ids.map((id) => sb.button(id)).filter((b) => b !== undefined) : sb.config.buttons).map((b) => {
    const out: Record<string, unknown> = { id: b.id, type: b.type, isAvailable: sb.isAvailable(b.id) === true };
    for (const k of ['endpointUrl', 'prechatUrl', 'language'] as const) if (b[k] !== undefined) out[k] = b[k];
    if (b.type === 'Invite') {
      for (const k of [
        'inviteImageUrl',
        'inviteImageWidth',
        'inviteImageHeight',
        'inviteRenderer',
        'inviteStartPosition',
        'inviteEndPosition',
        'hasInviteAfterAccept',
        'hasInviteAfterReject',
        'inviteRejectTime',
        'inviteRules',
      ] as const) {
        if (b[k] !== undefined) out[k] = b[k];
      }
    }
    if (wantEwt) out.estimatedWaitTime = sb.estimatedWaitTime(b.id);
    return out;
  });
  return jsonResponse(200, {
    messages: [{ type: 'Settings', message: { pingRate: sb.config.pingRate, contentServerUrl: sb.config.contentServerUrl, buttons } }],
  });
}

function visitorAvailability(ctx: RequestCtx): Response {
  const early = visitorPreamble(ctx, true);
  if (early) return early;
  const { sb, url } = ctx;
  const ids = parseIdList(url.searchParams.getAll('Availability.ids'));
  if (ids.length === 0) return textResponse(400, 'Missing query parameter Availability.ids');
  const wantEwt = flag(url, 'Availability.needEstimatedWaitTime');
  const results = ids.map((id) => {
    const r: Record<string, unknown> = { id };
    if (sb.isAvailable(id) === true) r.isAvailable = true;
    if (wantEwt) r.estimatedWaitTime = sb.button(id) ? sb.estimatedWaitTime(id) : -1;
    return r;
  });
  return jsonResponse(200, { messages: [{ type: 'Availability', message: { results } }] });
}

function visitorId(ctx: RequestCtx): Response {
  const early = visitorPreamble(ctx, true);
  if (early) return early;
  const v = ctx.sb.noteVisitor(uuid());
  return jsonResponse(200, { messages: [{ type: 'VisitorId', message: { sessionId: v.id } }] });
}

function visitorBreadcrumb(ctx: RequestCtx): Response {
  const early = visitorPreamble(ctx, false);
  if (early) return early;
  const { sb } = ctx;
  const body = asObject(parseJson(ctx.bodyText));
  const location = reqString(body, 'location');
  if (location.length > 2048) throw new HttpError(400, 'Field "location" is longer than 2048 characters');
  const crumb = { location, at: Date.now() };
  const session = sb.sessionsByKey.get(ctx.req.headers.get(HEADER.key) ?? '');
  const visitorKey = optString(body, 'visitorId') ?? ctx.url.searchParams.get('visitorId') ?? undefined;
  if (session?.chat) {
    const chat = session.chat;
    pushBounded(chat.breadcrumbs, crumb, 500);
    sb.addReceived(chat, { at: crumb.at, noun: 'Breadcrumb', body, sequence: null });
    pushBounded(sb.noteVisitor(chat.visitorId).breadcrumbs, crumb, 500);
  } else if (visitorKey && sb.visitors.has(visitorKey)) {
    pushBounded(sb.visitors.get(visitorKey)!.breadcrumbs, crumb, 500);
  } else {
    sb.looseBreadcrumbs.push(crumb);
    if (sb.looseBreadcrumbs.length > sb.config.limits.maxLogRows) sb.looseBreadcrumbs.shift();
  }
  return OK();
}

function agentRuleTriggered(ctx: RequestCtx): Response {
  checkRules(asObject(parseJson(ctx.bodyText)));
  return OK();
}

export { faultMatches };
