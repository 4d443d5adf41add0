// Lenient mode (the server's default) replays the request patterns of real Chat REST clients that
// the guide's letter would refuse: Messages polls without `ack` (server-tracked delivery), Chasitor
// POSTs without X-LIVEAGENT-SEQUENCE (arrival order), Availability.ids in every format seen in the
// wild. Each full chat must work exactly once: every server message reaches the client once, every
// visitor message is applied once. Strict mode keeps the guide's letter; both are checked here.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { api, createSandbox, sleep, useServer, Visitor, waitFor, type Msg, type Res, type SandboxInfo } from './helpers.js';

const server = useServer();

/** A scripted-agent sandbox fast enough for whole chats; lenient unless told. */
function chatSandbox(strict = false, extra: Record<string, unknown> = {}): Promise<SandboxInfo> {
  return createSandbox(server().url, {
    strict,
    clientPollTimeout: 2,
    scriptedAgent: { enabled: true, acceptAfterMs: 30, typingMs: 20 },
    ...extra,
  });
}

interface ClientPattern {
  /** Sends ?ack=N on Messages (else no query at all). */
  ack: boolean;
  /** Sends X-LIVEAGENT-SEQUENCE on Chasitor POSTs. */
  sequence: boolean;
  /** Extra headers some clients send (a form content type on JSON bodies, …). */
  headers?: Record<string, string>;
}

interface RequestRow {
  n: number;
  resource: string;
  method: string;
  query: Record<string, string>;
  status: number;
  mode: 'strict' | 'lenient';
  lenient?: string[];
}

/** A raw client that behaves like one of the real ones: it keeps no state it does not need. */
class ReplayClient extends Visitor {
  readonly received: Msg[] = [];
  polls = 0;

  constructor(
    url: string,
    sb: SandboxInfo,
    readonly pattern: ClientPattern,
  ) {
    super(url, sb);
  }

  override baseHeaders(): Record<string, string> {
    return { 'X-LIVEAGENT-API-VERSION': '34', ...this.pattern.headers };
  }

  send(resource: string, body: unknown): Promise<Res> {
    return this.post(resource, body, this.pattern.sequence ? {} : { sequence: null });
  }

  /** One Messages request the way this client makes it; collects what arrives. */
  async pollOnce(): Promise<number> {
    this.polls++;
    const r = await this.raw('GET', this.pattern.ack ? `System/Messages?ack=${this.ack}` : 'System/Messages', { headers: this.sessionHeaders() });
    if (r.status === 200) {
      const body = r.json as { messages: Msg[]; sequence: number };
      this.ack = body.sequence;
      this.received.push(...body.messages);
    }
    return r.status;
  }

  /** Polls until `done` holds for what was received (or the session answers an error). */
  async loopUntil(done: (msgs: Msg[]) => boolean, timeoutMs = 8000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!done(this.received)) {
      if (Date.now() > until) throw new Error(`timed out; received ${this.received.map((m) => m.type).join(', ')}`);
      const status = await this.pollOnce();
      if (status !== 200 && status !== 204) throw new Error(`poll answered ${status}`);
    }
  }

  count(type: string, text?: string): number {
    return this.received.filter((m) => m.type === type && (text === undefined || m.message.text === text)).length;
  }
}

async function requests(sb: SandboxInfo): Promise<RequestRow[]> {
  return (await api<RequestRow[]>(server().url, 'GET', `${sb.base}/api/requests`)).body;
}

