/**
 * Browser-side client for the reference server's test/agent API, for web-test-runner tests.
 * `createSandbox()` makes an isolated org; its methods act as the agent, read what the visitor
 * sent, and inject faults. The HTTP contract is docs/reference-server.md; the server is server/.
 */

declare global {
  interface Window {
    __LIVE_CHAT_TEST__?: { serverUrl: string };
  }
}

export type AgentStatus = 'online' | 'away' | 'offline';
export type ChatStatus = 'queued' | 'active' | 'ended';

export interface SandboxButton {
  id: string;
  type: 'Standard' | 'Invite' | 'ToAgent';
  label: string;
  agentId?: string;
  [key: string]: unknown;
}

export interface SandboxAgent {
  id: string;
  name: string;
  status: AgentStatus;
  capacity: number;
  buttons: string[];
  sneakPeekEnabled: boolean;
}

export interface SandboxInfo {
  id: string;
  /** Path prefix, e.g. "/s/k3j9x". */
  base: string;
  /** Path of the Chat REST endpoint, e.g. "/s/k3j9x/chat/rest/". */
  endpoint: string;
  orgId: string;
  deploymentId: string;
  buttons: SandboxButton[];
  agents: SandboxAgent[];
  monitorToken: string;
  /** Strict mode (the guide's letter) or lenient (like the real service); see docs/reference-server.md. */
  strict: boolean;
}

export interface TranscriptEntry {
  type: 'Agent' | 'Chasitor';
  name: string;
  content: string;
  timestamp: number;
  sequence: number;
  agentId?: string;
}

export interface ChatState {
  id: string;
  status: ChatStatus;
  agentId: string | null;
  buttonId: string;
  visitorName: string;
  visitorId: string;
  prechatDetails: unknown[];
  prechatEntities: unknown[];
  language: string;
  userAgent: string;
  screenResolution: string;
  url: string;
  breadcrumbs: { location: string; at: number }[];
  sneakPeek: string;
  visitorTyping: boolean;
  agentTyping: boolean;
  queuePosition: number;
  receiveQueueUpdates: boolean;
  transcript: TranscriptEntry[];
  idleWarnings: { at: number; event: string }[];
  sensitiveDataTriggered: unknown[];
  requestedAt: number;
  acceptedAt: number | null;
  endedAt: number | null;
  endReason: string | null;
  awaitingResync: boolean;
}

export interface SandboxState {
  id: string;
  strict: boolean;
  agents: (SandboxAgent & { ongoingChats: number; chatIds: string[] })[];
  buttons: { id: string; type: string; label: string; isAvailable: boolean }[];
  /** Queued chat ids, oldest first. */
  queue: string[];
  chats: ChatState[];
}

export interface ReceivedRow {
  at: number;
  noun: string;
  body: unknown;
  sequence: number | null;
}

export interface RequestRow {
  n: number;
  at: number;
  method: string;
  /** Full URL path. */
  path: string;
  /** The part after /chat/rest/, e.g. "System/Messages". */
  resource: string;
  query: Record<string, string>;
  /** The x-liveagent-* headers, lower-case names. */
  headers: Record<string, string>;
  body: unknown;
  /** 0 while a long poll is still open (499 when the client gave up). */
  status: number;
  /** When the server released the answer (ms since epoch); null while open. */
  doneAt: number | null;
  /** The sandbox's mode (the browser tests' server is strict). */
  mode: 'strict' | 'lenient';
  /** What lenient mode tolerated in this request (no ack, no sequence); absent when nothing. */
  lenient?: string[];
}

export interface FileTransferView {
  fileToken: string;
  requestedAt: number;
  status: 'requested' | 'success' | 'failure' | 'canceled';
  file?: { name: string; type: string; size: number; at: number };
  problem?: string;
}

export type FaultKind = 'status' | 'handover' | 'conflict' | 'delay' | 'drop' | 'malformed' | 'switch-server';

