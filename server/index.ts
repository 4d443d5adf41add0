/**
 * The reference Chat REST API server: programmatic entry.
 * startServer() is what the demo, the CLI and the test runners call.
 * (Foundation skeleton; the reference-server issue fills it in.)
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Access-Control-Allow-Origin for the Chat REST API: '*', an origin, or off (default). */
  cors?: string;
  /** No request logging. */
  quiet?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export function createApp(): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.text('ok'));
  return app;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const app = createApp();
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, (info: AddressInfo) => {
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
