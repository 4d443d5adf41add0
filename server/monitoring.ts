/**
 * Agent and visitor monitoring in the shape of the Comm100 Live Chat API
 * (`livechat/agents`, `livechat/visitors`), behind `Authorization: Bearer <monitorToken>`,
 * computed from the sandbox's live state. Owns only the shapes; state is in sandbox.ts.
 */
import type { Context, Hono, Next } from 'hono';
import type { Chat, Sandbox, VisitorRecord } from './sandbox.js';
import type { SandboxEnv } from './test-api.js';
import { describeUserAgent, HttpError, isRecord, parseJson, readBody, textResponse } from './util.js';

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function agentView(sb: Sandbox, id: string): Record<string, unknown> {
  const a = sb.agent(id)!;
  return { id: a.id, name: a.name, status: capital(a.status), ongoingChats: sb.activeChatsOf(a.id).length };
}

function chatsOfVisitor(sb: Sandbox, visitorId: string): Chat[] {
  return [...sb.chats.values()].filter((c) => c.visitorId === visitorId);
}

function visitorStatus(chat: Chat | undefined): string {
  if (!chat) return 'inSite';
  if (chat.status === 'queued') return 'waitingForChat';
  if (chat.status === 'active') return 'chatting';
  return chat.endReason === 'Unavailable' ? 'offlineMessage' : 'chatEnded';
}

function visitorView(sb: Sandbox, v: VisitorRecord): Record<string, unknown> {
  const chats = chatsOfVisitor(sb, v.id);
  const chat = chats[chats.length - 1];
  const crumbs = [...(chat?.breadcrumbs ?? []), ...v.breadcrumbs.filter((b) => !chat?.breadcrumbs.includes(b))].sort((a, b) => a.at - b.at);
  const ua = describeUserAgent(chat?.userAgent ?? '');
  const detail = (label: string): string => {
    const d = chat?.prechatDetails.find((x) => isRecord(x) && typeof x.label === 'string' && x.label.toLowerCase().includes(label)) as Record<string, unknown> | undefined;
    return typeof d?.value === 'string' ? d.value : '';
  };
  return {
    id: v.id,
    name: chat?.visitorName ?? '',
    email: detail('mail'),
    phone: detail('phone'),
    company: detail('company'),
    status: visitorStatus(chat),
    browser: ua.browser,
    operatingSystem: ua.operatingSystem,
    screenResolution: chat?.screenResolution ?? '',
    language: chat?.language ?? '',
    ip: '127.0.0.1',
    country: 'United States of America',
    state: 'CA',
    city: 'San Francisco',
    timeZone: '',
    visitTime: new Date(v.createdAt).toISOString(),
    firstVisitTime: new Date(v.createdAt).toISOString(),
    visits: 1,
    chats: chats.length,
    pageViews: crumbs.length,
    currentBrowsing: crumbs[crumbs.length - 1]?.location ?? chat?.url ?? '',
    referrerUrl: chat?.oref ?? '',
    landingPage: crumbs[0]?.location ?? chat?.url ?? '',
    searchEngine: '',
    searchKeywords: '',
    productService: '',
    flashVersion: '',
    departmentId: chat?.buttonId ?? '',
    customFields: (chat?.prechatDetails ?? []).filter(isRecord).map((d) => ({ name: String(d.label ?? ''), value: d.value === undefined ? '' : String(d.value), url: '' })),
    customVariableResults: v.customVariables,
  };
}

async function auth(c: Context<SandboxEnv>, next: Next): Promise<Response | void> {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(.+)$/i.exec(header);
  if (!m || m[1]!.trim() !== c.var.sb.monitorToken) {
    return textResponse(401, 'Missing or invalid bearer token', { 'www-authenticate': 'Bearer' });
  }
  await next();
}

export function registerMonitoring(app: Hono<SandboxEnv>): void {
  app.use('/livechat/*', auth);

  app.get('/livechat/agents', (c) => c.json(c.var.sb.agents.map((a) => agentView(c.var.sb, a.id))));

  app.get('/livechat/agents/:id', (c) => {
    const sb = c.var.sb;
    if (!sb.agent(c.req.param('id'))) throw new HttpError(404, 'Unknown agent');
    return c.json(agentView(sb, c.req.param('id')));
  });

  app.put('/livechat/agents/:id', async (c) => {
    const sb = c.var.sb;
    const agent = sb.agent(c.req.param('id'));
    if (!agent) throw new HttpError(404, 'Unknown agent');
    const body = parseJson(await readBody(c.req.raw, sb.config.limits.maxBodyBytes));
    if (!isRecord(body) || typeof body.status !== 'string') throw new HttpError(400, 'Field "status" must be a string');
    const status = body.status.toLowerCase();
    if (status !== 'online' && status !== 'away' && status !== 'offline') throw new HttpError(400, 'Field "status" must be "online", "away" or "offline"');
    agent.status = status;
    return c.json(agentView(sb, agent.id));
  });

  app.get('/livechat/visitors', (c) => {
    const sb = c.var.sb;
    return c.json([...sb.visitors.values()].map((v) => visitorView(sb, v)));
  });

  app.get('/livechat/visitors/:id', (c) => {
    const sb = c.var.sb;
    const v = sb.visitors.get(c.req.param('id'));
    if (!v) throw new HttpError(404, 'Unknown visitor');
    return c.json(visitorView(sb, v));
  });

  app.put('/livechat/visitors/:id', async (c) => {
    const sb = c.var.sb;
    const v = sb.visitors.get(c.req.param('id'));
    if (!v) throw new HttpError(404, 'Unknown visitor');
    const body = parseJson(await readBody(c.req.raw, sb.config.limits.maxBodyBytes));
    const list = Array.isArray(body) ? body : [body];
    for (const item of list) {
      if (!isRecord(item) || typeof item.name !== 'string' || !item.name) throw new HttpError(400, 'Every entry needs a string "name"');
      if (item.value !== undefined && typeof item.value !== 'string') throw new HttpError(400, 'Field "value" must be a string');
      if (item.url !== undefined && typeof item.url !== 'string') throw new HttpError(400, 'Field "url" must be a string');
    }
    for (const item of list as Record<string, string>[]) {
      const existing = v.customVariables.find((x) => x.name === item.name);
      const entry = { name: item.name!, value: item.value ?? '', url: item.url ?? '' };
      if (existing) Object.assign(existing, entry);
      else if (v.customVariables.length < 100) v.customVariables.push(entry);
    }
    return c.json(visitorView(sb, v));
  });
}
