/**
 * The reference Chat REST API server: programmatic entry and HTTP wiring.
 * startServer() is what the demo, the CLI and the test runners call. This module owns the
 * sandbox registry, routing (`/…` = default sandbox, `/s/{id}/…` = others), CORS, request
 * logging, error mapping and demo/console file serving; the protocol is in chat-rest.ts, the
 * test/agent API in test-api.ts, monitoring in monitoring.ts, state in sandbox.ts.
 */
import { serve } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { handleChatRest } from './chat-rest.js';
import { ConfigError, defaultConfig, demoConfig, mergeConfig, type PartialConfig, type ServerConfig } from './config.js';
import { registerMonitoring } from './monitoring.js';
import { newSandboxId, Sandbox } from './sandbox.js';
import { serveConsole, serveDemo } from './static.js';
import { registerFileRoutes } from './files.js';
import { registerTestApi, type SandboxEnv } from './test-api.js';
import { HttpError, parseJson, readBody, textResponse } from './util.js';
import { registerWebToCase } from './web-to-case.js';

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Access-Control-Allow-Origin: '*', an origin, or off (default). */
  cors?: string;
  /** No request logging. */
  quiet?: boolean;
  /**
   * Also serve the demo pages (`/`, `/demo/*`, `/dist/*`) from the repository root, and start from
   * the demo's config (Grace H., the human agent of the demo, has sneak peek on).
   */
  demo?: boolean;
  /** Overrides of the default config (same shape as the config file). */
  config?: PartialConfig | ServerConfig;
  /**
   * Strict mode (overrides `config.strict`; a sandbox created with its own `strict` keeps it): no
   * `ack` on Messages means -1, a Chasitor POST without `X-LIVEAGENT-SEQUENCE` gets 400.
   * Default: lenient, like the real service.
   */
  strict?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  /** Bearer token of the default sandbox's monitoring API (`/livechat/…`). */
  readonly monitorToken: string;
  /** The default sandbox's mode (see ServerOptions.strict). */
  readonly strict: boolean;
  close(): Promise<void>;
}

export const DEFAULT_SANDBOX = 'default';

export class Registry {
  readonly sandboxes = new Map<string, Sandbox>();
  readonly base: ServerConfig;
  readonly root: Sandbox;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(config: ServerConfig) {
    this.base = config;
    this.root = new Sandbox(DEFAULT_SANDBOX, structuredClone(config));
    this.sandboxes.set(DEFAULT_SANDBOX, this.root);
    this.sweeper = setInterval(() => this.sweep(), 5000);
    this.sweeper.unref?.();
  }

  create(overrides: unknown): Sandbox {
    const config = mergeConfig(this.base, overrides);
    let id = newSandboxId();
    while (this.sandboxes.has(id)) id = newSandboxId();
    while (this.sandboxes.size > this.base.limits.maxSandboxes) {
      const lru = [...this.sandboxes.values()].filter((s) => s !== this.root).sort((a, b) => a.lastUsed - b.lastUsed)[0];
      if (!lru) break;
      this.remove(lru.id);
    }
    const sb = new Sandbox(id, config);
    this.sandboxes.set(id, sb);
    return sb;
  }

  remove(id: string): boolean {
    const sb = this.sandboxes.get(id);
    if (!sb || sb === this.root) return false;
    sb.dispose();
    this.sandboxes.delete(id);
    return true;
  }

  sweep(now = Date.now()): void {
    for (const sb of [...this.sandboxes.values()]) {
      if (sb !== this.root && now - sb.lastUsed > sb.config.sandboxTimeoutMs) this.remove(sb.id);
      else sb.sweep(now);
    }
  }

  dispose(): void {
    clearInterval(this.sweeper);
    for (const sb of this.sandboxes.values()) sb.dispose();
  }
}

const ALLOWED_HEADERS = [
  'Content-Type',
  'Authorization',
  'X-LIVEAGENT-API-VERSION',
  'X-LIVEAGENT-AFFINITY',
  'X-LIVEAGENT-SESSION-KEY',
  'X-LIVEAGENT-SEQUENCE',
];

