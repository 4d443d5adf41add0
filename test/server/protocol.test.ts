// Core Chat REST protocol against the reference server over real HTTP: sessions, ChasitorInit,
// long polling, every Chasitor noun, MultiNoun, ending, and what the agent side records.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { activeChat, api, createSandbox, useServer, Visitor, type Msg } from './helpers.js';

const server = useServer();

describe('System/SessionId', () => {
  test('GET creates a session in the real payload shape', async () => {
    const sb = await createSandbox(server().url, { clientPollTimeout: 7, scriptedAgent: { enabled: false } });
    const v = new Visitor(server().url, sb);
    const r = await v.session();
    const body = r.json as Record<string, unknown>;
    assert.equal(typeof body.key, 'string');
    assert.ok((body.key as string).startsWith(`${body.id as string}!`), 'key starts with the id and "!"');
    assert.equal(body.clientPollTimeout, 7, 'numeric clientPollTimeout from the config');
    assert.match(body.affinityToken as string, /^[0-9a-f]{8}$/);
  });

  test('DELETE /System/SessionId/{key} ends the session; later requests get 403', async () => {
    const { sb, v } = await activeChat(server().url);
    const del = await v.raw('DELETE', `System/SessionId/${encodeURIComponent(v.key)}`, { headers: { ...v.baseHeaders(), 'X-LIVEAGENT-AFFINITY': v.affinity } });
    assert.equal(del.status, 200, del.text);
    const after = await v.post('Chasitor/ChatMessage', { text: 'still there?' });
    assert.equal(after.status, 403);
    const state = await api<{ chats: { id: string; status: string }[] }>(server().url, 'GET', `${sb.base}/api/state`);
    assert.equal(state.body.chats.find((c) => c.id === v.id)?.status, 'ended');
    const again = await v.raw('DELETE', `System/SessionId/${encodeURIComponent(v.key)}`, { headers: { ...v.baseHeaders(), 'X-LIVEAGENT-AFFINITY': v.affinity } });
    assert.equal(again.status, 403);
  });
});

describe('ChasitorInit and the queue', () => {
  test('ChatRequestSuccess carries the documented and undocumented fields', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await v.start();
    const msgs = await v.until('ChatRequestSuccess');
    const success = msgs.find((m) => m.type === 'ChatRequestSuccess')!.message;
    assert.equal(success.queuePosition, 1);
    assert.equal(success.estimatedWaitTime, -1, 'no chat accepted yet: unknown');
    assert.equal((success.geoLocation as Record<string, unknown>).countryCode, 'US');
    assert.deepEqual(success.customDetails, [{ label: 'E-mail Address', value: 'jon@example.com', transcriptFields: ['c__EmailAddress'], displayToAgent: true }]);
    assert.equal(typeof success.visitorId, 'string');
    assert.ok('postChatUrl' in success && 'url' in success && 'oref' in success);
    assert.equal(typeof success.connectionTimeout, 'number');
    assert.ok(Array.isArray(success.sensitiveDataRules));
    assert.equal(success.transcriptSaveEnabled, false);
  });

  test('the first message has sequence 0 and the first poll acks -1', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await v.start();
    const r = await v.poll(-1);
    assert.equal(r.status, 200);
    assert.equal((r.json as { sequence: number }).sequence, 0);
    assert.equal(typeof (r.json as { offset: number }).offset, 'number');
  });

  test('ChatRequestFail Unavailable (with postChatUrl) when no agent of the button is online', async () => {
    const sb = await createSandbox(server().url, { scriptedAgent: { enabled: false }, postChatUrl: 'https://example.com/post' });
    for (const a of sb.agents) await api(server().url, 'PUT', `${sb.base}/api/agents/${a.id}`, { status: 'away' });
    const v = new Visitor(server().url, sb);
    await v.start();
    const msgs = await v.until('ChatRequestFail');
    assert.deepEqual(msgs.find((m) => m.type === 'ChatRequestFail')!.message, { reason: 'Unavailable', postChatUrl: 'https://example.com/post' });
    const next = await v.poll();
    assert.equal(next.status, 403, 'the session is over once the failure was collected');
  });

  test('a second ChasitorInit is refused', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await v.start();
    const r = await v.post('Chasitor/ChasitorInit', v.initBody());
    assert.equal(r.status, 400);
    assert.match(r.text, /already/);
  });

  test('QueueUpdate reaches queued visitors as the queue moves, only with receiveQueueUpdates', async () => {
    const sb = await createSandbox(server().url);
    const first = new Visitor(server().url, sb);
    const second = new Visitor(server().url, sb);
    const third = new Visitor(server().url, sb);
    await first.start();
    await second.start();
    await third.start({ receiveQueueUpdates: false });
    const s2 = (await second.until('ChatRequestSuccess')).find((m) => m.type === 'ChatRequestSuccess')!.message;
    assert.equal(s2.queuePosition, 2);
    await third.until('ChatRequestSuccess');
    const acc = await api(server().url, 'POST', `${sb.base}/api/chats/${first.id}/accept`, {});
    assert.equal(acc.status, 200);
    const update = (await second.until('QueueUpdate')).find((m) => m.type === 'QueueUpdate')!.message;
    assert.equal(update.position, 1);
    assert.equal(typeof update.estimatedWaitTime, 'number');
    assert.ok((update.estimatedWaitTime as number) >= 0, 'an accepted chat makes the wait time known');
    const t = await third.poll(third.ack);
    assert.equal(t.status, 204, 'no QueueUpdate without receiveQueueUpdates');
  });
});

