// The reference server's rich content and upload servlet over real HTTP (no widget code): the
// agent asks for a file, the servlet checks orgId, chatKey and fileToken, keeps the bytes under a
// size cap, answers, then sends FileTransfer Success or Failure; rich messages and postbacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeChat, api, useServer, type Msg } from './helpers.js';

const server = useServer();

function upload(url: string, q: Record<string, string>, file: Blob | null, name = 'a.txt') {
  const body = new FormData();
  if (file) body.append('file', file, name);
  return fetch(`${url}?${new URLSearchParams(q)}`, { method: 'POST', body });
}

test('a requested file arrives once with the right org, chat key and token; Success follows; the agent downloads it', async () => {
  const { sb, v } = await activeChat(server().url);
  const req = await api<{ fileToken: string }>(server().url, 'POST', `${sb.base}/api/chats/${v.id}/file-requests`);
  assert.equal(req.status, 200, req.text);
  const msgs = await v.until('FileTransfer');
  const ft = msgs.find((m) => m.type === 'FileTransfer')!.message as Record<string, string>;
  assert.equal(ft.type, 'Requested');
  assert.equal(ft.fileToken, req.body.fileToken);
  const q = { orgId: sb.orgId, chatKey: v.key.split('!')[0]!, fileToken: ft.fileToken!, encoding: 'UTF-8' };
  assert.equal(q.chatKey, v.id);
  assert.equal((await upload(ft.uploadServletUrl!, { ...q, orgId: 'wrong' }, new Blob(['x']))).status, 403);
  assert.equal((await upload(ft.uploadServletUrl!, { ...q, chatKey: 'wrong' }, new Blob(['x']))).status, 403);
  assert.equal((await upload(ft.uploadServletUrl!, { ...q, fileToken: 'wrong' }, new Blob(['x']))).status, 403);
  assert.equal((await upload(ft.uploadServletUrl!, q, null)).status, 400);
  const ok = await upload(ft.uploadServletUrl!, q, new Blob(['hello bytes'], { type: 'text/plain' }), 'hello.txt');
  assert.equal(ok.status, 200);
  const after = await v.until('FileTransfer');
  assert.equal((after.find((m: Msg) => m.type === 'FileTransfer')!.message as Record<string, string>).type, 'Success');
  // The token is spent: a second upload is refused.
  assert.equal((await upload(ft.uploadServletUrl!, q, new Blob(['again']))).status, 403);
  const files = await api<{ transfers: { status: string; file?: { name: string; size: number } }[] }>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/files`);
  assert.deepEqual(files.body.transfers[0]!.file && { name: files.body.transfers[0]!.file.name, size: files.body.transfers[0]!.file.size }, { name: 'hello.txt', size: 11 });
  const dl = await fetch(`${server().url}${sb.base}/api/chats/${v.id}/files/${ft.fileToken}`);
  assert.equal(await dl.text(), 'hello bytes');
  assert.match(dl.headers.get('content-disposition') ?? '', /attachment/);
});

test('an oversized file is refused (413) and the visitor gets Failure', async () => {
  const { sb, v } = await activeChat(server().url, { scriptedAgent: { enabled: false }, limits: { maxUploadBytes: 1000 } });
  await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/file-requests`);
  const ft = (await v.until('FileTransfer')).find((m) => m.type === 'FileTransfer')!.message as Record<string, string>;
  const res = await upload(ft.uploadServletUrl!, { orgId: sb.orgId, chatKey: v.id, fileToken: ft.fileToken!, encoding: 'UTF-8' }, new Blob([new Uint8Array(5000)]));
  assert.equal(res.status, 413);
  const after = await v.until('FileTransfer');
  assert.equal((after.find((m) => m.type === 'FileTransfer')!.message as Record<string, string>).type, 'Failure');
});

test('rich messages and files go out as CustomEvents; bad templates are refused; postbacks are listed', async () => {
  const { sb, v } = await activeChat(server().url);
  const bad = await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/rich-messages`, { template_id: 'list', elements: [{}] });
  assert.equal(bad.status, 400);
  const ok = await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/rich-messages`, { template_id: 'quick_replies', elements: [{ title: 'Q', buttons: [{ text: 'A' }] }] });
  assert.equal(ok.status, 200, ok.text);
  const ev = (await v.until('CustomEvent')).find((m) => m.type === 'CustomEvent')!.message as Record<string, string>;
  assert.equal(ev.type, 'rich_message');
  assert.equal(JSON.parse(ev.data!).template_id, 'quick_replies');
  const postback = JSON.stringify({ postback_id: 'a', value: '', text: 'A' });
  assert.equal((await v.post('Chasitor/CustomEvent', { type: 'rich_message_postback', data: postback })).status, 200);
  const files = await api<{ postbacks: { data: unknown }[] }>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/files`);
  assert.deepEqual(files.body.postbacks.map((p) => p.data), [{ postback_id: 'a', value: '', text: 'A' }]);
});
