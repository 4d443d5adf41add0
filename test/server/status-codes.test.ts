// Status codes and headers as the guide and the field notes describe them: 400 (headers, JSON,
// fields), 403, 404, 405, 409 (sequence and duplicate poll), 413, 500 before ChatEstablished,
// 503 on an affinity mismatch, and idempotent retries.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { activeChat, api, createSandbox, useServer, Visitor } from './helpers.js';

const server = useServer();

describe('headers', () => {
  test('X-LIVEAGENT-API-VERSION is required everywhere (400 with a reason)', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    for (const [method, resource] of [
      ['GET', 'System/SessionId'],
      ['GET', `Visitor/Settings?org_id=${sb.orgId}&deployment_id=${sb.deploymentId}`],
      ['GET', `Visitor/Availability?org_id=${sb.orgId}&deployment_id=${sb.deploymentId}&Availability.ids=[${sb.buttons[0]!.id}]`],
      ['POST', 'Chasitor/ChatMessage'],
    ] as const) {
      const r = await v.raw(method, resource, { headers: { 'X-LIVEAGENT-AFFINITY': 'null' } });
      assert.equal(r.status, 400, `${method} ${resource}`);
      assert.match(r.text, /X-LIVEAGENT-API-VERSION/);
    }
  });

  test('session resources: a missing or unknown session key is 403 (the guide\'s "session isn\'t valid"), a missing affinity 400', async () => {
    const { v } = await activeChat(server().url);
    const noKey = await v.raw('GET', 'System/Messages?ack=-1', { headers: { ...v.baseHeaders(), 'X-LIVEAGENT-AFFINITY': v.affinity } });
    assert.equal(noKey.status, 403);
    assert.match(noKey.text, /SESSION-KEY/);
    const noKeyPost = await v.raw('POST', 'Chasitor/ChatMessage', {
      headers: { ...v.baseHeaders(), 'X-LIVEAGENT-AFFINITY': v.affinity, 'X-LIVEAGENT-SEQUENCE': '2' },
      body: '{"text":"x"}',
    });
    assert.equal(noKeyPost.status, 403);
    const emptyKey = await v.raw('GET', 'System/Messages?ack=-1', { headers: { ...v.sessionHeaders(), 'X-LIVEAGENT-SESSION-KEY': '' } });
    assert.equal(emptyKey.status, 403);
    const noAffinity = await v.raw('GET', 'System/Messages?ack=-1', { headers: { ...v.baseHeaders(), 'X-LIVEAGENT-SESSION-KEY': v.key } });
    assert.equal(noAffinity.status, 400);
    assert.match(noAffinity.text, /AFFINITY/);
    const unknown = await v.raw('POST', 'Chasitor/ChatMessage', {
      headers: { ...v.sessionHeaders(), 'X-LIVEAGENT-SESSION-KEY': 'nope!1!x', 'X-LIVEAGENT-SEQUENCE': '2' },
      body: '{"text":"x"}',
    });
    assert.equal(unknown.status, 403);
  });

  test('an affinity that is not the session\'s answers 503', async () => {
    const { v } = await activeChat(server().url);
    const r = await v.raw('GET', 'System/Messages?ack=-1', { headers: { ...v.sessionHeaders(), 'X-LIVEAGENT-AFFINITY': 'deadbeef' } });
    assert.equal(r.status, 503);
  });

  test('SessionId needs X-LIVEAGENT-AFFINITY (the guide lists it; clients send "null")', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    const r = await v.raw('GET', 'System/SessionId', { headers: v.baseHeaders() });
    assert.equal(r.status, 400);
  });
});

describe('X-LIVEAGENT-SEQUENCE', () => {
  test('missing on a Chasitor POST → 400 (strict mode; lenient mode: test/server/lenient.test.ts)', async () => {
    const { v } = await activeChat(server().url);
    const r = await v.post('Chasitor/ChatMessage', { text: 'x' }, { sequence: null });
    assert.equal(r.status, 400);
    assert.match(r.text, /SEQUENCE/);
  });

  test('out of sync → 409 "Out of sync Ack. Expected N. Actual M", nothing processed', async () => {
    const { sb, v } = await activeChat(server().url);
    const r = await v.post('Chasitor/ChatMessage', { text: 'too far' }, { sequence: 7 });
    assert.equal(r.status, 409);
    assert.equal(r.text, 'Out of sync Ack. Expected 2. Actual 7');
    const received = await api<unknown[]>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/received`);
    assert.equal(received.body.length, 1);
  });

  test('a repeat of the last processed number is an idempotent retry (200, processed once)', async () => {
    const { sb, v } = await activeChat(server().url);
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'once' }, { sequence: 2 })).status, 200);
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'once' }, { sequence: 2 })).status, 200);
    const received = await api<{ noun: string }[]>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/received`);
    assert.deepEqual(received.body.map((r) => r.noun), ['ChasitorInit', 'ChatMessage']);
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'older' }, { sequence: 1 })).status, 409, 'only the last one is a retry');
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'next' }, { sequence: 3 })).status, 200);
  });

  test('the first expected sequence is 1 (ChasitorInit)', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await v.session();
    const r = await v.post('Chasitor/ChasitorInit', v.initBody(), { sequence: 0 });
    assert.equal(r.status, 409);
    assert.equal(r.text, 'Out of sync Ack. Expected 1. Actual 0');
  });
});