describe('System/Messages long polling', () => {
  test('several pending messages arrive in one 200', async () => {
    const { sb, v } = await activeChat(server().url);
    await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/messages`, { text: 'burst', count: 3 });
    const r = await v.poll();
    assert.equal(r.status, 200);
    const body = r.json as { messages: Msg[]; sequence: number };
    assert.deepEqual(
      body.messages.map((m) => m.message.text),
      ['burst #1', 'burst #2', 'burst #3'],
    );
  });

  test('a waiting poll is answered when the agent speaks', async () => {
    const { sb, v } = await activeChat(server().url);
    const pending = v.poll();
    await new Promise((r) => setTimeout(r, 100));
    await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/messages`, { text: 'Hello there' });
    const r = await pending;
    assert.equal(r.status, 200);
    const msg = (r.json as { messages: Msg[] }).messages[0]!;
    assert.equal(msg.type, 'ChatMessage');
    assert.equal(msg.message.text, 'Hello there');
    assert.equal(msg.message.name, 'Ada L.');
    assert.deepEqual(msg.message.schedule, { responseDelayMilliseconds: 0 });
    assert.equal(msg.message.agentId, sb.agents[0]!.id);
  });

  test('an empty poll answers 204 about one second before clientPollTimeout', async () => {
    const sb = await createSandbox(server().url, { clientPollTimeout: 2, scriptedAgent: { enabled: false } });
    const v = new Visitor(server().url, sb);
    await v.session();
    const started = Date.now();
    const r = await v.poll(-1);
    const took = Date.now() - started;
    assert.equal(r.status, 204);
    assert.equal(r.text, '');
    assert.ok(took >= 800 && took < 2000, `answered after ${took} ms, expected about 1000`);
  });

  test('messages at or below ack are not resent; an old ack gets them again', async () => {
    const { sb, v } = await activeChat(server().url);
    await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/messages`, { text: 'one' });
    const first = await v.poll();
    const seq = (first.json as { sequence: number }).sequence;
    await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/messages`, { text: 'two' });
    const second = await v.poll(seq);
    assert.deepEqual((second.json as { messages: Msg[] }).messages.map((m) => m.message.text), ['two']);
    const replay = await v.poll(seq - 1);
    assert.deepEqual((replay.json as { messages: Msg[] }).messages.map((m) => m.message.text), ['one', 'two']);
  });
});

