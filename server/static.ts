/**
 * Static files: the agent console (`{base}/console/`, from server/console/) and, with
 * `demo: true`, the demo pages and built bundles from the repository root (`/`, `/demo/*`,
 * `/dist/*`). Correct content types, no directory traversal. The pages themselves are others'.
 */
import type { Context, Hono } from 'hono';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxEnv } from './test-api.js';
import { textResponse } from './util.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..');
const CONSOLE_DIR = join(here, 'console');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Serves `rel` from inside `root`, refusing anything that escapes it. */
export async function sendFile(root: string, rel: string): Promise<Response> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return textResponse(400, 'Bad path');
  }
  if (decoded.includes('\0')) return textResponse(400, 'Bad path');
  const full = normalize(join(root, decoded));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return textResponse(403, 'Forbidden');
  try {
    let path = full;
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
    const data = await readFile(path);
    const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
    return new Response(data, { status: 200, headers: { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' } });
  } catch {
    return textResponse(404, 'Not found');
  }
}

export function serveConsole(app: Hono<SandboxEnv>): void {
  app.get('/console', (c) => c.redirect(`${c.req.path}/`));
  app.get('/console/*', (c: Context<SandboxEnv>) => {
    const path = c.req.path;
    const rel = path.slice(path.indexOf('/console/') + '/console/'.length) || 'index.html';
    return sendFile(CONSOLE_DIR, rel);
  });
}

export function serveDemo(app: Hono<SandboxEnv>): void {
  app.get('/', () => sendFile(join(REPO_ROOT, 'demo'), 'index.html'));
  app.get('/favicon.ico', () => new Response(null, { status: 204 }));
  app.get('/demo/*', (c) => sendFile(join(REPO_ROOT, 'demo'), c.req.path.slice('/demo/'.length) || 'index.html'));
  app.get('/dist/*', (c) => sendFile(join(REPO_ROOT, 'dist'), c.req.path.slice('/dist/'.length)));
}