describe('other statuses', () => {
  test('404 unknown resource, 405 wrong method', async () => {
    const { v } = await activeChat(server().url);
    const nf = await v.raw('GET', 'Chasitor/NoSuchThing', { headers: v.sessionHeaders() });
    assert.equal(nf.status, 404);
    const wrong = await v.raw('GET', 'Chasitor/ChatMessage', { headers: v.sessionHeaders() });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST');
    const wrong2 = await v.raw('POST', 'System/Messages', { headers: v.sessionHeaders(), body: '{}' });
    assert.equal(wrong2.status, 405);
  });

  test('400 for bad JSON, a missing field, a wrong type', async () => {
    const { v } = await activeChat(server().url);
    const badJson = await v.post('Chasitor/ChatMessage', '{"text":', { sequence: 2 });
    assert.equal(badJson.status, 400);
    assert.match(badJson.text, /JSON/);
    const missing = await v.post('Chasitor/ChatMessage', {}, { sequence: 2 });
    assert.equal(missing.status, 400);
    assert.match(missing.text, /text/);
    const wrongType = await v.post('Chasitor/ChatMessage', { text: ['a'] }, { sequence: 2 });
    assert.equal(wrongType.status, 400);
    const notObject = await v.post('Chasitor/CustomEvent', [1, 2], { sequence: 2 });
    assert.equal(notObject.status, 400);
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'fine' }, { sequence: 2 })).status, 200, 'failed requests did not use the number');
  });

  test('ChasitorInit: missing/wrong-typed required fields and unknown ids → 400 naming the field', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await v.session();
    for (const [patch, word] of [
      [{ organizationId: undefined }, 'organizationId'],
      [{ prechatDetails: 'no' }, 'prechatDetails'],
      [{ receiveQueueUpdates: 'yes' }, 'receiveQueueUpdates'],
      [{ buttonId: '573NOPE' }, 'buttonId'],
      [{ organizationId: '00DOTHER' }, 'organizationId'],
      [{ sessionId: 'other' }, 'sessionId'],
    ] as const) {
      const r = await v.post('Chasitor/ChasitorInit', { ...v.initBody(), ...patch }, { sequence: 1 });
      assert.equal(r.status, 400, JSON.stringify(patch));
      assert.ok(r.text.includes(word), `${r.text} names ${word}`);
    }
    assert.equal((await v.post('Chasitor/ChasitorInit', v.initBody(), { sequence: 1 })).status, 200);
  });

  test('413 for a body over the limit; the server keeps working', async () => {
    const sb = await createSandbox(server().url, { scriptedAgent: { enabled: false }, limits: { maxBodyBytes: 1024 } });
    const v = new Visitor(server().url, sb);
    await v.start();
    const big = await v.post('Chasitor/ChatMessage', { text: 'x'.repeat(5000) }, { sequence: 2 });
    assert.equal(big.status, 413);
    const apiBig = await api(server().url, 'POST', `${sb.base}/api/faults`, { kind: 'delay', body: 'y'.repeat(5000) });
    assert.equal(apiBig.status, 413);
    assert.equal((await v.poll(-1)).status, 200);
  });

  test('400 for a ChatMessage longer than maxTextLength', async () => {
    const { v } = await activeChat(server().url, { scriptedAgent: { enabled: false }, limits: { maxTextLength: 10 } });
    const r = await v.post('Chasitor/ChatMessage', { text: 'x'.repeat(11) }, { sequence: 2 });
    assert.equal(r.status, 400);
    assert.match(r.text, /longer than 10/);
  });

  test('500 for a Chasitor POST other than ChasitorInit before ChatEstablished', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await v.start();
    for (const [noun, body] of [
      ['Chasitor/ChatMessage', { text: 'too early' }],
      ['Chasitor/ChasitorTyping', {}],
      ['Chasitor/CustomEvent', { type: 't', data: 'd' }],
    ] as const) {
      const r = await v.post(noun, body, { sequence: 2 });
      assert.equal(r.status, 500, noun);
    }
    await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/accept`, {});
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'now' }, { sequence: 2 })).status, 200);
  });

  test('409 for a second concurrent long poll; the chat terminates (first poll gets ChatEnded, then 403)', async () => {
    const { sb, v } = await activeChat(server().url);
    const first = v.poll();
    await new Promise((r) => setTimeout(r, 100));
    const second = await v.raw('GET', `System/Messages?ack=${v.ack}`, { headers: v.sessionHeaders() });
    assert.equal(second.status, 409);
    const firstRes = await first;
    assert.equal(firstRes.status, 200);
    assert.ok((firstRes.json as { messages: { type: string }[] }).messages.some((m) => m.type === 'ChatEnded'));
    assert.equal((await v.poll()).status, 403);
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'x' })).status, 403);
    const state = await api<{ chats: { status: string }[] }>(server().url, 'GET', `${sb.base}/api/state`);
    assert.equal(state.body.chats[0]!.status, 'ended');
  });

  test('an aborted poll does not count as concurrent', async () => {
    const { v } = await activeChat(server().url);
    const ac = new AbortController();
    const first = v.poll(v.ack, ac.signal).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    assert.ok((await first) instanceof Error);
    await new Promise((r) => setTimeout(r, 100));
    const next = await v.poll();
    assert.equal(next.status, 204);
  });

  test('errors are short plain text', async () => {
    const { v } = await activeChat(server().url);
    const r = await v.post('Chasitor/ChatMessage', { text: 'x' }, { sequence: 9 });
    assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
    assert.ok(r.text.length < 200);
  });
});
