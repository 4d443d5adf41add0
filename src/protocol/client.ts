/**
 * REST client for the Chat REST API: one method per resource, the right headers
 * for each, endpoint resolution (absolute or relative, SwitchServer) and status codes turned
 * into typed errors (errors.ts). Every request takes an AbortSignal.
 *
 * Owns: HTTP. Leaves to others: when to call what (loop.ts), what it means (reducer.ts).
 * Key, affinity, sequence, ack and offset belong to the session; they are passed in.
 */
import { ProtocolError, abortError, errorForStatus, isAbort } from './errors.js';
import {
  findSwitchServer,
  parseAvailability,
  parseJson,
  parseMessages,
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

/** What identifies a session on the wire (owned by the session, passed in with each request). */
export interface Credentials {
  readonly key: string;
  readonly affinity: string;
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
  /** Send X-LIVEAGENT-SESSION-KEY and X-LIVEAGENT-AFFINITY of this session. */
  session?: Credentials | null;
  /** Send this X-LIVEAGENT-SEQUENCE (Chasitor POSTs). */
  sequence?: number;
  /** Force this affinity header value (SessionId and ReconnectSession send the literal "null"). */
  affinity?: string;
  signal?: AbortSignal;
  /** Fail with a 'network' error (timeout: true) after this long. */
  timeoutMs?: number;
}

export interface RawResponse {
  status: number;
  text: string;
}

/**
 * HTTP for the Chat REST API. Holds no session: each session request is given its credentials
 * and sequence number; the endpoint is the one thing it keeps (SwitchServer moves it).
 */
export class RestClient {
  endpoint: string;
  readonly apiVersion: string;
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

  /** SwitchServer: every later request goes to `newUrl` (`…/chat` gets `/rest/` appended). The one place it is followed. */
  switchServer(newUrl: string): void {
    this.endpoint = resolveEndpoint(switchTarget(newUrl), this.endpoint);
    this.onSwitchServer?.(this.endpoint);
  }

  url(resource: string, query?: Record<string, string>): string {
    const u = new URL(resource, this.endpoint);
    if (query) for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.href;
  }

  headers(opts: RequestOptions): Record<string, string> {
    const h: Record<string, string> = { 'X-LIVEAGENT-API-VERSION': this.apiVersion };
    if (opts.session) {
      h['X-LIVEAGENT-AFFINITY'] = opts.affinity ?? opts.session.affinity;
      h['X-LIVEAGENT-SESSION-KEY'] = opts.session.key;
    } else if (opts.affinity !== undefined) {
      h['X-LIVEAGENT-AFFINITY'] = opts.affinity;
    }
    if (opts.sequence !== undefined) h['X-LIVEAGENT-SEQUENCE'] = String(opts.sequence);
    if (opts.body !== undefined) h['Content-Type'] = 'application/json';
    return h;
  }

  /** One HTTP exchange. 2xx resolves; other statuses reject with typed errors. */
  async request(method: string, resource: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const controller = new AbortController();
    const outer = opts.signal;
    if (outer?.aborted) throw abortError();
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
        if (timedOut) throw new ProtocolError('network', `${resource}: no answer in time`, undefined, undefined, true);
        if (outer?.aborted || isAbort(e)) throw abortError();
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
        this.switchServer(target);
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

  /**
   * A Settings body received by someone else (the loader, controller/loader-settings.ts), read as
   * `settings()` reads its own: the same JSON parsing and checks, the same errors. Null when it is a
   * SwitchServer (only a request can follow that; the caller asks).
   */
  settingsAnswer(text: string): SettingsResponse | null {
    const body = text.trim() === '' ? null : parseJson(text, 'Visitor/Settings');
    return findSwitchServer(body) ? null : parseSettings(body);
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

  /** With a running chat's credentials the server can put the crumb on the chat. */
  async breadcrumb(location: string, session: Credentials | null, signal?: AbortSignal): Promise<void> {
    await this.visitor('POST', 'Visitor/Breadcrumb', { body: { location }, session, signal });
  }

  // ------------------------------------------------------------ System

  async sessionId(signal?: AbortSignal): Promise<SessionIdResponse> {
    const res = await this.request('GET', 'System/SessionId', { affinity: 'null', signal });
    return parseSessionId(parseJson(res.text, 'SessionId'));
  }

  /** One long poll. null for 204. */
  async messages(session: Credentials, ack: number, signal?: AbortSignal, timeoutMs?: number): Promise<MessagesResponse | null> {
    const res = await this.request('GET', 'System/Messages', { query: { ack: String(ack) }, session, signal, timeoutMs });
    if (res.status === 204 || res.text.trim() === '') return null;
    return parseMessages(parseJson(res.text, 'Messages'));
  }

  /** 503 handover: ask for the new affinity (sent with the literal affinity "null"). */
  async reconnectSession(session: Credentials, offset: number, signal?: AbortSignal): Promise<{ affinityToken: string; resetSequence: boolean }> {
    const res = await this.request('GET', 'System/ReconnectSession', {
      query: { 'ReconnectSession.offset': String(offset) },
      session,
      affinity: 'null',
      signal,
    });
    const parsed = parseMessages(parseJson(res.text, 'ReconnectSession'));
    const msg = parsed.messages.find((m) => m.type === 'ReconnectSession');
    if (!msg || msg.type !== 'ReconnectSession') {
      throw new ProtocolError('malformed-response', 'ReconnectSession: no affinity token in the answer');
    }
    return { affinityToken: msg.affinityToken, resetSequence: msg.resetSequence };
  }

  async deleteSession(session: Credentials, signal?: AbortSignal): Promise<void> {
    await this.request('DELETE', `System/SessionId/${encodeURIComponent(session.key)}`, { session, signal });
  }

  // ------------------------------------------------------------ Chasitor (sequenced)

  chasitorInit(session: Credentials, sequence: number, body: ChasitorInit, signal?: AbortSignal): Promise<RawResponse> {
    return this.request('POST', 'Chasitor/ChasitorInit', { body, session, sequence, signal });
  }

  /** One Chasitor POST, or a System/MultiNoun when `nouns` has several. */
  send(session: Credentials, sequence: number, nouns: readonly { noun: ChasitorNoun; body: Record<string, unknown> }[], signal?: AbortSignal, timeoutMs?: number): Promise<RawResponse> {
    if (nouns.length === 1) return this.request('POST', `Chasitor/${nouns[0].noun}`, { body: nouns[0].body, session, sequence, signal, timeoutMs });
    const wrapped = nouns.map((n): NounWrapper => ({ prefix: 'Chasitor', noun: n.noun, object: n.body }));
    return this.request('POST', 'System/MultiNoun', { body: { nouns: wrapped }, session, sequence, signal, timeoutMs });
  }

  /** An unsequenced, informational Chasitor POST (SensitiveDataRuleTriggered). */
  notify(session: Credentials, noun: ChasitorNoun, body: Record<string, unknown>, signal?: AbortSignal): Promise<RawResponse> {
    return this.request('POST', `Chasitor/${noun}`, { body, session, signal });
  }
}