/** A whole chat with the scripted agent: init, greeting, three messages echoed, the visitor ends. */
async function wholeChat(pattern: ClientPattern): Promise<{ sb: SandboxInfo; c: ReplayClient }> {
  const sb = await chatSandbox();
  const c = new ReplayClient(server().url, sb, pattern);
  await c.session();
  assert.equal((await c.send('Chasitor/ChasitorInit', c.initBody())).status, 200);
  await c.loopUntil((m) => m.some((x) => x.type === 'ChatMessage'));
  for (const text of ['one', 'two', 'three']) {
    const r = await c.send('Chasitor/ChatMessage', { text });
    assert.equal(r.status, 200, r.text);
    await c.loopUntil((m) => m.some((x) => x.type === 'ChatMessage' && x.message.text === `You said: ${text}`));
  }
  assert.equal((await c.send('Chasitor/ChatEnd', { reason: 'client' })).status, 200);
  // After ChatEnd a poll collects ChatEnded; the next one answers 403 and the client stops.
  await c.loopUntil((m) => m.some((x) => x.type === 'ChatEnded'));
  const last = await c.pollOnce();
  assert.equal(last, 403);
  return { sb, c };
}

async function assertExactlyOnce(sb: SandboxInfo, c: ReplayClient): Promise<void> {
  for (const type of ['ChatRequestSuccess', 'ChatEstablished', 'ChatEnded']) assert.equal(c.count(type), 1, `${type} once`);
  assert.equal(c.count('ChatMessage', "Hi! I'm Ada. How can I help?"), 1, 'the greeting once');
  for (const text of ['one', 'two', 'three']) assert.equal(c.count('ChatMessage', `You said: ${text}`), 1, `the echo of ${text} once`);
  const chat = (await api<{ status: string; endReason: string; transcript: { type: string; content: string }[] }>(server().url, 'GET', `${sb.base}/api/chats/${c.id}`)).body;
  assert.deepEqual(
    chat.transcript.filter((t) => t.type === 'Chasitor').map((t) => t.content),
    ['one', 'two', 'three'],
    'each visitor message applied once, in order',
  );
  assert.equal(chat.status, 'ended');
  assert.equal(chat.endReason, 'client');
}

describe('lenient mode: clients that never send ack', () => {
  test('a whole chat works exactly once, and polls wait instead of spinning', async () => {
    const { sb, c } = await wholeChat({ ack: false, sequence: true });
    await assertExactlyOnce(sb, c);
    const polls = (await requests(sb)).filter((r) => r.resource === 'System/Messages');
    // A client that got the whole history every time would make polls without end; these are a handful.
    assert.ok(polls.length < 20, `${polls.length} polls`);
    assert.ok(polls.every((r) => r.mode === 'lenient'));
    assert.ok(polls.every((r) => r.lenient?.some((w) => /^no ack: server-tracked delivery/.test(w))), 'the log says what was tolerated');
  });

  test('with nothing new, an ack-less poll waits for the next message (then 204 at the timeout)', async () => {
    const sb = await chatSandbox(false, { scriptedAgent: { enabled: false } });
    const c = new ReplayClient(server().url, sb, { ack: false, sequence: true });
    await c.session();
    await c.send('Chasitor/ChasitorInit', c.initBody());
    assert.equal(await c.pollOnce(), 200);
    assert.deepEqual(c.received.map((m) => m.type), ['ChatRequestSuccess']);
    const waiting = c.pollOnce();
    await sleep(150);
    await api(server().url, 'POST', `${sb.base}/api/chats/${c.id}/accept`, {});
    assert.equal(await waiting, 200);
    assert.deepEqual(c.received.map((m) => m.type), ['ChatRequestSuccess', 'ChatEstablished', 'SensitiveDataRules']);
    const started = Date.now();
    assert.equal(await c.pollOnce(), 204);
    assert.ok(Date.now() - started >= 800, 'the empty poll waited');
  });

  test('asking again with an older ack gets those messages again; no ack then continues after them', async () => {
    const sb = await chatSandbox(false, { scriptedAgent: { enabled: false } });
    const c = new ReplayClient(server().url, sb, { ack: false, sequence: true });
    await c.session();
    await c.send('Chasitor/ChasitorInit', c.initBody());
    await api(server().url, 'POST', `${sb.base}/api/chats/${c.id}/accept`, {});
    await c.loopUntil((m) => m.some((x) => x.type === 'ChatEstablished'));
    const again = await c.raw('GET', 'System/Messages?ack=-1', { headers: c.sessionHeaders() });
    assert.equal(again.status, 200);
    assert.equal((again.json as { messages: Msg[] }).messages[0]!.type, 'ChatRequestSuccess');
    await api(server().url, 'POST', `${sb.base}/api/chats/${c.id}/messages`, { text: 'new' });
    const before = c.received.length;
    assert.equal(await c.pollOnce(), 200);
    assert.deepEqual(c.received.slice(before).map((m) => m.message.text), ['new']);
  });
});