function createSandboxRoutes(): Hono<SandboxEnv> {
  const sub = new Hono<SandboxEnv>();
  sub.all('/chat/rest/*', (c) => {
    const path = c.req.path;
    const at = path.indexOf('/chat/rest/');
    const resource = path.slice(at + '/chat/rest/'.length).replace(/\/+$/, '');
    return handleChatRest(c, c.var.sb, resource);
  });
  registerFileRoutes(sub);
  registerTestApi(sub);
  registerMonitoring(sub);
  registerWebToCase(sub);
  serveConsole(sub);
  return sub;
}

export function createApp(options: ServerOptions = {}): { app: Hono<SandboxEnv>; registry: Registry } {
  const config = mergeConfig(options.demo ? demoConfig() : defaultConfig(), options.config ?? {});
  if (options.strict !== undefined) config.strict = options.strict;
  const registry = new Registry(config);
  const app = new Hono<SandboxEnv>();

  if (!options.quiet) {
    app.use('*', async (c, next) => {
      const started = Date.now();
      await next();
      const lenient = c.get('lenient');
      console.log(`${c.req.method} ${c.req.path} ${c.res.status} ${Date.now() - started}ms${lenient ? ` (lenient: ${lenient.join('; ')})` : ''}`);
    });
  }
  if (options.cors) {
    app.use(
      '*',
      cors({
        origin: options.cors,
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        allowHeaders: ALLOWED_HEADERS,
        maxAge: 600,
      }),
    );
  }

  app.onError((err, c) => {
    if (err instanceof HttpError) return textResponse(err.status, err.message);
    if (err instanceof ConfigError) return textResponse(400, err.message);
    console.error('reference server: internal error', err);
    return c.text('Internal server error', 500);
  });
  app.notFound(() => textResponse(404, 'Not found'));

  app.get('/healthz', (c) => c.text('ok'));

  app.post('/api/sandboxes', async (c) => {
    const text = await readBody(c.req.raw, registry.base.limits.maxBodyBytes);
    const sb = registry.create(parseJson(text, true));
    return c.json(sandboxInfo(sb), 201);
  });
  app.get('/api/sandboxes', (c) => c.json([...registry.sandboxes.values()].map(sandboxInfo)));

  app.delete('/s/:sid/api', (c) => {
    if (!registry.remove(c.req.param('sid'))) throw new HttpError(404, 'Unknown sandbox');
    return c.json({ ok: true });
  });

  const sub = createSandboxRoutes();
  const pick = (c: Context<SandboxEnv>, id: string) => {
    const sb = registry.sandboxes.get(id);
    if (!sb) throw new HttpError(404, `Unknown sandbox ${id}`);
    sb.lastUsed = Date.now();
    c.set('sb', sb);
  };
  app.use('/s/:sid/*', async (c, next) => {
    pick(c, c.req.param('sid'));
    await next();
  });
  app.route('/s/:sid', sub);
  app.use('*', async (c, next) => {
    if (!c.var.sb) pick(c, DEFAULT_SANDBOX);
    await next();
  });
  if (options.demo) serveDemo(app);
  app.route('/', sub);
  return { app, registry };
}

export function sandboxInfo(sb: Sandbox): Record<string, unknown> {
  const base = sb.id === DEFAULT_SANDBOX ? '' : `/s/${sb.id}`;
  return {
    id: sb.id,
    base,
    endpoint: `${base}/chat/rest/`,
    strict: sb.config.strict,
    orgId: sb.config.orgId,
    deploymentId: sb.config.deploymentId,
    buttons: sb.config.buttons,
    agents: sb.agents.map((a) => ({ id: a.id, name: a.name, status: a.status, capacity: a.capacity, buttons: a.buttons, sneakPeekEnabled: a.sneakPeekEnabled })),
    monitorToken: sb.monitorToken,
  };
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { app, registry } = createApp(options);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, (info: AddressInfo) => {
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${info.port}`,
        port: info.port,
        monitorToken: registry.root.monitorToken,
        strict: registry.root.config.strict,
        close: () =>
          new Promise<void>((done) => {
            registry.dispose();
            server.close(() => done());
            (server as Server).closeAllConnections?.();
          }),
      });
    }) as Server;
    server.once('error', (err) => {
      registry.dispose();
      reject(err);
    });
  });
}

export { defaultConfig, mergeConfig };
export type { ServerConfig, PartialConfig };
