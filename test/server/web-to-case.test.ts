// The reference server's Web-to-Case-shaped endpoint (the widget's leave-a-message form posts there)
// and the visitor's chat rating as the agent side reads it, over real HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeChat, api, createSandbox, useServer } from './helpers.js';

const server = useServer();
const FORM = 'application/x-www-form-urlencoded;charset=UTF-8';

function post(url: string, body: string, type = FORM, headers: Record<string, string> = {}) {
  return fetch(`${url}/servlet/servlet.WebToCase`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
}

test('stores a form-encoded message with Web-to-Case field names, answers HTML without CORS headers, and lists it', async () => {
  const url = server().url;
  const sb = await createSandbox(url);
  const body = new URLSearchParams({ orgid: sb.orgId, name: 'Sam <b>', email: 'sam@example.com', subject: 'Order 42', description: 'Line 1\nLine 2', retURL: 'https://example.com/' });
  const res = await post(url + sb.base, body.toString(), FORM, { origin: 'https://shop.example' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(res.headers.get('access-control-allow-origin'), null, 'Web-to-Case answers without CORS headers');
  const list = await api<{ name: string; email: string; subject: string; description: string; extra: Record<string, string>; id: string; at: number }[]>(url, 'GET', `${sb.base}/api/offline-messages`);
  assert.equal(list.status, 200);
  assert.equal(list.body.length, 1);
  const [m] = list.body;
  assert.deepEqual({ name: m!.name, email: m!.email, subject: m!.subject, description: m!.description, extra: m!.extra }, {
    name: 'Sam <b>',
    email: 'sam@example.com',
    subject: 'Order 42',
    description: 'Line 1\nLine 2',
    extra: { retURL: 'https://example.com/' },
  });
  assert.ok(m!.id && m!.at > 0);
  const state = await api<{ offlineMessages: unknown[] }>(url, 'GET', `${sb.base}/api/state`);
  assert.equal(state.body.offlineMessages.length, 1, 'the console reads them from the state');
  // Another sandbox does not see them.
  const other = await createSandbox(url);
  assert.deepEqual((await api(url, 'GET', `${other.base}/api/offline-messages`)).body, []);
});

test('refuses a wrong orgid, a body that is not form-encoded and an empty message, storing nothing', async () => {
  const url = server().url;
  const sb = await createSandbox(url);
  const wrongOrg = await post(url + sb.base, new URLSearchParams({ orgid: '00DWRONG', email: 'a@b.c', description: 'x' }).toString());
  assert.equal(wrongOrg.status, 400);
  assert.match(await wrongOrg.text(), /orgid/);
  const json = await post(url + sb.base, JSON.stringify({ orgid: sb.orgId, email: 'a@b.c' }), 'application/json');
  assert.equal(json.status, 415);
  const empty = await post(url + sb.base, new URLSearchParams({ orgid: sb.orgId, name: 'Sam' }).toString());
  assert.equal(empty.status, 400);
  assert.deepEqual((await api(url, 'GET', `${sb.base}/api/offline-messages`)).body, []);
});

test("a chat's rating (the visitor's CustomEvent chat_rating) shows in the chat state", async () => {
  const url = server().url;
  const { sb, v } = await activeChat(url);
  const before = await api<{ rating: unknown }>(url, 'GET', `${sb.base}/api/chats/${v.id}`);
  assert.equal(before.body.rating, null);
  const r = await v.post('Chasitor/CustomEvent', { type: 'chat_rating', data: JSON.stringify({ rating: 'bad', comment: 'too slow' }) });
  assert.equal(r.status, 200, r.text);
  const after = await api<{ rating: { rating: string; comment: string; at: number } }>(url, 'GET', `${sb.base}/api/chats/${v.id}`);
  assert.equal(after.body.rating.rating, 'bad');
  assert.equal(after.body.rating.comment, 'too slow');
});