describe('lenient mode: clients that never send X-LIVEAGENT-SEQUENCE', () => {
  test('a whole chat works exactly once; the log marks the requests', async () => {
    const { sb, c } = await wholeChat({ ack: true, sequence: false });
    await assertExactlyOnce(sb, c);
    const received = (await api<{ noun: string; sequence: number | null }[]>(server().url, 'GET', `${sb.base}/api/chats/${c.id}/received`)).body;
    assert.deepEqual(received.map((r) => r.noun), ['ChasitorInit', 'ChatMessage', 'ChatMessage', 'ChatMessage', 'ChatEnd']);
    assert.ok(received.every((r) => r.sequence === null));
    const posts = (await requests(sb)).filter((r) => r.method === 'POST');
    assert.equal(posts.length, 5);
    assert.ok(posts.every((r) => r.status === 200 && r.lenient?.some((w) => /no X-LIVEAGENT-SEQUENCE/.test(w))));
  });

  test('neither ack nor sequence, API version 34, a form content type on JSON bodies: still exactly once', async () => {
    const { sb, c } = await wholeChat({ ack: false, sequence: false, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    await assertExactlyOnce(sb, c);
  });

  test('POSTs sent all at once are each applied once, in the order they arrived', async () => {
    const sb = await chatSandbox(false, { scriptedAgent: { enabled: false } });
    const c = new ReplayClient(server().url, sb, { ack: true, sequence: false });
    await c.session();
    await c.send('Chasitor/ChasitorInit', c.initBody());
    await api(server().url, 'POST', `${sb.base}/api/chats/${c.id}/accept`, {});
    const texts = Array.from({ length: 12 }, (_, i) => `m${i}`);
    const answers = await Promise.all(texts.map((text) => c.send('Chasitor/ChatMessage', { text })));
    assert.ok(answers.every((r) => r.status === 200));
    const chat = (await api<{ transcript: { content: string }[] }>(server().url, 'GET', `${sb.base}/api/chats/${c.id}`)).body;
    const applied = chat.transcript.map((t) => t.content);
    assert.deepEqual([...applied].sort(), [...texts].sort(), 'each once');
    // The request log numbers requests as they arrive, before their bodies are read.
    const arrived = (await api<{ n: number; resource: string; body: { text: string } }[]>(server().url, 'GET', `${sb.base}/api/requests`)).body
      .filter((r) => r.resource === 'Chasitor/ChatMessage')
      .sort((a, b) => a.n - b.n)
      .map((r) => r.body.text);
    assert.equal(arrived.length, 12);
    assert.deepEqual(applied, arrived, 'applied in arrival order');
  });

  test('a POST whose body is slow is still applied before one that arrived after it', async () => {
    const sb = await chatSandbox(false, { scriptedAgent: { enabled: false } });
    const c = new ReplayClient(server().url, sb, { ack: true, sequence: false });
    await c.session();
    await c.send('Chasitor/ChasitorInit', c.initBody());
    await api(server().url, 'POST', `${sb.base}/api/chats/${c.id}/accept`, {});
    // node:http sends the headers at once and the body later (fetch holds both until the body starts).
    const slow = request(`${c.endpoint}Chasitor/ChatMessage`, { method: 'POST', headers: { ...c.sessionHeaders(), 'Content-Type': 'application/json' } });
    slow.flushHeaders();
    const first = new Promise<{ status: number }>((resolve, reject) => {
      slow.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      });
      slow.on('error', reject);
    });
    await waitFor(async () => (await requests(sb)).some((r) => r.resource === 'Chasitor/ChatMessage'), 'the slow POST to arrive');
    const second = c.send('Chasitor/ChatMessage', { text: 'second' });
    await sleep(200);
    slow.end('{"text":"first"}');
    assert.equal((await second).status, 200);
    assert.equal((await first).status, 200);
    const chat = (await api<{ transcript: { content: string }[] }>(server().url, 'GET', `${sb.base}/api/chats/${c.id}`)).body;
    assert.deepEqual(chat.transcript.map((t) => t.content), ['first', 'second']);
  });

  test('a sequenced client in lenient mode is checked as before (409 out of sync, repeats deduplicated)', async () => {
    const sb = await chatSandbox(false, { scriptedAgent: { enabled: false } });
    const c = new ReplayClient(server().url, sb, { ack: true, sequence: true });
    await c.session();
    await c.send('Chasitor/ChasitorInit', c.initBody());
    await api(server().url, 'POST', `${sb.base}/api/chats/${c.id}/accept`, {});
    assert.equal((await c.post('Chasitor/ChatMessage', { text: 'a' }, { sequence: 2 })).status, 200);
    assert.equal((await c.post('Chasitor/ChatMessage', { text: 'a' }, { sequence: 2 })).status, 200);
    assert.equal((await c.post('Chasitor/ChatMessage', { text: 'b' }, { sequence: 9 })).status, 409);
    const chat = (await api<{ transcript: { content: string }[] }>(server().url, 'GET', `${sb.base}/api/chats/${c.id}`)).body;
    assert.deepEqual(chat.transcript.map((t) => t.content), ['a']);
    assert.ok((await requests(sb)).every((r) => r.lenient === undefined), 'nothing tolerated, nothing noted');
  });
});