describe('Chasitor nouns', () => {
  test('ChatMessage, typing, sneak peek and CustomEvent are recorded in order for the agent side', async () => {
    const { sb, v } = await activeChat(server().url);
    assert.equal((await v.post('Chasitor/ChasitorTyping', {})).status, 200);
    let state = await api<{ chats: Record<string, unknown>[] }>(server().url, 'GET', `${sb.base}/api/state`);
    assert.equal(state.body.chats[0]!.visitorTyping, true);
    assert.equal((await v.post('Chasitor/ChasitorSneakPeek', { position: 0, text: 'I have a q' })).status, 200);
    state = await api(server().url, 'GET', `${sb.base}/api/state`);
    assert.equal(state.body.chats[0]!.sneakPeek, 'I have a q');
    assert.equal((await v.post('Chasitor/ChasitorNotTyping', {})).status, 200);
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'I have a question' })).status, 200);
    assert.equal((await v.post('Chasitor/CustomEvent', { type: 'PromptForCreditCard', data: 'Visa' })).status, 200);
    const received = await api<{ noun: string; body: Record<string, unknown>; sequence: number }[]>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/received`);
    assert.deepEqual(
      received.body.map((r) => [r.noun, r.sequence]),
      [
        ['ChasitorInit', 1],
        ['ChasitorTyping', 2],
        ['ChasitorSneakPeek', 3],
        ['ChasitorNotTyping', 4],
        ['ChatMessage', 5],
        ['CustomEvent', 6],
      ],
    );
    assert.equal(received.body[4]!.body.text, 'I have a question');
    state = await api(server().url, 'GET', `${sb.base}/api/state`);
    const chat = state.body.chats[0]!;
    assert.equal(chat.visitorTyping, false);
    assert.deepEqual((chat.transcript as { type: string; content: string }[]).map((t) => [t.type, t.content]), [['Chasitor', 'I have a question']]);
  });

  test('MultiNoun runs its nouns in order under one sequence number', async () => {
    const { sb, v } = await activeChat(server().url);
    const r = await v.post('System/MultiNoun', {
      nouns: [
        { prefix: 'Chasitor', noun: 'ChatMessage', object: { text: 'Goodbye' } },
        { prefix: 'Chasitor', noun: 'ChatEnd', object: { reason: 'client' } },
      ],
    });
    assert.equal(r.status, 200, r.text);
    const received = await api<{ noun: string; sequence: number }[]>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/received`);
    assert.deepEqual(received.body.slice(1).map((x) => [x.noun, x.sequence]), [
      ['ChatMessage', 2],
      ['ChatEnd', 2],
    ]);
    const ended = await v.until('ChatEnded');
    assert.equal(ended.find((m) => m.type === 'ChatEnded')!.message.reason, 'client');
  });

  test('MultiNoun with an invalid noun applies nothing (400)', async () => {
    const { sb, v } = await activeChat(server().url);
    const r = await v.post('System/MultiNoun', {
      nouns: [
        { prefix: 'Chasitor', noun: 'ChatMessage', object: { text: 'kept?' } },
        { prefix: 'Chasitor', noun: 'ChatMessage', object: { text: 42 } },
      ],
    });
    assert.equal(r.status, 400);
    const received = await api<{ noun: string }[]>(server().url, 'GET', `${sb.base}/api/chats/${v.id}/received`);
    assert.equal(received.body.length, 1, 'only ChasitorInit');
    assert.equal((await v.post('Chasitor/ChatMessage', { text: 'next' })).status, 200, 'the failed batch did not use the sequence number');
  });

  test('ChatEnd requires a reason (400), then ends the chat; one more poll gets ChatEnded with attachedRecords', async () => {
    const { sb, v } = await activeChat(server().url, { scriptedAgent: { enabled: false }, postChat: { enabled: true } });
    const bad = await v.post('Chasitor/ChatEnd', {});
    assert.equal(bad.status, 400);
    assert.match(bad.text, /reason/);
    assert.equal((await v.post('Chasitor/ChatEnd', { reason: 'client' })).status, 200);
    const r = await v.poll();
    assert.equal(r.status, 200);
    const ended = (r.json as { messages: Msg[] }).messages.find((m) => m.type === 'ChatEnded')!;
    assert.deepEqual(ended.message, { reason: 'client', attachedRecords: { ContactId: '003DEMO00000001' } });
    assert.equal((await v.poll()).status, 403);
    const state = await api<{ chats: { status: string; endReason: string }[] }>(server().url, 'GET', `${sb.base}/api/state`);
    assert.equal(state.body.chats[0]!.status, 'ended');
  });

  test('ChatEnd while queued cancels the request (allowed before ChatEstablished)', async () => {
    const sb = await createSandbox(server().url);
    const v = new Visitor(server().url, sb);
    await v.start();
    assert.equal((await v.post('Chasitor/ChatEnd', { reason: 'client' })).status, 200);
    const state = await api<{ queue: string[] }>(server().url, 'GET', `${sb.base}/api/state`);
    assert.deepEqual(state.body.queue, []);
  });

  test('idle time-out warning events and sensitive data rule triggers are recorded', async () => {
    const { sb, v } = await activeChat(server().url);
    assert.equal((await v.post('Chasitor/ChasitorIdleTimeoutWarningEvent', { idleTimeoutWarningEvent: 'triggered' }, { sequence: null })).status, 200);
    assert.equal((await v.post('Chasitor/ChasitorIdleTimeoutWarningEvent', { idleTimeoutWarningEvent: 'soon' }, { sequence: null })).status, 400);
    assert.equal((await v.post('Chasitor/SensitiveDataRuleTriggered', { rules: [{ id: '0GODEMO00000001', name: 'Card numbers' }] }, { sequence: null })).status, 200);
    const noHeaders = await v.raw('POST', 'Chasitor/SensitiveDataRuleTriggered', {
      headers: v.baseHeaders(),
      body: JSON.stringify({ rules: [{ name: 'Card numbers' }], chatId: v.id }),
    });
    assert.equal(noHeaders.status, 200, 'the guide lists only the API version header; chatId names the chat');
    const state = await api<{ chats: Record<string, unknown>[] }>(server().url, 'GET', `${sb.base}/api/state`);
    const chat = state.body.chats[0]!;
    assert.deepEqual((chat.idleWarnings as { event: string }[]).map((w) => w.event), ['triggered']);
    assert.equal((chat.sensitiveDataTriggered as unknown[]).length, 2);
  });

  test('ChatEstablished carries per-agent sneakPeekEnabled and chasitorIdleTimeout; SensitiveDataRules follow', async () => {
    const sb = await createSandbox(server().url, { scriptedAgent: { enabled: false }, idleTimeout: { isEnabled: true, warningTime: 30, timeout: 60 } });
    const v = new Visitor(server().url, sb);
    await v.start();
    await v.until('ChatRequestSuccess');
    await api(server().url, 'POST', `${sb.base}/api/chats/${v.id}/accept`, { agentId: sb.agents[1]!.id });
    const msgs = await v.until('SensitiveDataRules');
    const est = msgs.find((m) => m.type === 'ChatEstablished')!.message;
    assert.equal(est.name, 'Grace H.');
    assert.equal(est.userId, sb.agents[1]!.id);
    assert.equal(est.sneakPeekEnabled, false);
    assert.deepEqual(est.chasitorIdleTimeout, { isEnabled: true, warningTime: 30, timeout: 60 });
    const rules = msgs.find((m) => m.type === 'SensitiveDataRules')!.message;
    assert.equal((rules.sensitiveDataRules as { name: string }[])[0]!.name, 'Card numbers');
  });
});
