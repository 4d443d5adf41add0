/**
 * Node-side helpers for the reference server tests: start a server, make sandboxes, and a small
 * raw visitor client that speaks the Chat REST API over real HTTP (no widget code involved).
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../../server/index.js';

export interface SandboxInfo {
  id: string;
  base: string;
  endpoint: string;
  orgId: string;
  deploymentId: string;
  buttons: { id: string; type: string; label: string; agentId?: string }[];
  agents: { id: string; name: string }[];
  monitorToken: string;
}

export interface Msg {
  type: string;
  message: Record<string, unknown>;
}

/**
 * Starts one server for the file (before/after hooks) and returns a getter. Strict by default,
 * like every test server of the project: the tests check the guide's headers and sequences; the
 * lenient-mode tests create sandboxes with `strict: false`.
 */
export function useServer(options: Parameters<typeof startServer>[0] = {}): () => RunningServer {
  let server: RunningServer | undefined;
  before(async () => {
    server = await startServer({ port: 0, quiet: true, strict: true, ...options });
  });
  after(async () => {
    await server?.close();
  });
  return () => {
    assert.ok(server, 'server not started');
    return server;
  };
}

export const QUIET_AGENT = { scriptedAgent: { enabled: false } };

export async function createSandbox(url: string, overrides: Record<string, unknown> = QUIET_AGENT): Promise<SandboxInfo> {
  // Short polls keep 204 cycles fast; a test that cares sets its own clientPollTimeout.
  const res = await fetch(`${url}/api/sandboxes`, { method: 'POST', body: JSON.stringify({ clientPollTimeout: 2, ...overrides }) });
  assert.equal(res.status, 201, await res.clone().text());
  return (await res.json()) as SandboxInfo;
}

export async function api<T = unknown>(url: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; text: string }> {
  const res = await fetch(url + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed as T, text };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, what = 'condition', timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export interface Res {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
}

/** A raw Chat REST visitor. */
export class Visitor {
  key = '';
  id = '';
  affinity = '';
  sequence = 1;
  ack = -1;
  lastOffset: number | null = null;
  readonly endpoint: string;

  constructor(
    readonly server: string,
    readonly sb: SandboxInfo,
  ) {
    this.endpoint = server + sb.endpoint;
  }

  baseHeaders(): Record<string, string> {
    return { 'X-LIVEAGENT-API-VERSION': '56' };
  }

  sessionHeaders(): Record<string, string> {
    return { ...this.baseHeaders(), 'X-LIVEAGENT-AFFINITY': this.affinity, 'X-LIVEAGENT-SESSION-KEY': this.key };
  }

  async raw(method: string, resource: string, init: { headers?: Record<string, string>; body?: string; signal?: AbortSignal } = {}): Promise<Res> {
    const res = await fetch(this.endpoint + resource, { method, headers: init.headers, body: init.body, signal: init.signal });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, headers: res.headers };
  }

  async session(): Promise<Res> {
    const r = await this.raw('GET', 'System/SessionId', { headers: { ...this.baseHeaders(), 'X-LIVEAGENT-AFFINITY': 'null' } });
    assert.equal(r.status, 200, r.text);
    const body = r.json as { key: string; id: string; affinityToken: string };
    this.key = body.key;
    this.id = body.id;
    this.affinity = body.affinityToken;
    this.sequence = 1;
    return r;
  }

  initBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      organizationId: this.sb.orgId,
      deploymentId: this.sb.deploymentId,
      buttonId: this.sb.buttons[0]!.id,
      sessionId: this.id,
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      language: 'en-US',
      screenResolution: '1920x1080',
      visitorName: 'Jon A.',
      prechatDetails: [{ label: 'E-mail Address', value: 'jon@example.com', transcriptFields: ['c__EmailAddress'], displayToAgent: true }],
      prechatEntities: [],
      receiveQueueUpdates: true,
      isPost: true,
      ...overrides,
    };
  }

  /** A sequenced Chasitor POST (or MultiNoun); advances the sequence on 200. */
  async post(resource: string, body: unknown, opts: { sequence?: number | null; headers?: Record<string, string> } = {}): Promise<Res> {
    const headers: Record<string, string> = { ...this.sessionHeaders(), 'Content-Type': 'application/json', ...opts.headers };
    const seq = opts.sequence === undefined ? this.sequence : opts.sequence;
    if (seq !== null) headers['X-LIVEAGENT-SEQUENCE'] = String(seq);
    const r = await this.raw('POST', resource, { headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    if (r.status === 200 && opts.sequence === undefined) this.sequence++;
    return r;
  }

  async init(overrides: Record<string, unknown> = {}): Promise<Res> {
    const r = await this.post('Chasitor/ChasitorInit', this.initBody(overrides));
    assert.equal(r.status, 200, r.text);
    return r;
  }

  async start(overrides: Record<string, unknown> = {}): Promise<void> {
    await this.session();
    await this.init(overrides);
  }

  async poll(ack = this.ack, signal?: AbortSignal): Promise<Res> {
    const r = await this.raw('GET', `System/Messages?ack=${ack}`, { headers: this.sessionHeaders(), signal });
    if (r.status === 200) {
      const body = r.json as { sequence: number; offset: number };
      this.ack = body.sequence;
      this.lastOffset = body.offset;
    }
    return r;
  }

  /** Polls until a message of `type` arrives; returns every message seen. */
  async until(type: string, timeoutMs = 8000): Promise<Msg[]> {
    const seen: Msg[] = [];
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const r = await this.poll();
      if (r.status === 200) {
        const msgs = (r.json as { messages: Msg[] }).messages;
        seen.push(...msgs);
        if (msgs.some((m) => m.type === type)) return seen;
      } else if (r.status !== 204) {
        throw new Error(`poll answered ${r.status}: ${r.text} (seen ${seen.map((m) => m.type).join(', ')})`);
      }
    }
    throw new Error(`no ${type} within ${timeoutMs} ms (seen ${seen.map((m) => m.type).join(', ')})`);
  }
}

/** A sandbox with the scripted agent off, a visitor with an open chat, accepted by the first agent. */
export async function activeChat(server: string, overrides: Record<string, unknown> = QUIET_AGENT, init: Record<string, unknown> = {}): Promise<{ sb: SandboxInfo; v: Visitor }> {
  const sb = await createSandbox(server, overrides);
  const v = new Visitor(server, sb);
  await v.start(init);
  await v.until('ChatRequestSuccess');
  const acc = await api(server, 'POST', `${sb.base}/api/chats/${v.id}/accept`, {});
  assert.equal(acc.status, 200, acc.text);
  await v.until('ChatEstablished');
  return { sb, v };
}
