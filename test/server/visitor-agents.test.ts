// Visitor resources (Settings, Availability, VisitorId, Breadcrumb, SwitchServer), routing
// (buttonOverrides, ToAgent, capacity), estimated wait time, the test/agent API and the
// scripted agent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { activeChat, api, createSandbox, QUIET_AGENT, useServer, Visitor, waitFor, type Msg, type SandboxInfo } from './helpers.js';

const server = useServer();

const q = (sb: SandboxInfo) => `org_id=${sb.orgId}&deployment_id=${sb.deploymentId}`;

async function availability(v: Visitor, ids: string[], extra = ''): Promise<Record<string, unknown>[]> {
  const r = await v.raw('GET', `Visitor/Availability?${q(v.sb)}&Availability.ids=[${ids.join(',')}]${extra}`, { headers: v.baseHeaders() });
  assert.equal(r.status, 200, r.text);
  const body = r.json as { messages: { type: string; message: { results: Record<string, unknown>[] } }[] };
  assert.equal(body.messages[0]!.type, 'Availability');
  return body.messages[0]!.message.results;
}

describe('Visitor resources', () => {
  test('Settings: wrapped, pingRate, buttons with availability and invite settings', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    const r = await v.raw('GET', `Visitor/Settings?${q(sb)}&Settings.buttonIds=[573DEMO00000001,573DEMO00000003]&Settings.needEstimatedWaitTime=1`, { headers: v.baseHeaders() });
    assert.equal(r.status, 200);
    const msg = (r.json as { messages: Msg[] }).messages[0]!;
    assert.equal(msg.type, 'Settings');
    assert.equal(msg.message.pingRate, 50000);
    const buttons = msg.message.buttons as Record<string, unknown>[];
    assert.deepEqual(buttons.map((b) => [b.id, b.type, b.isAvailable, b.estimatedWaitTime]), [
      ['573DEMO00000001', 'Standard', true, -1],
      ['573DEMO00000003', 'Invite', true, -1],
    ]);
    assert.equal(buttons[1]!.inviteRenderer, 'Slide');
    assert.equal(buttons[1]!.inviteRejectTime, 30);
    assert.equal(buttons[0]!.inviteRenderer, undefined);
  });

  test('Visitor resources need org_id and deployment_id that match', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    assert.equal((await v.raw('GET', 'Visitor/Settings', { headers: v.baseHeaders() })).status, 400);
    assert.equal((await v.raw('GET', `Visitor/VisitorId?org_id=00DX&deployment_id=${sb.deploymentId}`, { headers: v.baseHeaders() })).status, 400);
    assert.equal((await v.raw('GET', `Visitor/Availability?${q(sb)}`, { headers: v.baseHeaders() })).status, 400, 'Availability.ids required');
  });

  test('Availability: several ids, offline omits isAvailable, agents and agentId_buttonId', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    const [ada, grace] = sb.agents;
    let results = await availability(v, ['573DEMO00000001', '573DEMO00000002', '573NOPE', ada!.id, `${ada!.id}_573DEMO00000002`]);
    assert.deepEqual(results, [
      { id: '573DEMO00000001', isAvailable: true },
      { id: '573DEMO00000002', isAvailable: true },
      { id: '573NOPE' },
      { id: ada!.id, isAvailable: true },
      { id: `${ada!.id}_573DEMO00000002`, isAvailable: true },
    ]);
    await api(server().url, 'PUT', `${sb.base}/api/agents/${grace!.id}`, { status: 'away' });
    results = await availability(v, ['573DEMO00000001', '573DEMO00000002']);
    assert.deepEqual(results, [{ id: '573DEMO00000001', isAvailable: true }, { id: '573DEMO00000002' }]);
  });

  test('Availability follows capacity', async () => {
    const sb = await createSandbox(server().url, {
      ...QUIET_AGENT,
      agents: [{ id: '005A', name: 'Solo', status: 'online', capacity: 1, buttons: ['573DEMO00000001'], sneakPeekEnabled: false }],
    });
    const v = new Visitor(server().url, sb);
    assert.deepEqual(await availability(v, ['573DEMO00000001']), [{ id: '573DEMO00000001', isAvailable: true }]);
    const chat = new Visitor(server().url, sb);
    await chat.start();
    await api(server().url, 'POST', `${sb.base}/api/chats/${chat.id}/accept`, {});
    assert.deepEqual(await availability(v, ['573DEMO00000001']), [{ id: '573DEMO00000001' }]);
    // A second chat still queues (ChatRequestSuccess) while the agent is busy; accepting it → 409 capacity.
    const waiting = new Visitor(server().url, sb);
    await waiting.start();
    await waiting.until('ChatRequestSuccess');
    const acc = await api(server().url, 'POST', `${sb.base}/api/chats/${waiting.id}/accept`, { agentId: '005A' });
    assert.equal(acc.status, 409);
  });

  test('estimated wait time: A = 0.9A′ + 0.1W per button, minus time waited; -1 before any accept', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    assert.equal((await availability(v, ['573DEMO00000001'], '&Availability.needEstimatedWaitTime=1'))[0]!.estimatedWaitTime, -1);
    const a = new Visitor(server().url, sb);
    await a.start();
    await new Promise((r) => setTimeout(r, 1100));
    await api(server().url, 'POST', `${sb.base}/api/chats/${a.id}/accept`, {});
    const ewt = (await availability(v, ['573DEMO00000001'], '&Availability.needEstimatedWaitTime=1'))[0]!.estimatedWaitTime as number;
    assert.equal(ewt, 1, 'first accepted chat waited about 1.1 s: A = W');
    assert.equal((await availability(v, ['573DEMO00000002'], '&Availability.needEstimatedWaitTime=1'))[0]!.estimatedWaitTime, -1, 'per button');
    const b = new Visitor(server().url, sb);
    await b.start();
    await api(server().url, 'POST', `${sb.base}/api/chats/${b.id}/accept`, {});
    // A = 0.9 * 1.1 + 0.1 * ~0 ≈ 0.99 → rounds to 1.
    assert.equal((await availability(v, ['573DEMO00000001'], '&Availability.needEstimatedWaitTime=1'))[0]!.estimatedWaitTime, 1);
  });

  test('VisitorId is wrapped and names a visitor', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    const r = await v.raw('GET', `Visitor/VisitorId?${q(sb)}`, { headers: v.baseHeaders() });
    const msg = (r.json as { messages: Msg[] }).messages[0]!;
    assert.equal(msg.type, 'VisitorId');
    assert.match(msg.message.sessionId as string, /^[0-9a-f-]{36}$/);
  });

  test('Breadcrumb with a session key is recorded on the chat for the agent side', async () => {
    const { sb, v } = await activeChat(server().url);
    const r = await v.raw('POST', 'Visitor/Breadcrumb', { headers: { ...v.sessionHeaders(), 'Content-Type': 'application/json' }, body: JSON.stringify({ location: 'https://shop.example/cart' }) });
    assert.equal(r.status, 200);
    const bad = await v.raw('POST', 'Visitor/Breadcrumb', { headers: v.baseHeaders(), body: JSON.stringify({ where: 1 }) });
    assert.equal(bad.status, 400);
    const state = await api<{ chats: { breadcrumbs: { location: string }[] }[] }>(server().url, 'GET', `${sb.base}/api/state`);
    assert.deepEqual(state.body.chats[0]!.breadcrumbs.map((b) => b.location), ['https://shop.example/cart']);
    const received = await api<{ noun: string }[]>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/received`);
    assert.equal(received.body.at(-1)!.noun, 'Breadcrumb');
  });

  test('Agent/SensitiveDataRuleTriggered takes rules (API version header only)', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    const ok = await v.raw('POST', 'Agent/SensitiveDataRuleTriggered', { headers: v.baseHeaders(), body: JSON.stringify({ rules: [{ name: 'Replace-Bad-Word' }], chatId: 'x' }) });
    assert.equal(ok.status, 200);
    const bad = await v.raw('POST', 'Agent/SensitiveDataRuleTriggered', { headers: v.baseHeaders(), body: JSON.stringify({ rules: 'nope' }) });
    assert.equal(bad.status, 400);
  });

  test('switchServerUrl in the config: every Visitor resource answers SwitchServer', async () => {
    const sb = await createSandbox(server().url, { switchServerUrl: 'https://moved.example/chat' });
    const v = new Visitor(server().url, sb);
    const r = await v.raw('GET', `Visitor/Availability?${q(sb)}&Availability.ids=[x]`, { headers: v.baseHeaders() });
    assert.deepEqual(r.json, { messages: [{ type: 'SwitchServer', message: { newUrl: 'https://moved.example/chat' } }] });
  });
});

describe('routing', () => {
  test('buttonOverrides: agentId only (no fallback) → Unavailable when that agent is away', async () => {
    const sb = await createSandbox(server().url);
    const [ada, grace] = sb.agents;
    await api(server().url, 'PUT', `${sb.base}/api/agents/${grace!.id}`, { status: 'away' });
    const v = new Visitor(server().url, sb);
    await v.start({ buttonOverrides: [grace!.id] });
    assert.ok((await v.until('ChatRequestFail')).some((m) => m.type === 'ChatRequestFail'));
    const w = new Visitor(server().url, sb);
    await w.start({ buttonOverrides: [`${grace!.id}_573DEMO00000001`] });
    await w.until('ChatRequestSuccess');
    const acc = await api<{ agentId: string }>(server().url, 'POST', `${sb.base}/api/chats/${w.id}/accept`, {});
    assert.equal(acc.body.agentId, ada!.id, 'agentId_buttonId falls back to the button');
  });

  test('buttonOverrides: a buttonId entry routes to that button\'s agents', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await v.start({ buttonOverrides: ['573DEMO00000002'] });
    await v.until('ChatRequestSuccess');
    const acc = await api<{ agentId: string }>(server().url, 'POST', `${sb.base}/api/chats/${v.id}/accept`, {});
    assert.equal(acc.body.agentId, '005DEMO00000002', 'Sales is served by Grace only');
  });

  test('ToAgent buttons route to their agent', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await v.start({ buttonId: '573DEMO00000004' });
    await v.until('ChatRequestSuccess');
    const acc = await api<{ agentId: string }>(server().url, 'POST', `${sb.base}/api/chats/${v.id}/accept`, {});
    assert.equal(acc.body.agentId, '005DEMO00000001');
  });

  test('agentId + doFallback', async () => {
    const sb = await createSandbox(server().url);
    await api(server().url, 'PUT', `${sb.base}/api/agents/005DEMO00000002`, { status: 'away' });
    const v = new Visitor(server().url, sb);
    await v.start({ agentId: '005DEMO00000002', doFallback: true });
    await v.until('ChatRequestSuccess');
    const w = new Visitor(server().url, sb);
    await w.start({ agentId: '005DEMO00000002', doFallback: false });
    await w.until('ChatRequestFail');
  });
});

describe('test / agent API', () => {
  test('typing, custom event, transfer, disconnect, queue, end with attachedRecords', async () => {
    const { sb, v } = await activeChat(server().url, { ...QUIET_AGENT, postChat: { enabled: true, attachedRecords: { CaseId: '500X' } } });
    const base = `${sb.base}/api/chats/${v.id}`;
    assert.equal((await api(server().url, 'POST', `${base}/typing`, { typing: true })).status, 200);
    assert.equal((await api(server().url, 'POST', `${base}/typing`, { typing: false })).status, 200);
    assert.equal((await api(server().url, 'POST', `${base}/custom-events`, { type: 'CreditCardEntered', data: '4111' })).status, 200);
    assert.equal((await api(server().url, 'POST', `${base}/transfer`, { agentId: '005DEMO00000002' })).status, 200);
    let msgs = await v.until('ChatTransferred');
    assert.deepEqual(msgs.map((m) => m.type), ['AgentTyping', 'AgentNotTyping', 'CustomEvent', 'ChatTransferred']);
    assert.deepEqual(msgs[0]!.message, { name: 'Ada L.', agentId: '005DEMO00000001' });
    assert.deepEqual(msgs[2]!.message, { type: 'CreditCardEntered', data: '4111' });
    assert.deepEqual(msgs[3]!.message, { name: 'Grace H.', userId: '005DEMO00000002', sneakPeekEnabled: false, chasitorIdleTimeout: { isEnabled: false } });
    assert.equal((await api(server().url, 'POST', `${base}/disconnect`)).status, 200);
    msgs = await v.until('AgentDisconnect');
    let state = await api<{ queue: string[] }>(server().url, 'GET', `${sb.base}/api/state`);
    assert.deepEqual(state.body.queue, [v.id], 'back in the queue');
    assert.equal((await api(server().url, 'POST', `${base}/queue`, { position: 3, estimatedWaitTime: 90 })).status, 200);
    msgs = await v.until('QueueUpdate');
    assert.deepEqual(msgs.at(-1)!.message, { position: 3, estimatedWaitTime: 90 });
    assert.equal((await api(server().url, 'POST', `${base}/accept`, { agentId: '005DEMO00000002' })).status, 200);
    assert.equal((await api(server().url, 'POST', `${base}/end`)).status, 200);
    msgs = await v.until('ChatEnded');
    assert.deepEqual(msgs.at(-1)!.message, { reason: 'agent', attachedRecords: { CaseId: '500X' } });
    state = await api(server().url, 'GET', `${sb.base}/api/state`);
    assert.equal((await api(server().url, 'POST', `${base}/end`)).status, 409);
  });

  test('errors: unknown chat 404, not active 409, bad bodies 400', async () => {
    const sb = await createSandbox(server().url);
    assert.equal((await api(server().url, 'POST', `${sb.base}/api/chats/nope/accept`, {})).status, 404);
    const v = new Visitor(server().url, sb);
    await v.start();
    assert.equal((await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/messages`, { text: 'hi' })).status, 409);
    assert.equal((await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/messages`, { text: 5 })).status, 400);
    assert.equal((await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/accept`, { agentId: 'ghost' })).status, 400);
    assert.equal((await api(server().url, 'PUT', `${sb.base}/api/agents/005DEMO00000001`, { status: 'asleep' })).status, 400);
    assert.equal((await api(server().url, 'PUT', `${sb.base}/api/agents/ghost`, { status: 'away' })).status, 404);
    const notJson = await fetch(`${server().url}${sb.base}/api/faults`, { method: 'POST', body: '{' });
    assert.equal(notJson.status, 400);
  });

  test('requests log: every Chat REST request in order with x-liveagent headers, since=N', async () => {
    const { sb, v } = await activeChat(server().url);
    const all = await api<{ n: number; method: string; resource: string; headers: Record<string, string>; body: unknown; status: number }[]>(server().url, 'GET', `${sb.base}/api/requests`);
    const rows = all.body;
    assert.deepEqual(rows.slice(0, 2).map((r) => [r.method, r.resource, r.status]), [
      ['GET', 'System/SessionId', 200],
      ['POST', 'Chasitor/ChasitorInit', 200],
    ]);
    assert.equal(rows[1]!.headers['x-liveagent-sequence'], '1');
    const first = rows[0] as unknown as { at: number; doneAt: number | null };
    assert.ok(first.doneAt !== null && first.doneAt >= first.at, 'doneAt when answered');
    const open = v.poll();
    await new Promise((r) => setTimeout(r, 100));
    const during = await api<{ resource: string; status: number; doneAt: number | null }[]>(server().url, 'GET', `${sb.base}/api/requests`);
    const openRow = during.body.at(-1)!;
    assert.deepEqual([openRow.resource, openRow.status, openRow.doneAt], ['System/Messages', 0, null]);
    const said = await api<{ at: number }>(server().url, 'POST', `${sb.base}/api/chats/${v.id}/messages`, { text: 'release' });
    assert.equal((await open).status, 200);
    const released = (await api<{ n: number; doneAt: number }[]>(server().url, 'GET', `${sb.base}/api/requests`)).body.find((r) => r.n === (openRow as unknown as { n: number }).n)!;
    assert.ok(released.doneAt >= said.body.at, 'the poll was released after the agent message was queued');
    assert.equal(rows[1]!.headers['x-liveagent-session-key'], v.key);
    assert.equal((rows[1]!.body as { visitorName: string }).visitorName, 'Jon A.');
    const last = (await api<{ n: number }[]>(server().url, 'GET', `${sb.base}/api/requests`)).body.at(-1)!.n;
    await v.post('Chasitor/ChatMessage', { text: 'x' });
    const since = await api<{ n: number; resource: string }[]>(server().url, 'GET', `${sb.base}/api/requests?since=${last}`);
    assert.deepEqual(since.body.map((r) => r.resource), ['Chasitor/ChatMessage']);
  });
});

