// The 503 handover path (ReconnectSession → ChasitorSessionData → ChasitorResyncState) and the
// fault injection API: every kind, once / N times / seeded probability, and the fault log.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { activeChat, api, createSandbox, useServer, Visitor, type Msg } from './helpers.js';

const server = useServer();

async function fault(base: string, spec: Record<string, unknown>): Promise<string> {
  const r = await api<{ id: string }>(server().url, 'POST', `${base}/api/faults`, spec);
  assert.equal(r.status, 201, r.text);
  return r.body.id;
}

describe('503 handover', () => {
  test('ReconnectSession gives a new affinity, resets the sequence, then ChasitorSessionData carries the transcript', async () => {
    const { sb, v } = await activeChat(server().url);
    await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/messages`, { text: 'Hello, how can I help you?' });
    await v.until('ChatMessage');
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'I have a question for you.' })).status, 200);
    await fault(sb.base, { resource: 'Chasitor/ChatMessage', kind: 'handover' });
    const lost = await v.post('Chasitor/ChatMessage', { text: 'second question' }, { sequence: v.sequence });
    assert.equal(lost.status, 503);
    // Everything with the old affinity now gets 503.
    assert.equal((await v.poll()).status, 503);
    const oldAffinity = v.affinity;
    const rec = await v.raw('GET', `System/ReconnectSession?ReconnectSession.offset=${v.lastOffset}`, {
      headers: { ...v.sessionHeaders(), 'X-LIVEAGENT-AFFINITY': 'null' },
    });
    assert.equal(rec.status, 200, rec.text);
    const msg = (rec.json as { messages: Msg[] }).messages[0]!;
    assert.equal(msg.type, 'ReconnectSession');
    assert.equal(msg.message.resetSequence, true);
    assert.notEqual(msg.message.affinityToken, oldAffinity);
    v.affinity = msg.message.affinityToken as string;
    v.sequence = 1;
    const r = await v.poll();
    assert.equal(r.status, 200);
    const first = (r.json as { messages: Msg[] }).messages[0]!;
    assert.equal(first.type, 'ChasitorSessionData');
    const transcript = first.message.chatMessages as Record<string, unknown>[];
    assert.deepEqual(
      transcript.map((t) => [t.type, t.name, t.content, t.sequence]),
      [
        ['Agent', 'Ada L.', 'Hello, how can I help you?', 1],
        ['Chasitor', 'Jon A.', 'I have a question for you.', 2],
      ],
    );
    assert.equal(typeof transcript[0]!.timestamp, 'number');
    assert.equal(first.message.sneakPeekEnabled, true);
    assert.equal((await v.post('Chasitor/ChasitorResyncState', { organizationId: sb.orgId }, { sequence: null })).status, 200);
    const resent = await v.post('Chasitor/ChatMessage', { text: 'second question' });
    assert.equal(resent.status, 200, 'sequence restarted at 1');
    const state = await api<{ chats: { transcript: { content: string }[]; awaitingResync: boolean }[] }>(server().url, 'GET', `${sb.base}/api/state`);
    assert.deepEqual(state.body.chats[0]!.transcript.map((t) => t.content).slice(-1), ['second question']);
    assert.equal(state.body.chats[0]!.awaitingResync, false);
  });

  test('an open poll gets 503 when the handover happens', async () => {
    const { sb, v } = await activeChat(server().url);
    const pending = v.poll();
    await new Promise((r) => setTimeout(r, 100));
    await fault(sb.base, { resource: 'Chasitor/ChasitorTyping', kind: 'handover' });
    assert.equal((await v.post('Chasitor/ChasitorTyping', {}, { sequence: 2 })).status, 503);
    assert.equal((await pending).status, 503);
  });

  test('resetSequence can be left out (fault option and config)', async () => {
    const { sb, v } = await activeChat(server().url);
    await fault(sb.base, { resource: 'System/Messages', kind: 'handover', resetSequence: false });
    assert.equal((await v.poll()).status, 503);
    const rec = await v.raw('GET', 'System/ReconnectSession?ReconnectSession.offset=0', { headers: { ...v.sessionHeaders(), 'X-LIVEAGENT-AFFINITY': 'null' } });
    const message = (rec.json as { messages: Msg[] }).messages[0]!.message;
    assert.equal('resetSequence' in message, false);
    assert.equal(typeof message.affinityToken, 'string');
    v.affinity = message.affinityToken as string;
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'x' }, { sequence: 1 })).status, 200, 'the server resets anyway');

    const { sb: sb2, v: v2 } = await activeChat(server().url, { scriptedAgent: { enabled: false }, reconnectResetSequence: false });
    await fault(sb2.base, { resource: '*', kind: 'handover' });
    assert.equal((await v2.poll()).status, 503);
    const rec2 = await v2.raw('GET', 'System/ReconnectSession', { headers: { ...v2.sessionHeaders(), 'X-LIVEAGENT-AFFINITY': 'null' } });
    assert.equal('resetSequence' in (rec2.json as { messages: Msg[] }).messages[0]!.message, false);
  });

  test('ReconnectSession needs a known session (403) and a numeric offset (400)', async () => {
    const { v } = await activeChat(server().url);
    const bad = await v.raw('GET', 'System/ReconnectSession?ReconnectSession.offset=abc', { headers: { ...v.sessionHeaders(), 'X-LIVEAGENT-AFFINITY': 'null' } });
    assert.equal(bad.status, 400);
    const unknown = await v.raw('GET', 'System/ReconnectSession?ReconnectSession.offset=1', {
      headers: { ...v.sessionHeaders(), 'X-LIVEAGENT-AFFINITY': 'null', 'X-LIVEAGENT-SESSION-KEY': 'nope' },
    });
    assert.equal(unknown.status, 403);
  });
});

describe('faults', () => {
  test('status: any code and body, once by default, logged', async () => {
    const { sb, v } = await activeChat(server().url);
    const id = await fault(sb.base, { resource: 'Chasitor/ChatMessage', kind: 'status', status: 502, body: 'Bad gateway' });
    const r = await v.post('Chasitor/ChatMessage', { text: 'x' }, { sequence: 2 });
    assert.equal(r.status, 502);
    assert.equal(r.text, 'Bad gateway');
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'x' }, { sequence: 2 })).status, 200, 'once, and the failed one did not count');
    const faults = await api<{ active: unknown[]; log: { faultId: string; kind: string; resource: string; requestN: number }[] }>(server().url, 'GET', `${sb.base}/api/faults`);
    assert.deepEqual(faults.body.active, []);
    assert.equal(faults.body.log.length, 1);
    assert.equal(faults.body.log[0]!.faultId, id);
    assert.equal(faults.body.log[0]!.resource, 'Chasitor/ChatMessage');
    const requests = await api<{ n: number; status: number }[]>(server().url, 'GET', `${sb.base}/api/requests`);
    assert.equal(requests.body.find((x) => x.n === faults.body.log[0]!.requestN)?.status, 502);
  });

  test('times: N hits, then normal answers', async () => {
    const { sb, v } = await activeChat(server().url);
    await fault(sb.base, { resource: 'System/Messages', kind: 'status', status: 500, times: 2 });
    assert.equal((await v.poll()).status, 500);
    assert.equal((await v.poll()).status, 500);
    await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/messages`, { text: 'ok' });
    assert.equal((await v.poll()).status, 200);
  });

  test('probability with a seed hits the same requests every run', async () => {
    const pattern = async () => {
      const sb = await createSandbox(server().url);
      const v = new Visitor(server().url, sb);
      await fault(sb.base, { resource: 'Visitor/Availability', kind: 'status', status: 500, probability: 0.5, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await v.raw('GET', `Visitor/Availability?org_id=${sb.orgId}&deployment_id=${sb.deploymentId}&Availability.ids=[${sb.buttons[0]!.id}]`, { headers: v.baseHeaders() });
        out.push(r.status);
      }
      return out;
    };
    const a = await pattern();
    const b = await pattern();
    assert.deepEqual(a, b);
    assert.ok(a.includes(500) && a.includes(200), `a mix of hits and misses: ${a.join(',')}`);
  });

  test('delay answers late, then normally', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await fault(sb.base, { resource: 'System/SessionId', kind: 'delay', delayMs: 300 });
    const started = Date.now();
    await v.session();
    assert.ok(Date.now() - started >= 280);
  });

  test('drop destroys the connection', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await fault(sb.base, { resource: 'System/SessionId', kind: 'drop' });
    await assert.rejects(() => v.raw('GET', 'System/SessionId', { headers: { ...v.baseHeaders(), 'X-LIVEAGENT-AFFINITY': 'null' } }));
    await v.session();
  });

  test('drop after: the POST is applied, the answer is cut; a repeat of the sequence is not applied twice', async () => {
    const { sb, v } = await activeChat(server().url);
    await fault(sb.base, { resource: 'Chasitor/ChatMessage', kind: 'drop', after: true });
    const seq = v.sequence;
    await assert.rejects(() => v.post('Chasitor/ChatMessage', { text: 'applied once' }, { sequence: seq }));
    const again = await v.post('Chasitor/ChatMessage', { text: 'applied once' }, { sequence: seq });
    assert.equal(again.status, 200);
    const received = await api<{ noun: string; body: { text?: string } }[]>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/received`);
    assert.deepEqual(received.body.filter((r) => r.noun === 'ChatMessage').map((r) => r.body.text), ['applied once']);
  });

  test('delay after and status after: applied, then answered late or with the error', async () => {
    const { sb, v } = await activeChat(server().url);
    await fault(sb.base, { resource: 'Chasitor/ChatMessage', kind: 'delay', delayMs: 300, after: true });
    const started = Date.now();
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'late' }, { sequence: v.sequence })).status, 200);
    assert.ok(Date.now() - started >= 280);
    await fault(sb.base, { resource: 'Chasitor/ChatMessage', kind: 'status', status: 500, after: true });
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'refused?' }, { sequence: v.sequence + 1 })).status, 500);
    const received = await api<{ noun: string; body: { text?: string } }[]>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/received`);
    assert.deepEqual(received.body.filter((r) => r.noun === 'ChatMessage').map((r) => r.body.text), ['late', 'refused?']);
    const bad = await api(server().url, 'POST', `${sb.base}/api/faults`, { resource: '*', kind: 'handover', after: true });
    assert.equal(bad.status, 400);
  });

  test('malformed answers 200 with invalid JSON', async () => {
    const { sb, v } = await activeChat(server().url);
    await fault(sb.base, { resource: 'System/Messages', kind: 'malformed' });
    const r = await v.raw('GET', 'System/Messages?ack=-1', { headers: v.sessionHeaders() });
    assert.equal(r.status, 200);
    assert.throws(() => JSON.parse(r.text));
  });

  test('conflict: out-of-sync 409 on a POST, duplicate-poll 409 on Messages (chat terminated)', async () => {
    const { sb, v } = await activeChat(server().url);
    await fault(sb.base, { resource: 'Chasitor/ChatMessage', kind: 'conflict' });
    const r = await v.post('Chasitor/ChatMessage', { text: 'x' }, { sequence: 2 });
    assert.equal(r.status, 409);
    assert.equal(r.text, 'Out of sync Ack. Expected 2. Actual 2');
    await fault(sb.base, { resource: 'System/Messages', kind: 'conflict' });
    assert.equal((await v.poll()).status, 409);
    assert.equal((await v.poll()).status, 403);
  });

  test('switch-server answers SwitchServer on a Visitor resource', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await fault(sb.base, { resource: 'Visitor/Settings', kind: 'switch-server', newUrl: 'https://other.example/chat' });
    const r = await v.raw('GET', `Visitor/Settings?org_id=${sb.orgId}&deployment_id=${sb.deploymentId}`, { headers: v.baseHeaders() });
    assert.deepEqual(r.json, { messages: [{ type: 'SwitchServer', message: { newUrl: 'https://other.example/chat' } }] });
  });

  test('bad fault specs are refused; DELETE clears', async () => {
    const sb = await createSandbox(server().url);
    assert.equal((await api(server().url, 'POST', `${sb.base}/api/faults`, { kind: 'explode' })).status, 400);
    assert.equal((await api(server().url, 'POST', `${sb.base}/api/faults`, { kind: 'status', status: 'x' })).status, 400);
    assert.equal((await api(server().url, 'POST', `${sb.base}/api/faults`, { kind: 'delay', probability: 3 })).status, 400);
    await fault(sb.base, { kind: 'status', times: 5 });
    assert.equal((await api(server().url, 'DELETE', `${sb.base}/api/faults`)).status, 200);
    const v = new Visitor(server().url, sb);
    await v.session();
  });
});
