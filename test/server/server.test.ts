// Server-level behaviour: CORS (preflight with the X-LIVEAGENT-* headers), sandbox isolation and
// lifecycle, config validation, monitoring auth and shapes, the agent console and demo file
// serving (content types, no traversal), and memory bounds (session/sandbox expiry).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createApp, startServer } from '../../server/index.js';
import { activeChat, api, createSandbox, useServer, Visitor } from './helpers.js';

const server = useServer({ cors: '*' });

describe('CORS', () => {
  test('preflight allows the X-LIVEAGENT-* headers and Content-Type', async () => {
    const res = await fetch(`${server().url}/chat/rest/Chasitor/ChatMessage`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:9000',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-liveagent-api-version,x-liveagent-affinity,x-liveagent-session-key,x-liveagent-sequence,content-type',
      },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',');
    for (const h of ['x-liveagent-api-version', 'x-liveagent-affinity', 'x-liveagent-session-key', 'x-liveagent-sequence', 'content-type']) {
      assert.ok(allowed.includes(h), `${h} allowed`);
    }
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  test('error answers carry CORS headers too, so the browser can read them', async () => {
    const res = await fetch(`${server().url}/chat/rest/System/Messages`, { headers: { Origin: 'http://localhost:9000' } });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });

  test('a specific origin; no CORS headers when off', async () => {
    const one = await startServer({ port: 0, quiet: true, cors: 'http://allowed.example' });
    const off = await startServer({ port: 0, quiet: true });
    try {
      const a = await fetch(`${one.url}/healthz`, { headers: { Origin: 'http://allowed.example' } });
      assert.equal(a.headers.get('access-control-allow-origin'), 'http://allowed.example');
      const b = await fetch(`${off.url}/healthz`, { headers: { Origin: 'http://allowed.example' } });
      assert.equal(b.headers.get('access-control-allow-origin'), null);
    } finally {
      await one.close();
      await off.close();
    }
  });
});

describe('sandboxes', () => {
  test('are isolated: sessions, chats, agents and faults do not leak', async () => {
    const a = await createSandbox(server().url);
    const b = await createSandbox(server().url);
    assert.notEqual(a.id, b.id);
    assert.equal(a.endpoint, `/s/${a.id}/chat/rest/`);
    const va = new Visitor(server().url, a);
    await va.start();
    await api(server().url, 'PUT', `${a.base}/api/agents/005DEMO00000001`, { status: 'away' });
    await api(server().url, 'POST', `${a.base}/api/faults`, { resource: '*', kind: 'status', status: 500, times: 100 });
    const stateB = await api<{ chats: unknown[]; agents: { status: string }[] }>(server().url, 'GET', `${b.base}/api/state`);
    assert.deepEqual(stateB.body.chats, []);
    assert.equal(stateB.body.agents[0]!.status, 'online');
    const vb = new Visitor(server().url, b);
    await vb.session();
    // A's session key means nothing in B.
    const cross = await vb.raw('GET', 'System/Messages?ack=-1', { headers: { ...vb.baseHeaders(), 'X-LIVEAGENT-AFFINITY': va.affinity, 'X-LIVEAGENT-SESSION-KEY': va.key } });
    assert.equal(cross.status, 403);
  });

  test('deleting a sandbox answers its open polls with 403 (not a 503 handover)', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await v.session();
    const pending = v.poll(-1);
    await new Promise((r) => setTimeout(r, 100));
    await api(server().url, 'DELETE', `${sb.base}/api`);
    assert.equal((await pending).status, 403);
  });

  test('the default sandbox is served at the root', async () => {
    const v = new Visitor(server().url, { id: 'default', base: '', endpoint: '/chat/rest/', orgId: '00DDEMO00000001', deploymentId: '572DEMO00000001', buttons: [], agents: [], monitorToken: '' });
    await v.session();
    const state = await api<{ id: string }>(server().url, 'GET', '/api/state');
    assert.equal(state.body.id, 'default');
  });

  test('DELETE {base}/api removes a sandbox; unknown sandboxes answer 404', async () => {
    const sb = await createSandbox(server().url);
    assert.equal((await api(server().url, 'DELETE', `${sb.base}/api`)).status, 200);
    assert.equal((await api(server().url, 'GET', `${sb.base}/api/state`)).status, 404);
    assert.equal((await api(server().url, 'DELETE', `${sb.base}/api`)).status, 404);
  });

  test('bad config overrides answer 400 with the reason', async () => {
    for (const [body, word] of [
      [{ nope: 1 }, 'nope'],
      [{ clientPollTimeout: 'soon' }, 'clientPollTimeout'],
      [{ agents: [{ id: 'x', status: 'sleepy' }] }, 'status'],
      [{ sensitiveDataRules: [{ name: 'r', pattern: '(' }] }, 'pattern'],
    ] as const) {
      const r = await api(server().url, 'POST', '/api/sandboxes', body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.ok(r.text.includes(word), `${r.text} mentions ${word}`);
    }
    assert.equal((await fetch(`${server().url}/api/sandboxes`, { method: 'POST', body: '[1,' })).status, 400);
  });

  test('idle sessions end and idle sandboxes expire (bounded memory)', async () => {
    const { app, registry } = createApp({ quiet: true });
    try {
      const created = await app.fetch(new Request('http://x/api/sandboxes', { method: 'POST', body: JSON.stringify({ sessionTimeoutMs: 1000, sandboxTimeoutMs: 5000 }) }));
      const info = (await created.json()) as { id: string; base: string };
      const headers = { 'X-LIVEAGENT-API-VERSION': '56', 'X-LIVEAGENT-AFFINITY': 'null' };
      const sid = (await (await app.fetch(new Request(`http://x${info.base}/chat/rest/System/SessionId`, { headers }))).json()) as { key: string; affinityToken: string };
      const sb = registry.sandboxes.get(info.id)!;
      assert.equal(sb.sessions.size, 1);
      registry.sweep(Date.now() + 2000);
      const after = await app.fetch(
        new Request(`http://x${info.base}/chat/rest/System/Messages?ack=-1`, { headers: { ...headers, 'X-LIVEAGENT-AFFINITY': sid.affinityToken, 'X-LIVEAGENT-SESSION-KEY': sid.key } }),
      );
      assert.equal(after.status, 403, 'the idle session ended');
      registry.sweep(Date.now() + 10_000);
      assert.equal(registry.sandboxes.has(info.id), false);
      assert.equal(registry.sandboxes.has('default'), true, 'the default sandbox never expires');
    } finally {
      registry.dispose();
    }
  });

  test('logs and transcripts are bounded (maxLogRows, maxMessagesPerSession)', async () => {
    const { sb, v } = await activeChat(server().url, { scriptedAgent: { enabled: false }, limits: { maxLogRows: 5, maxMessagesPerSession: 4 } });
    for (let i = 0; i < 8; i++) assert.equal((await v.post('Chasitor/ChatMessage', { text: `m${i}` })).status, 200);
    const received = await api<{ body: { text?: string } }[]>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/received`);
    assert.deepEqual(received.body.map((r) => r.body.text), ['m3', 'm4', 'm5', 'm6', 'm7']);
    const requests = await api<unknown[]>(server().url, 'GET', `${sb.base}/api/requests`);
    assert.equal(requests.body.length, 5);
    const chat = await api<{ transcript: { content: string; sequence: number }[] }>(server().url, 'GET', `${sb.base}/api/chats/${v.id}`);
    assert.deepEqual(chat.body.transcript.map((t) => [t.content, t.sequence]), [
      ['m4', 5],
      ['m5', 6],
      ['m6', 7],
      ['m7', 8],
    ]);
  });

  test('maxSessions bounds live sessions per sandbox (oldest go first)', async () => {
    const sb = await createSandbox(server().url, { limits: { maxSessions: 2 } });
    const vs = [new Visitor(server().url, sb), new Visitor(server().url, sb), new Visitor(server().url, sb)];
    for (const v of vs) await v.session();
    assert.equal((await vs[0]!.poll(-1)).status, 403);
    const r = await vs[2]!.raw('GET', 'System/Messages?ack=-1', { headers: vs[2]!.sessionHeaders(), signal: AbortSignal.timeout(300) }).catch((e: Error) => e);
    assert.ok(r instanceof Error, 'the newest session is alive (poll still waiting)');
  });
});

describe('monitoring (Comm100 shape)', () => {
  test('401 without the bearer token', async () => {
    const sb = await createSandbox(server().url);
    const none = await fetch(`${server().url}${sb.base}/livechat/agents`);
    assert.equal(none.status, 401);
    const wrong = await fetch(`${server().url}${sb.base}/livechat/agents`, { headers: { Authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
  });

  test('agents and visitors from live state; PUT changes presence and custom variables', async () => {
    const { sb, v } = await activeChat(server().url);
    const auth = { Authorization: `Bearer ${sb.monitorToken}` };
    const get = async (path: string) => {
      const res = await fetch(`${server().url}${sb.base}/livechat/${path}`, { headers: auth });
      assert.equal(res.status, 200, path);
      return (await res.json()) as Record<string, unknown> & Record<string, unknown>[];
    };
    const agents = (await get('agents')) as unknown as Record<string, unknown>[];
    assert.deepEqual(agents[0], { id: '005DEMO00000001', name: 'Ada L.', status: 'Online', ongoingChats: 1 });
    const put = await fetch(`${server().url}${sb.base}/livechat/agents/005DEMO00000002`, { method: 'PUT', headers: auth, body: JSON.stringify({ status: 'away' }) });
    assert.equal(put.status, 200);
    assert.equal(((await put.json()) as { status: string }).status, 'Away');
    assert.equal((await get('agents/005DEMO00000002')).status, 'Away');
    await v.raw('POST', 'Visitor/Breadcrumb', { headers: { ...v.sessionHeaders(), 'Content-Type': 'application/json' }, body: JSON.stringify({ location: 'https://shop.example/a' }) });
    await v.raw('POST', 'Visitor/Breadcrumb', { headers: { ...v.sessionHeaders(), 'Content-Type': 'application/json' }, body: JSON.stringify({ location: 'https://shop.example/b' }) });
    const visitors = (await get('visitors')) as unknown as Record<string, unknown>[];
    assert.equal(visitors.length, 1);
    const visitor = visitors[0]!;
    assert.equal(visitor.name, 'Jon A.');
    assert.equal(visitor.status, 'chatting');
    assert.equal(visitor.browser, 'Google Chrome 120.0.0.0');
    assert.equal(visitor.operatingSystem, 'Windows 10');
    assert.equal(visitor.screenResolution, '1920x1080');
    assert.equal(visitor.language, 'en-US');
    assert.equal(visitor.pageViews, 2);
    assert.equal(visitor.landingPage, 'https://shop.example/a');
    assert.equal(visitor.currentBrowsing, 'https://shop.example/b');
    assert.equal(visitor.email, 'jon@example.com');
    assert.deepEqual(visitor.customFields, [{ name: 'E-mail Address', value: 'jon@example.com', url: '' }]);
    const one = await get(`visitors/${visitor.id as string}`);
    assert.equal(one.id, visitor.id);
    const upd = await fetch(`${server().url}${sb.base}/livechat/visitors/${visitor.id as string}`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify([{ name: 'company', value: 'Comm100', url: '' }]),
    });
    assert.equal(upd.status, 200);
    assert.deepEqual(((await upd.json()) as { customVariableResults: unknown }).customVariableResults, [{ name: 'company', value: 'Comm100', url: '' }]);
    const bad = await fetch(`${server().url}${sb.base}/livechat/visitors/${visitor.id as string}`, { method: 'PUT', headers: auth, body: JSON.stringify([{ value: 'x' }]) });
    assert.equal(bad.status, 400);
    assert.equal((await fetch(`${server().url}${sb.base}/livechat/visitors/nope`, { headers: auth })).status, 404);
    await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/end`);
    assert.equal((await get(`visitors/${visitor.id as string}`)).status, 'chatEnded');
  });
});

