/**
 * REST client for the Chat REST API: one method per resource, the right headers
 * for each, the POST sequence counter, endpoint resolution (absolute or relative,
 * SwitchServer) and status codes turned into typed errors. Every request takes an
 * AbortSignal.
 *
 * Owns: HTTP. Leaves to others: when to call what (loop.ts), what it means (reducer.ts).
 * Ack and offset belong to the loop; the client only tracks key, affinity and sequence.
 */
import {
  ProtocolError,
  findSwitchServer,
  parseAvailability,
  parseJson,
  parseMessages,
  parseOutOfSync,
  parseSessionId,
  parseSettings,
  parseVisitorId,
  type AvailabilityResult,
  type ChasitorInit,
  type ChasitorNoun,
  type MessagesResponse,
  type NounWrapper,
  type SessionIdResponse,
  type SettingsResponse,
} from './wire.js';

/** A 409: `expected` is set for the out-of-sync POST case, null for a duplicate long poll. */
export class ConflictError extends ProtocolError {
  readonly expected: number | null;
  constructor(body: string, expected: number | null) {
    super(expected === null ? 'duplicate-poll' : 'http', expected === null ? 'Duplicate long poll (409)' : body, 409, body);
    this.expected = expected;
  }
}

/** Resolves the configured endpoint to an absolute URL ending in '/'. */
export function resolveEndpoint(endpoint: string, base?: string): string {
  if (!endpoint) throw new ProtocolError('config', 'No endpoint configured');
  const withSlash = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
  const baseUrl = base ?? (typeof location !== 'undefined' ? location.href : undefined);
  try {
    return new URL(withSlash, baseUrl).href;
  } catch {
    throw new ProtocolError('config', `Invalid endpoint: ${endpoint}`);
  }
}

/** SwitchServer's newUrl may name the instance (`…/chat`) rather than the REST root (`…/chat/rest/`). */
function switchTarget(newUrl: string): string {
  const trimmed = newUrl.replace(/\/+$/, '');
  return /\/rest$/.test(trimmed) ? `${trimmed}/` : `${trimmed}/rest/`;
}

