// The benchmark's web server: the project's reference server (server/, owned by others) with
// the host pages, the widget bundle and the peers' bundles served from the same origin, the
// way a site embeds the widget behind a same-origin proxy (no CORS preflights in the figures).
// Owns: static serving for bench pages and a typed client of the test/agent API.
// Leaves to others: the Chat REST protocol and the test API themselves (server/).
import { serve } from '@hono/node-server';
import { register } from 'tsx/esm/api';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPage } from './pages.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Files a page may load, by URL path. Nothing else is served from the disk. */
export const STATIC = {
  '/dist/live-chat.iife.js': 'dist/live-chat.iife.js',
  '/dist/live-chat.js': 'dist/live-chat.js',
  '/dist/live-chat.widget.js': 'dist/live-chat.widget.js',
  '/peers/deep-chat/deepChat.bundle.js': 'node_modules/deep-chat/dist/deepChat.bundle.js',
  '/peers/customer-sdk/customer-sdk.min.js': 'node_modules/@livechat/customer-sdk/dist/customer-sdk.min.js',
};

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.html': 'text/html; charset=utf-8' };

export async function startBenchServer() {
  register();
  const { createApp } = await import(join(ROOT, 'server/index.ts'));
  const { app, registry } = createApp({ quiet: true });
  const fetchHandler = async (req, env) => {
    const url = new URL(req.url);
    if (req.method === 'GET' && url.pathname.startsWith('/bench/')) {
      const html = renderPage(url.pathname.slice('/bench/'.length).replace(/\.html$/, ''), url.searchParams);
      if (html === null) return new Response('Not found', { status: 404 });
      return new Response(html, { headers: { 'content-type': TYPES['.html'], 'cache-control': 'no-store' } });
    }
    const file = req.method === 'GET' ? STATIC[url.pathname] : undefined;
    if (file) {
      const body = await readFile(join(ROOT, file));
      // Cacheable like a CDN serves them: "warm cache" in the open-latency section means the HTTP cache.
      return new Response(body, { headers: { 'content-type': TYPES['.js'], 'cache-control': 'public, max-age=600' } });
    }
    if (url.pathname === '/favicon.ico') return new Response(null, { status: 204 });
    return app.fetch(req, env);
  };
  const { server, port } = await new Promise((done) => {
    const s = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info) => done({ server: s, port: info.port }));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    api: new AgentApi(url),
    close: () =>
      new Promise((done) => {
        registry.dispose();
        server.close(() => done());
        server.closeAllConnections?.();
      }),
  };
}

/** The reference server's test/agent API (docs/reference-server.md), from Node. */
export class AgentApi {
  constructor(url) {
    this.url = url;
  }

  async call(method, path, body) {
    const res = await fetch(this.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : null;
  }

  /** A fresh sandbox: no scripted agent, so the bench acts as the agent. */
  async sandbox(overrides = {}) {
    const sb = await this.call('POST', '/api/sandboxes', { scriptedAgent: { enabled: false }, ...overrides });
    const base = sb.base;
    const api = (method, path, body) => this.call(method, path, body);
    return {
      ...sb,
      endpointUrl: this.url + sb.endpoint,
      state: () => api('GET', `${base}/api/state`),
      accept: (id, agentId) => api('POST', `${base}/api/chats/${id}/accept`, agentId ? { agentId } : {}),
      message: (id, text, count) => api('POST', `${base}/api/chats/${id}/messages`, count ? { text, count } : { text }),
      received: (id) => api('GET', `${base}/api/chats/${id}/received`),
      requests: (since = 0) => api('GET', `${base}/api/requests?since=${since}`),
      fault: (f) => api('POST', `${base}/api/faults`, f),
      clearFaults: () => api('DELETE', `${base}/api/faults`),
      remove: () => api('DELETE', `${base}/api`).catch(() => null),
    };
  }
}