describe('scripted agent', () => {
  test('accepts after acceptAfterMs, greets, types, echoes deterministically', async () => {
    const sb = await createSandbox(server().url, { scriptedAgent: { enabled: true, acceptAfterMs: 50, typingMs: 50, greeting: 'Hello from the script' } });
    const v = new Visitor(server().url, sb);
    await v.start();
    let msgs = await v.until('ChatMessage');
    assert.deepEqual(msgs.map((m) => m.type), ['ChatRequestSuccess', 'ChatEstablished', 'SensitiveDataRules', 'ChatMessage']);
    assert.equal(msgs.at(-1)!.message.text, 'Hello from the script');
    await v.post('Chasitor/ChatMessage', { text: 'ping' });
    msgs = await v.until('ChatMessage');
    assert.deepEqual(msgs.map((m) => m.type), ['AgentTyping', 'AgentNotTyping', 'ChatMessage']);
    assert.equal(msgs.at(-1)!.message.text, 'You said: ping');
    await v.post('Chasitor/ChatEnd', { reason: 'client' });
    const state = await waitFor(async () => {
      const s = await api<{ chats: { status: string }[]; agents: { ongoingChats: number }[] }>(server().url, 'GET', `${sb.base}/api/state`);
      return s.body.chats[0]!.status === 'ended' ? s.body : null;
    }, 'chat ended');
    assert.equal(state.agents[0]!.ongoingChats, 0);
  });

  test('does not take chats of buttons its agent does not serve', async () => {
    const sb = await createSandbox(server().url, { scriptedAgent: { enabled: true, acceptAfterMs: 10 } });
    const v = new Visitor(server().url, sb);
    await v.start({ buttonId: '573DEMO00000002' });
    await v.until('ChatRequestSuccess');
    await new Promise((r) => setTimeout(r, 150));
    const state = await api<{ chats: { status: string }[] }>(server().url, 'GET', `${sb.base}/api/state`);
    assert.equal(state.body.chats[0]!.status, 'queued');
  });
});
