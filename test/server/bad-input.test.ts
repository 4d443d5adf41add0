// Bad input never crashes the server: malformed bodies, wrong types, odd headers and paths on
// every resource get a 4xx (or the guide's 500 before ChatEstablished) with a text reason, and
// the chat that was going on keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeChat, api, useServer } from './helpers.js';

const server = useServer();

const RESOURCES = [
  ['GET', 'System/SessionId'],
  ['DELETE', 'System/SessionId/x'],
  ['DELETE', 'System/SessionId/%ZZ%E0%A4%A'],
  ['GET', 'System/Messages'],
  ['POST', 'System/MultiNoun'],
  ['GET', 'System/ReconnectSession'],
  ['POST', 'Chasitor/ChasitorInit'],
  ['POST', 'Chasitor/ChasitorResyncState'],
  ['POST', 'Chasitor/ChasitorTyping'],
  ['POST', 'Chasitor/ChasitorNotTyping'],
  ['POST', 'Chasitor/ChasitorSneakPeek'],
  ['POST', 'Chasitor/ChatMessage'],
  ['POST', 'Chasitor/ChatEnd'],
  ['POST', 'Chasitor/CustomEvent'],
  ['POST', 'Chasitor/ChasitorIdleTimeoutWarningEvent'],
  ['POST', 'Chasitor/SensitiveDataRuleTriggered'],
  ['POST', 'Agent/SensitiveDataRuleTriggered'],
  ['GET', 'Visitor/Settings'],
  ['GET', 'Visitor/Availability'],
  ['GET', 'Visitor/VisitorId'],
  ['POST', 'Visitor/Breadcrumb'],
] as const;

const BODIES = ['', '{', 'null', '[]', '"text"', '42', '{"text":null}', '{"text":{"a":1}}', '{"nouns":"x"}', '{"nouns":[null]}', '{"nouns":[{"noun":"ChasitorInit"}]}', '{"rules":[1]}', '{"location":7}', '\u0000\u0001'];

test('garbage on every resource gets a clear 4xx and the server keeps serving the chat', async () => {
  const { sb, v } = await activeChat(server().url);
  const statuses = new Set<number>();
  const headerSets = [
    v.sessionHeaders(),
    { ...v.sessionHeaders(), 'X-LIVEAGENT-SEQUENCE': 'abc' },
    { ...v.sessionHeaders(), 'X-LIVEAGENT-SEQUENCE': String(v.sequence) },
    { 'X-LIVEAGENT-API-VERSION': '56', 'X-LIVEAGENT-AFFINITY': 'x', 'X-LIVEAGENT-SESSION-KEY': '!!!', 'X-LIVEAGENT-SEQUENCE': '1' },
  ];
  let i = 0;
  for (const [method, resource] of RESOURCES) {
    // Every body on every resource, rotating through the header sets (each resource sees all four).
    const bodies = method === 'POST' ? BODIES : ['', '', '', ''];
    for (const body of bodies) {
      const headers: Record<string, string> = headerSets[i++ % headerSets.length]!;
      const query = method === 'GET' ? '?ack=zz&ReconnectSession.offset=q&org_id=&Availability.ids=' : '';
      const r = await v.raw(method, resource + query, { headers, body: method === 'POST' ? body : undefined });
      statuses.add(r.status);
      assert.ok(r.status < 500, `${method} ${resource} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
      if (r.status >= 400) assert.ok(r.text.length > 0 && r.text.length < 300, `short reason for ${resource}: ${r.text}`);
    }
  }
  assert.ok(statuses.has(400) && statuses.has(403), `saw ${[...statuses].join(',')}`);
  // Odd paths.
  for (const path of ['/chat/rest/', '/chat/rest//System//Messages', '/chat/rest/%ZZ', `${sb.base}/chat/rest/../../api/state`, '/s//chat/rest/System/SessionId']) {
    const res = await fetch(server().url + path, { headers: v.baseHeaders() });
    assert.ok(res.status < 500, `${path} → ${res.status}`);
  }
  // The chat still works: the garbage consumed no sequence numbers except where it was valid.
  const state = await api<{ chats: { status: string }[] }>(server().url, 'GET', `${sb.base}/api/state`);
  assert.ok(['active', 'ended'].includes(state.body.chats[0]!.status));
  assert.equal((await fetch(`${server().url}/healthz`)).status, 200);
});

test('wrong JSON types on the test API get 400, never 500', async () => {
  const { sb, v } = await activeChat(server().url);
  const base = `${sb.base}/api/chats/${v.id}`;
  for (const [method, path, body] of [
    ['POST', `${base}/typing`, { typing: 'yes' }],
    ['POST', `${base}/messages`, { text: 'x', count: 1.5 }],
    ['POST', `${base}/messages`, { text: 'x', count: 5000 }],
    ['POST', `${base}/custom-events`, { type: 1 }],
    ['POST', `${base}/transfer`, { agentId: 5 }],
    ['POST', `${base}/queue`, { position: -1 }],
    ['POST', `${base}/queue`, { position: 1, estimatedWaitTime: 'soon' }],
    ['POST', `${base}/accept`, { agentId: [] }],
    ['PUT', `${sb.base}/api/agents/005DEMO00000001`, []],
    ['POST', `${sb.base}/api/faults`, { kind: 'status', resource: 5 }],
    ['POST', `${sb.base}/api/faults`, { kind: 'status', seed: 'x' }],
    ['GET', `${sb.base}/api/requests?since=abc`, undefined],
  ] as const) {
    const r = await api(server().url, method, path, body);
    assert.ok(r.status === 400 || r.status === 409, `${method} ${path} ${JSON.stringify(body)} → ${r.status} ${r.text}`);
  }
});