describe('agent console and demo files', () => {
  test('the console is served per sandbox with the right content types', async () => {
    const sb = await createSandbox(server().url);
    const page = await fetch(`${server().url}${sb.base}/console/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /console\.js/);
    const js = await fetch(`${server().url}${sb.base}/console/console.js`);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
    const redirect = await fetch(`${server().url}/console`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
  });

  test('the console renders visitor strings as text only (no innerHTML/insertAdjacentHTML)', async () => {
    const src = await readFile(new URL('../../server/console/console.js', import.meta.url), 'utf8');
    assert.doesNotMatch(src, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    assert.match(src, /textContent/);
  });

  test('demo: serves /, /demo/* and /dist/*; refuses traversal', async () => {
    const demo = await startServer({ port: 0, quiet: true, demo: true });
    try {
      const pkg = await fetch(`${demo.url}/dist/..%2Fpackage.json`);
      assert.ok(pkg.status === 403 || pkg.status === 404, `traversal refused (${pkg.status})`);
      assert.notEqual(await pkg.text().then((t) => t.includes('"name": "live-chat"')), true);
      const dotdot = await fetch(`${demo.url}/demo/%2e%2e/%2e%2e/etc/passwd`);
      assert.ok(dotdot.status === 403 || dotdot.status === 404);
      // The demo pages are another engineer's: serve exactly what is on disk.
      const root = await fetch(`${demo.url}/`);
      const index = new URL('../../demo/index.html', import.meta.url);
      if (existsSync(index)) {
        assert.equal(root.status, 200);
        assert.match(root.headers.get('content-type') ?? '', /text\/html/);
        assert.equal(await root.text(), await readFile(index, 'utf8'));
      } else assert.equal(root.status, 404);
      const bundle = new URL('../../dist/live-chat.js', import.meta.url);
      const dist = await fetch(`${demo.url}/dist/live-chat.js`);
      assert.equal(dist.status, existsSync(bundle) ? 200 : 404);
      if (dist.status === 200) assert.match(dist.headers.get('content-type') ?? '', /text\/javascript/);
      assert.equal((await fetch(`${demo.url}/demo/no-such-file.css`)).status, 404);
      // The Chat REST API and console still work next to the demo.
      assert.equal((await fetch(`${demo.url}/console/`)).status, 200);
      assert.equal((await fetch(`${demo.url}/chat/rest/System/SessionId`, { headers: { 'X-LIVEAGENT-API-VERSION': '56', 'X-LIVEAGENT-AFFINITY': 'null' } })).status, 200);
      // The demo's human agent (Grace H., Sales) has sneak peek on there; the plain defaults keep it off.
      const peek = async (url: string) => ((await (await fetch(`${url}/api/state`)).json()) as { agents: { id: string; sneakPeekEnabled: boolean }[] }).agents.find((a) => a.id === '005DEMO00000002')!.sneakPeekEnabled;
      assert.equal(await peek(demo.url), true);
      assert.equal(await peek(server().url), false);
    } finally {
      await demo.close();
    }
  });

  test('without demo, / is not served', async () => {
    assert.equal((await fetch(`${server().url}/`)).status, 404);
  });
});