describe('strict mode keeps the guide\'s letter', () => {
  test('no ack = ack -1: the whole history again at once; no sequence header = 400', async () => {
    const sb = await chatSandbox(true, { scriptedAgent: { enabled: false } });
    const c = new ReplayClient(server().url, sb, { ack: false, sequence: true });
    await c.session();
    await c.send('Chasitor/ChasitorInit', c.initBody());
    await api(server().url, 'POST', `${sb.base}/api/chats/${c.id}/accept`, {});
    await c.loopUntil((m) => m.some((x) => x.type === 'ChatEstablished'));
    assert.equal(await c.pollOnce(), 200, 'answers at once');
    assert.equal(c.count('ChatRequestSuccess'), 2, 'duplicated');
    const noSeq = await c.post('Chasitor/ChatMessage', { text: 'x' }, { sequence: null });
    assert.equal(noSeq.status, 400);
    assert.match(noSeq.text, /SEQUENCE/);
    const log = await requests(sb);
    assert.ok(log.every((r) => r.mode === 'strict' && r.lenient === undefined));
  });

  test('the server option sets the default; a sandbox may choose its own', async () => {
    const strictSb = await createSandbox(server().url, {});
    assert.equal((strictSb as SandboxInfo & { strict: boolean }).strict, true, 'the test server is strict');
    const lenientSb = await createSandbox(server().url, { strict: false });
    assert.equal((lenientSb as SandboxInfo & { strict: boolean }).strict, false);
    const bad = await api(server().url, 'POST', '/api/sandboxes', { strict: 'yes' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /strict/);
  });
});

describe('a failed chat request: polls answer an error, not 204', () => {
  for (const strict of [true, false]) {
    test(`ChasitorInit refused (400): the next poll and an open one get 403 (${strict ? 'strict' : 'lenient'})`, async () => {
      const sb = await chatSandbox(strict, { clientPollTimeout: 5 });
      const c = new ReplayClient(server().url, sb, { ack: true, sequence: true });
      await c.session();
      const open = c.raw('GET', 'System/Messages?ack=-1', { headers: c.sessionHeaders() });
      await sleep(100);
      const started = Date.now();
      const init = await c.post('Chasitor/ChasitorInit', { ...c.initBody(), buttonId: '573NOPE' }, { sequence: 1 });
      assert.equal(init.status, 400);
      const openAnswer = await open;
      assert.equal(openAnswer.status, 403);
      assert.match(openAnswer.text, /ChasitorInit failed: Unknown buttonId/);
      assert.ok(Date.now() - started < 2000, 'answered at once, not at the poll timeout');
      const next = await c.raw('GET', 'System/Messages?ack=-1', { headers: c.sessionHeaders() });
      assert.equal(next.status, 403);
      // A corrected ChasitorInit on the same session still starts the chat.
      assert.equal((await c.post('Chasitor/ChasitorInit', c.initBody(), { sequence: 1 })).status, 200);
      assert.equal(await c.pollOnce(), 200);
      assert.equal(c.received[0]!.type, 'ChatRequestSuccess');
    });
  }

  test('ChatRequestFail (nobody online): an ack-less client gets it once, then 403', async () => {
    const sb = await chatSandbox(false, {
      agents: [{ id: '005DEMO00000001', name: 'Ada L.', status: 'offline', capacity: 3, buttons: ['573DEMO00000001'], sneakPeekEnabled: true }],
    });
    const c = new ReplayClient(server().url, sb, { ack: false, sequence: false });
    await c.session();
    await c.send('Chasitor/ChasitorInit', c.initBody());
    assert.equal(await c.pollOnce(), 200);
    assert.deepEqual(c.received.map((m) => m.type), ['ChatRequestFail']);
    assert.equal(await c.pollOnce(), 403);
  });
});

describe('Visitor/Availability: every Availability.ids format clients send', () => {
  const SUPPORT = '573DEMO00000001';
  const SALES = '573DEMO00000002';
  const cases: [string, string, string[]][] = [
    ['a bare id', `Availability.ids=${SUPPORT}`, [SUPPORT]],
    ['one id in brackets', `Availability.ids=[${SUPPORT}]`, [SUPPORT]],
    ['several in brackets', `Availability.ids=[${SUPPORT},${SALES}]`, [SUPPORT, SALES]],
    ['brackets percent-encoded', `Availability.ids=%5B${SUPPORT}%2C${SALES}%5D`, [SUPPORT, SALES]],
    ['comma-separated', `Availability.ids=${SUPPORT},${SALES}`, [SUPPORT, SALES]],
    ['repeated parameters', `Availability.ids=${SUPPORT}&Availability.ids=${SALES}`, [SUPPORT, SALES]],
    ['a JSON array', `Availability.ids=${encodeURIComponent(JSON.stringify([SUPPORT, SALES]))}`, [SUPPORT, SALES]],
    ['spaces after commas', `Availability.ids=[${SUPPORT},%20${SALES}]`, [SUPPORT, SALES]],
    ['with Availability.prefix and an extra version parameter', `Availability.prefix=Visitor&Availability.ids=[${SUPPORT}]&version=36`, [SUPPORT]],
  ];
  for (const [name, query, ids] of cases) {
    test(name, async () => {
      const sb = await createSandbox(server().url, { strict: false });
      const res = await fetch(`${server().url}${sb.endpoint}Visitor/Availability?org_id=${sb.orgId}&deployment_id=${sb.deploymentId}&${query}`, {
        headers: { 'X-LIVEAGENT-API-VERSION': '34' },
      });
      assert.equal(res.status, 200, await res.clone().text());
      const body = (await res.json()) as { messages: { type: string; message: { results: { id: string; isAvailable?: boolean }[] } }[] };
      assert.equal(body.messages[0]!.type, 'Availability');
      const results = body.messages[0]!.message.results;
      assert.deepEqual(results.map((r) => r.id), ids);
      assert.ok(results.every((r) => r.isAvailable === true), 'the demo agents serve both buttons');
    });
  }
});