export interface FaultSpec {
  /** "System/Messages", "Chasitor/ChatMessage", "Chasitor/*" or "*" (default). */
  resource?: string;
  kind: FaultKind;
  status?: number;
  body?: string;
  delayMs?: number;
  newUrl?: string;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** Instead of times: hit each matching request with this probability, from a seeded PRNG. */
  probability?: number;
  seed?: number;
  /** kind "handover": the ReconnectSession answer leaves out resetSequence when false. */
  resetSequence?: boolean;
  /** kinds "drop", "delay", "status": hit after the request was applied. */
  after?: boolean;
}

export interface FaultsState {
  active: (FaultSpec & { id: string; hits: number; remaining: number | null })[];
  log: { at: number; faultId: string; kind: FaultKind; resource: string; method: string; path: string; requestN: number }[];
}

/** A partial server config (see docs/reference-server.md); every key optional. */
export type SandboxOverrides = Record<string, unknown>;

export function serverUrl(): string {
  const url = window.__LIVE_CHAT_TEST__?.serverUrl;
  if (!url) throw new Error('window.__LIVE_CHAT_TEST__.serverUrl is not set (is the reference server running?)');
  return url.replace(/\/$/, '');
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const res = await fetch(url, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Sandbox implements SandboxInfo {
  readonly id: string;
  readonly base: string;
  readonly endpoint: string;
  readonly orgId: string;
  readonly deploymentId: string;
  readonly buttons: SandboxButton[];
  readonly agents: SandboxAgent[];
  readonly monitorToken: string;
  readonly strict: boolean;
  /** Absolute Chat REST endpoint URL (ends with "/chat/rest/"). */
  readonly endpointUrl: string;
  /** Absolute base URL of this sandbox (no trailing slash). */
  readonly baseUrl: string;

  constructor(info: SandboxInfo, server: string) {
    this.id = info.id;
    this.base = info.base;
    this.endpoint = info.endpoint;
    this.orgId = info.orgId;
    this.deploymentId = info.deploymentId;
    this.buttons = info.buttons;
    this.agents = info.agents;
    this.monitorToken = info.monitorToken;
    this.strict = info.strict;
    this.endpointUrl = server + info.endpoint;
    this.baseUrl = server + info.base;
  }

  /** The first button's id (Support in the defaults). */
  get buttonId(): string {
    return this.buttons[0]!.id;
  }

  private api<T>(method: string, path: string, body?: unknown): Promise<T> {
    return call<T>(method, `${this.baseUrl}/api${path}`, body);
  }

  private chat(chatId: string, action: string, body?: unknown): Promise<unknown> {
    return this.api('POST', `/chats/${encodeURIComponent(chatId)}/${action}`, body ?? {});
  }

  state(): Promise<SandboxState> {
    return this.api('GET', '/state');
  }

  /** One chat's state (404 → rejects). */
  chatState(chatId: string): Promise<ChatState> {
    return this.api('GET', `/chats/${encodeURIComponent(chatId)}`);
  }

  accept(chatId: string, agentId?: string): Promise<{ id: string; status: ChatStatus; agentId: string }> {
    return this.chat(chatId, 'accept', agentId ? { agentId } : {}) as Promise<{ id: string; status: ChatStatus; agentId: string }>;
  }

  typing(chatId: string, typing = true): Promise<unknown> {
    return this.chat(chatId, 'typing', { typing });
  }

  /** Agent message(s); `at` is when the server queued them for the visitor (ms since epoch). */
  say(chatId: string, text: string, count?: number): Promise<{ ok: true; sent: number; at: number }> {
    return this.chat(chatId, 'messages', count === undefined ? { text } : { text, count }) as Promise<{ ok: true; sent: number; at: number }>;
  }

  customEvent(chatId: string, type: string, data = ''): Promise<unknown> {
    return this.chat(chatId, 'custom-events', { type, data });
  }

  /** A rich message (LiveChat's template: cards, quick_replies, sticker) as the agent's `rich_message` CustomEvent. */
  richMessage(chatId: string, templateId: string, elements: unknown[]): Promise<unknown> {
    return this.chat(chatId, 'rich-messages', { template_id: templateId, elements });
  }

  /** An agent's file (LiveChat `file` event fields) as the agent's `file` CustomEvent. */
  agentFile(chatId: string, file: Record<string, unknown>): Promise<unknown> {
    return this.chat(chatId, 'agent-files', file);
  }

  /** The agent asks for a file (FileTransfer Requested); the token the upload must carry. */
  requestFile(chatId: string): Promise<{ fileToken: string; status: string }> {
    return this.chat(chatId, 'file-requests') as Promise<{ fileToken: string; status: string }>;
  }

  cancelFileRequest(chatId: string): Promise<unknown> {
    return this.chat(chatId, 'file-requests/cancel');
  }

  /** File transfers (no bytes) and the visitor's postbacks. */
  files(chatId: string): Promise<{ transfers: FileTransferView[]; postbacks: { at: number; data: unknown }[] }> {
    return this.api('GET', `/chats/${encodeURIComponent(chatId)}/files`);
  }

  /** The bytes of an uploaded file. */
  async download(chatId: string, fileToken: string): Promise<ArrayBuffer> {
    const res = await fetch(`${this.baseUrl}/api/chats/${encodeURIComponent(chatId)}/files/${encodeURIComponent(fileToken)}`);
    if (!res.ok) throw new Error(`download → ${res.status}`);
    return res.arrayBuffer();
  }

  transfer(chatId: string, agentId: string): Promise<unknown> {
    return this.chat(chatId, 'transfer', { agentId });
  }

  disconnect(chatId: string): Promise<unknown> {
    return this.chat(chatId, 'disconnect');
  }

  end(chatId: string): Promise<unknown> {
    return this.chat(chatId, 'end');
  }

  queue(chatId: string, position: number, estimatedWaitTime?: number): Promise<unknown> {
    return this.chat(chatId, 'queue', estimatedWaitTime === undefined ? { position } : { position, estimatedWaitTime });
  }

  received(chatId: string): Promise<ReceivedRow[]> {
    return this.api('GET', `/chats/${encodeURIComponent(chatId)}/received`);
  }

  requests(since?: number): Promise<RequestRow[]> {
    return this.api('GET', since === undefined ? '/requests' : `/requests?since=${since}`);
  }

  setAgent(agentId: string, status: AgentStatus): Promise<unknown> {
    return this.api('PUT', `/agents/${encodeURIComponent(agentId)}`, { status });
  }

  fault(spec: FaultSpec): Promise<{ id: string }> {
    return this.api('POST', '/faults', spec);
  }

  faults(): Promise<FaultsState> {
    return this.api('GET', '/faults');
  }

  clearFaults(): Promise<unknown> {
    return this.api('DELETE', '/faults');
  }

  /** Polls state until a chat exists (and matches), then returns it. */
  async waitForChat(predicate: (chat: ChatState) => boolean = () => true, timeoutMs = 10_000): Promise<ChatState> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { chats } = await this.state();
      const found = chats.find(predicate);
      if (found) return found;
      if (Date.now() > until) throw new Error(`waitForChat: no matching chat within ${timeoutMs} ms`);
      await sleep(50);
    }
  }

  /** Removes the sandbox (its sessions end). Safe to call twice. */
  async dispose(): Promise<void> {
    await fetch(`${this.baseUrl}/api`, { method: 'DELETE' }).catch(() => undefined);
  }
}

/** Creates an isolated sandbox; overrides use the config file's shape (e.g. {scriptedAgent: {enabled: false}}). */
export async function createSandbox(overrides: SandboxOverrides = {}): Promise<Sandbox> {
  const server = serverUrl();
  const info = await call<SandboxInfo>('POST', `${server}/api/sandboxes`, overrides);
  return new Sandbox(info, server);
}