export function errorForStatus(status: number, body: string, resource: string): ProtocolError {
  switch (status) {
    case 403:
      return new ProtocolError('session-invalid', `${resource}: the session is no longer valid (403)`, 403, body);
    case 409: {
      const sync = parseOutOfSync(body);
      return new ConflictError(body, sync ? sync.expected : null);
    }
    case 500:
      return new ProtocolError('server-error', `${resource}: server error (500)`, 500, body);
    default:
      return new ProtocolError('http', `${resource}: unexpected status ${status}`, status, body);
  }
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

export interface ClientOptions {
  endpoint: string;
  apiVersion: string;
  fetch?: typeof fetch;
  /** Base for a relative endpoint; defaults to location.href. */
  base?: string;
}

interface RequestOptions {
  query?: Record<string, string>;
  body?: unknown;
  /** Send X-LIVEAGENT-SESSION-KEY and the real affinity. */
  session?: boolean;
  /** Send X-LIVEAGENT-SEQUENCE (Chasitor POSTs). */
  sequence?: boolean;
  /** Force this affinity header value (ReconnectSession sends the literal "null"). */
  affinity?: string;
  signal?: AbortSignal;
  /** Abort with a 'network' error after this long. */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  text: string;
}

export class RestClient {
  endpoint: string;
  readonly apiVersion: string;
  key: string | null = null;
  id: string | null = null;
  affinity: string | null = null;
  /** The X-LIVEAGENT-SEQUENCE of the next Chasitor POST. */
  sequence = 1;
  /** Called when SwitchServer moves the client to another endpoint. */
  onSwitchServer: ((endpoint: string) => void) | null = null;
  private readonly fetchFn: typeof fetch;

  constructor(options: ClientOptions) {
    this.endpoint = resolveEndpoint(options.endpoint, options.base);
    this.apiVersion = options.apiVersion || '58';
    // Bind so a plain `fetch` is not called with the client as `this`.
    const f = options.fetch ?? globalThis.fetch;
    this.fetchFn = (input, init) => f(input, init);
  }

  url(resource: string, query?: Record<string, string>): string {
    const u = new URL(resource, this.endpoint);
    if (query) for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.href;
  }

  headers(opts: RequestOptions): Record<string, string> {
    const h: Record<string, string> = { 'X-LIVEAGENT-API-VERSION': this.apiVersion };
    if (opts.session) {
      h['X-LIVEAGENT-AFFINITY'] = opts.affinity ?? this.affinity ?? 'null';
      if (this.key) h['X-LIVEAGENT-SESSION-KEY'] = this.key;
    } else if (opts.affinity !== undefined) {
      h['X-LIVEAGENT-AFFINITY'] = opts.affinity;
    }
    if (opts.sequence) h['X-LIVEAGENT-SEQUENCE'] = String(this.sequence);
    if (opts.body !== undefined) h['Content-Type'] = 'application/json';
    return h;
  }

  /** One HTTP exchange. 2xx resolves; other statuses reject with typed errors. */
  async request(method: string, resource: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const controller = new AbortController();
    const outer = opts.signal;
    if (outer?.aborted) throw new DOMException('Aborted', 'AbortError');
    const onAbort = () => controller.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer =
      opts.timeoutMs !== undefined
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, opts.timeoutMs)
        : undefined;
    try {
      let response: Response;
      let text: string;
      try {
        response = await this.fetchFn(this.url(resource, opts.query), {
          method,
          headers: this.headers(opts),
          body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
          signal: controller.signal,
          cache: 'no-store',
        });
        text = await response.text();
      } catch (e) {
        if (timedOut) throw new ProtocolError('network', `${resource}: no answer in time`);
        if (outer?.aborted || isAbort(e)) throw new DOMException('Aborted', 'AbortError');
        throw new ProtocolError('network', `${resource}: ${e instanceof Error ? e.message : 'network error'}`);
      }
      if (response.status >= 200 && response.status < 300) return { status: response.status, text };
      throw errorForStatus(response.status, text, resource);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  /** Visitor resources: follow one SwitchServer, then return the parsed JSON body. */
  private async visitor(method: string, resource: string, opts: RequestOptions): Promise<unknown> {
    for (let hop = 0; ; hop++) {
      const res = await this.request(method, resource, opts);
      if (res.status === 204 || res.text.trim() === '') return null;
      const body = parseJson(res.text, resource);
      const target = findSwitchServer(body);
      if (target && hop === 0) {
        this.endpoint = resolveEndpoint(switchTarget(target), this.endpoint);
        this.onSwitchServer?.(this.endpoint);
        continue;
      }
      return body;
    }
  }

  // ------------------------------------------------------------ Visitor

  async settings(orgId: string, deploymentId: string, buttonIds: readonly string[], signal?: AbortSignal): Promise<SettingsResponse> {
    const body = await this.visitor('GET', 'Visitor/Settings', {
      query: {
        org_id: orgId,
        deployment_id: deploymentId,
        'Settings.buttonIds': `[${buttonIds.join(',')}]`,
        'Settings.needEstimatedWaitTime': '1',
      },
      signal,
    });
    return parseSettings(body);
  }

  async availability(
    orgId: string,
    deploymentId: string,
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<AvailabilityResult[]> {
    const body = await this.visitor('GET', 'Visitor/Availability', {
      query: {
        org_id: orgId,
        deployment_id: deploymentId,
        'Availability.ids': `[${ids.join(',')}]`,
        'Availability.needEstimatedWaitTime': '1',
      },
      signal,
    });
    return parseAvailability(body);
  }

  async visitorId(orgId: string, deploymentId: string, signal?: AbortSignal): Promise<string> {
    const body = await this.visitor('GET', 'Visitor/VisitorId', { query: { org_id: orgId, deployment_id: deploymentId }, signal });
    return parseVisitorId(body);
  }

  async breadcrumb(location: string, signal?: AbortSignal): Promise<void> {
    // With a running chat the session headers let the server put the crumb on the chat.
    await this.visitor('POST', 'Visitor/Breadcrumb', { body: { location }, session: this.key !== null, signal });
  }

  // ------------------------------------------------------------ System

  async sessionId(signal?: AbortSignal): Promise<SessionIdResponse> {
    const res = await this.request('GET', 'System/SessionId', { affinity: 'null', signal });
    const s = parseSessionId(parseJson(res.text, 'SessionId'));
    this.key = s.key;
    this.id = s.id;
    this.affinity = s.affinityToken;
    this.sequence = 1;
    return s;
  }

  /** One long poll. null for 204. */
  async messages(ack: number, signal?: AbortSignal, timeoutMs?: number): Promise<MessagesResponse | null> {
    const res = await this.request('GET', 'System/Messages', { query: { ack: String(ack) }, session: true, signal, timeoutMs });
    if (res.status === 204 || res.text.trim() === '') return null;
    return parseMessages(parseJson(res.text, 'Messages'));
  }

  /** 503 handover: ask for the new affinity (sent with the literal affinity "null"). */
  async reconnectSession(offset: number, signal?: AbortSignal): Promise<{ affinityToken: string; resetSequence: boolean }> {
    const res = await this.request('GET', 'System/ReconnectSession', {
      query: { 'ReconnectSession.offset': String(offset) },
      session: true,
      affinity: 'null',
      signal,
    });
    const parsed = parseMessages(parseJson(res.text, 'ReconnectSession'));
    const msg = parsed.messages.find((m) => m.type === 'ReconnectSession');
    if (!msg || msg.type !== 'ReconnectSession') {
      throw new ProtocolError('malformed-response', 'ReconnectSession: no affinity token in the answer');
    }
    this.affinity = msg.affinityToken;
    if (msg.resetSequence) this.sequence = 1;
    return { affinityToken: msg.affinityToken, resetSequence: msg.resetSequence };
  }

  async deleteSession(signal?: AbortSignal): Promise<void> {
    if (!this.key) return;
    await this.request('DELETE', `System/SessionId/${encodeURIComponent(this.key)}`, { session: true, signal });
  }

  // ------------------------------------------------------------ Chasitor (sequenced)

  private async sequenced(resource: string, body: unknown, signal?: AbortSignal): Promise<void> {
    try {
      await this.request('POST', resource, { body, session: true, sequence: true, signal });
      this.sequence++;
    } catch (e) {
      // Out of sync: the server says which sequence it expects next.
      if (e instanceof ConflictError && e.expected !== null) this.sequence = e.expected;
      throw e;
    }
  }

  chasitorInit(body: ChasitorInit, signal?: AbortSignal): Promise<void> {
    return this.sequenced('Chasitor/ChasitorInit', body, signal);
  }

  post(noun: ChasitorNoun, body: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
    return this.sequenced(`Chasitor/${noun}`, body, signal);
  }

  multiNoun(nouns: readonly NounWrapper[], signal?: AbortSignal): Promise<void> {
    return this.sequenced('System/MultiNoun', { nouns }, signal);
  }
}
