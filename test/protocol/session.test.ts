// The session (stages, poll, outbox) against the reference server over real HTTP: each test makes its
// own sandbox, acts as the agent through the test API, and asserts both what went over
// the wire (sandbox.requests()/received(): order, headers, sequence) and what the
// visitor sees (the snapshot built by the reducer).
import { expect, waitUntil } from '@open-wc/testing';
import { activeChat, harness, init, texts } from '../helpers/session-harness.js';

describe('loop: a conversation', () => {
  it('SessionId, ChasitorInit with every property, queued, established, messages both ways in order with headers and sequence', async () => {
    const h = await harness();
    await h.session.start(init(h.sb));
    await waitUntil(() => h.snap().phase === 'queued', 'never queued', { timeout: 5000 });
    expect(h.snap().queue.position).to.equal(1);
    const chat = await h.sb.waitForChat();
    expect(chat).to.include({ visitorName: 'Jon A.', language: 'en-US', screenResolution: '1920x1080', buttonId: h.sb.buttonId });
    await h.sb.accept(h.chatId());
    await waitUntil(() => h.snap().phase === 'active', 'never active', { timeout: 5000 });
    await h.sb.say(h.chatId(), 'Hello, how can I help?');
    await waitUntil(() => texts(h.snap(), 'agent').length === 1, 'agent message not shown', { timeout: 5000 });
    h.session.send('v1', 'My order is late');
    h.session.send('v2', 'Order 42');
    await waitUntil(() => h.snap().transcript.filter((e) => e.kind === 'visitor' && e.status === 'sent').length === 2, 'not delivered', { timeout: 5000 });

    const received = await h.sb.received(h.chatId());
    const messages = received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text);
    expect(messages).to.deep.equal(['My order is late', 'Order 42']);
    const init0 = received.find((r) => r.noun === 'ChasitorInit')!;
    expect(init0.sequence).to.equal(1);
    expect(Object.keys(init0.body as object)).to.include.members([
      'organizationId', 'deploymentId', 'buttonId', 'sessionId', 'userAgent', 'language', 'screenResolution',
      'visitorName', 'prechatDetails', 'prechatEntities', 'buttonOverrides', 'receiveQueueUpdates', 'isPost',
    ]);

    const rows = await h.sb.requests();
    const sid = rows.find((r) => r.resource === 'System/SessionId')!;
    expect(sid.headers['x-liveagent-affinity']).to.equal('null');
    expect(sid.headers['x-liveagent-api-version']).to.equal('58');
    const posts = rows.filter((r) => r.method === 'POST');
    expect(posts[0].resource).to.equal('Chasitor/ChasitorInit');
    // Sequence: 1, 2, 3… one per POST, never reused, never skipped.
    expect(posts.map((r) => Number(r.headers['x-liveagent-sequence']))).to.deep.equal(posts.map((_, i) => i + 1));
    for (const p of posts) expect(p.headers['x-liveagent-session-key']).to.equal(h.session.state!.key);
    // No two POSTs in flight at once: each starts after the previous answered.
    // Ack: -1 first, then the last sequence received.
    const polls = rows.filter((r) => r.resource === 'System/Messages');
    expect(polls[0].query.ack).to.equal('-1');
    expect(polls.every((p) => p.headers['x-liveagent-session-key'] === h.session.state!.key && p.headers['x-liveagent-affinity'] === h.session.state!.affinity)).to.equal(true);
    const acks = polls.map((p) => Number(p.query.ack));
    expect([...acks].sort((a, b) => a - b)).to.deep.equal(acks);
    expect(h.saved()?.ack).to.be.greaterThan(-1);
  });

  it('holds visitor messages until ChatEstablished, then sends them in order', async () => {
    const h = await harness();
    await h.session.start(init(h.sb));
    await waitUntil(() => h.snap().phase === 'queued', 'never queued', { timeout: 5000 });
    h.session.send('a', 'first');
    h.session.send('b', 'second');
    await new Promise((r) => setTimeout(r, 300));
    expect((await h.sb.received(h.chatId())).map((r) => r.noun)).to.deep.equal(['ChasitorInit']);
    expect(h.snap().transcript.filter((e) => e.kind === 'visitor').map((e) => e.status)).to.deep.equal(['pending', 'pending']);
    await h.sb.accept(h.chatId());
    await waitUntil(() => h.snap().transcript.filter((e) => e.status === 'sent').length === 2, 'held messages not sent', { timeout: 5000 });
    const received = await h.sb.received(h.chatId());
    expect(received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text)).to.deep.equal(['first', 'second']);
    // Both were queued together: they went as one MultiNoun.
    const rows = await h.sb.requests();
    expect(rows.some((r) => r.resource === 'System/MultiNoun')).to.equal(true);
    expect(rows.filter((r) => r.method === 'POST' && r.status === 500)).to.have.length(0);
  });

  it('never has two POSTs in flight: a burst of messages, typing and events goes out serially, in order', async () => {
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      const post = init?.method === 'POST';
      if (post) most = Math.max(most, ++inFlight);
      try {
        return await fetch(input, init);
      } finally {
        if (post) inFlight--;
      }
    };
    const h = await harness({}, { fetch: counting });
    await activeChat(h);
    for (let i = 0; i < 8; i++) {
      h.session.setDraft(`draft ${i}`);
      h.session.send(`m${i}`, `message ${i}`);
      h.session.sendCustomEvent('tick', String(i));
    }
    await waitUntil(() => h.snap().transcript.filter((e) => e.kind === 'visitor' && e.status === 'sent').length === 8, 'burst not delivered', { timeout: 8000 });
    expect(most).to.equal(1);
    const received = await h.sb.received(h.chatId());
    expect(received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text)).to.deep.equal([...Array(8).keys()].map((i) => `message ${i}`));
    expect(received.filter((r) => r.noun === 'CustomEvent').map((r) => (r.body as { data: string }).data)).to.deep.equal([...Array(8).keys()].map(String));
    // Batched: far fewer requests than nouns.
    const posts = (await h.sb.requests()).filter((r) => r.method === 'POST');
    expect(posts.some((r) => r.resource === 'System/MultiNoun')).to.equal(true);
    expect(posts.length).to.be.lessThan(received.length);
  });

  it('queue updates, transfer, disconnect, typing and custom events both ways', async () => {
    const h = await harness();
    await h.session.start(init(h.sb));
    await waitUntil(() => h.snap().phase === 'queued', 'never queued', { timeout: 5000 });
    await h.sb.queue(h.chatId(), 3, 120);
    await waitUntil(() => h.snap().queue.position === 3, 'queue update not shown', { timeout: 5000 });
    expect(h.snap().queue.estimatedWaitTime).to.equal(120);
    await h.sb.accept(h.chatId(), h.sb.agents[0].id);
    await waitUntil(() => h.snap().phase === 'active');
    await h.sb.typing(h.chatId(), true);
    await waitUntil(() => h.snap().agentTyping, 'agent typing not shown', { timeout: 5000 });
    await h.sb.customEvent(h.chatId(), 'PromptForCard', 'Visa');
    await waitUntil(() => h.custom.length === 1, 'custom event not reported', { timeout: 5000 });
    expect(h.custom[0]).to.deep.equal(['PromptForCard', 'Visa']);
    h.session.sendCustomEvent('CardEntered', '4111');
    await waitUntil(async () => (await h.sb.received(h.chatId())).some((r) => r.noun === 'CustomEvent'), 'custom event not sent', { timeout: 5000 });
    await h.sb.transfer(h.chatId(), h.sb.agents[1].id);
    await waitUntil(() => h.snap().agent?.id === h.sb.agents[1].id, 'transfer not shown', { timeout: 5000 });
    await h.sb.disconnect(h.chatId());
    await waitUntil(() => h.snap().phase === 'queued', 'disconnect not shown', { timeout: 5000 });
    expect(h.snap().transcript.filter((e) => e.kind === 'system').map((e) => e.event)).to.deep.equal(['connected', 'transferred', 'agent-disconnected']);
  });

  it('re-polls after 204 with the same ack', async () => {
    const h = await harness({ clientPollTimeout: 2 });
    await activeChat(h);
    const before = (await h.sb.requests()).filter((r) => r.resource === 'System/Messages').length;
    const messagesPolls = async () => (await h.sb.requests()).filter((r) => r.resource === 'System/Messages');
    // An empty poll ends after clientPollTimeout (2 s): wait for two more polls (no fixed sleep on a busy machine).
    await waitUntil(async () => (await messagesPolls()).filter((p) => p.status === 204).length > 0 && (await messagesPolls()).length > before + 1, 'no re-poll after 204', { timeout: 10_000 });
    const polls = await messagesPolls();
    expect(polls.length).to.be.greaterThan(before + 1);
    const empties = polls.filter((p) => p.status === 204);
    expect(empties.length).to.be.greaterThan(0);
    const last = polls.at(-1)!;
    expect(last.query.ack).to.equal(empties.at(-1)!.query.ack);
  });

  it('ChatRequestFail when nobody is online', async () => {
    const h = await harness({ agents: [{ id: '005DEMO00000001', name: 'Ada L.', status: 'offline', capacity: 3, buttons: ['573DEMO00000001'], sneakPeekEnabled: true }] });
    await h.session.start(init(h.sb));
    await waitUntil(() => h.snap().phase === 'unavailable', 'not unavailable', { timeout: 5000 });
    expect(h.finished()).to.equal(true);
  });
});

describe('loop: recovery', () => {
  it('409 out of sync in the middle of a conversation: resync to Expected and resend, delivered once', async () => {
    const h = await harness();
    await activeChat(h);
    h.session.send('a', 'before');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'a' && e.status === 'sent'));
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'conflict' });
    h.session.send('b', 'during');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'b' && e.status === 'sent'), 'not delivered after 409', { timeout: 5000 });
    h.session.send('c', 'after');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'c' && e.status === 'sent'));
    const received = await h.sb.received(h.chatId());
    expect(received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text)).to.deep.equal(['before', 'during', 'after']);
    const rows = (await h.sb.requests()).filter((r) => r.resource === 'Chasitor/ChatMessage');
    expect(rows.map((r) => r.status)).to.deep.equal([200, 409, 200, 200]);
    // The resend carried the sequence the server asked for.
    expect(rows[2].headers['x-liveagent-sequence']).to.equal(rows[1].headers['x-liveagent-sequence']);
    expect(h.snap().error).to.equal(null);
  });

  it('503 on the long poll mid-conversation: ReconnectSession, new affinity, sequence reset, ResyncState, nothing lost or duplicated', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.say(h.chatId(), 'one');
    await waitUntil(() => texts(h.snap(), 'agent').length === 1);
    const oldAffinity = h.session.state!.affinity;
    await h.sb.fault({ resource: 'System/Messages', kind: 'handover' });
    await h.sb.fault({ resource: 'System/ReconnectSession', kind: 'delay', delayMs: 1000 });
    // 'two' answers the open poll; the next poll meets the 503.
    await h.sb.say(h.chatId(), 'two');
    await waitUntil(() => h.snap().phase === 'reconnecting', 'no handover', { timeout: 8000 });
    // Said while the client is away: the server hands it over only inside ChasitorSessionData.
    await h.sb.say(h.chatId(), 'during');
    h.session.send('v', 'typed during the handover');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'v' && e.status === 'sent'), 'message not resent after handover', { timeout: 8000 });
    await waitUntil(() => texts(h.snap(), 'agent').includes('during'), 'agent message lost in the handover', { timeout: 5000 });
    await h.sb.say(h.chatId(), 'three');
    await waitUntil(() => texts(h.snap(), 'agent').includes('three'), 'three not shown', { timeout: 5000 });
    expect(texts(h.snap(), 'agent')).to.deep.equal(['one', 'two', 'during', 'three']);
    expect(h.snap().transcript.map((e) => e.event).filter(Boolean)).to.include.members(['reconnecting', 'reconnected']);
    expect(h.snap().phase).to.equal('active');

    const rows = await h.sb.requests();
    const rc = rows.find((r) => r.resource === 'System/ReconnectSession')!;
    expect(rc.headers['x-liveagent-affinity']).to.equal('null');
    // The offset of the last poll that carried messages (the one that brought 'two').
    const atHandover = h.states.find((st) => st.stage === 'handover')!;
    expect(atHandover.offset).to.not.equal(null);
    expect(Number(rc.query['ReconnectSession.offset'])).to.equal(atHandover.offset);
    expect(h.session.state!.affinity).to.not.equal(oldAffinity);
    const after = rows.filter((r) => r.n > rc.n && r.method === 'POST');
    expect(after[0].resource).to.equal('Chasitor/ChasitorResyncState');
    expect(after[0].body).to.deep.equal({ organizationId: h.sb.orgId });
    expect(after[0].headers['x-liveagent-sequence']).to.equal('1');
    expect(after.every((r) => r.headers['x-liveagent-affinity'] === h.session.state!.affinity)).to.equal(true);
    const received = await h.sb.received(h.chatId());
    expect(received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text)).to.deep.equal(['typed during the handover']);
  });

  it('503 on a POST keeps the message and resends it after the handover', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'handover', resetSequence: false });
    h.session.send('x', 'kept');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'x' && e.status === 'sent'), 'not resent', { timeout: 8000 });
    const received = await h.sb.received(h.chatId());
    expect(received.filter((r) => r.noun === 'ChatMessage')).to.have.length(1);
    expect(received.map((r) => r.noun)).to.include('ChasitorResyncState');
  });

  it('a duplicate-poll 409 ends the chat with a typed error', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'System/Messages', kind: 'conflict' });
    await h.sb.say(h.chatId(), 'wake');
    await waitUntil(() => h.snap().phase === 'ended', 'not ended', { timeout: 5000 });
    expect(h.snap().error?.code).to.equal('duplicate-poll');
    expect(h.snap().ended?.reason).to.equal('duplicate-poll');
  });

  it('403 ends the chat with session-invalid', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'System/Messages', kind: 'status', status: 403, body: 'Session ended' });
    await h.sb.say(h.chatId(), 'wake');
    await waitUntil(() => h.snap().phase === 'ended', 'not ended', { timeout: 5000 });
    expect(h.snap().error?.code).to.equal('session-invalid');
  });

  it('403 on a POST with no ChatEnded to follow ends the chat with session-invalid', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'status', status: 403, body: 'Invalid session key' });
    h.session.send('gone', 'hello?');
    await waitUntil(() => h.snap().phase === 'ended', 'not ended', { timeout: 6000 });
    expect(h.snap().ended!.reason).to.equal('session-invalid');
    expect(h.snap().error?.code).to.equal('session-invalid');
    expect(h.snap().transcript.find((e) => e.id === 'gone')?.status).to.equal('failed');
  });

  it('500 on a message is retried with the same number and body until it goes; it is never shown failed', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'status', status: 500, times: 2 });
    h.session.send('f', 'try me');
    await waitUntil(() => h.snap().error?.code === 'server-error', 'trouble not shown', { timeout: 5000 });
    expect(h.snap().transcript.find((e) => e.id === 'f')?.status).to.equal('pending');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'f' && e.status === 'sent'), 'not sent after the 500s', { timeout: 5000 });
    expect(h.snap().error).to.equal(null);
    const rows = (await h.sb.requests()).filter((r) => r.resource === 'Chasitor/ChatMessage');
    expect(rows.map((r) => r.status)).to.deep.equal([500, 500, 200]);
    expect(new Set(rows.map((r) => r.headers['x-liveagent-sequence'])).size).to.equal(1);
    expect(new Set(rows.map((r) => JSON.stringify(r.body))).size).to.equal(1);
    const received = await h.sb.received(h.chatId());
    expect(received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text)).to.deep.equal(['try me']);
  });

  it('a definitive refusal (400) marks the message failed; the visitor retries it', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'status', status: 400 });
    h.session.send('f', 'try me');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'f' && e.status === 'failed'), 'not failed', { timeout: 5000 });
    expect(h.snap().error?.code).to.equal('http');
    h.session.retry('f', 'try me');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'f' && e.status === 'sent'), 'retry not sent', { timeout: 5000 });
    const received = await h.sb.received(h.chatId());
    expect(received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text)).to.deep.equal(['try me']);
  });

  it('a dropped connection and a malformed body are retried; messages keep flowing', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'System/Messages', kind: 'drop' });
    await h.sb.say(h.chatId(), 'after drop');
    await waitUntil(() => texts(h.snap(), 'agent').includes('after drop'), 'lost after drop', { timeout: 8000 });
    await h.sb.fault({ resource: 'System/Messages', kind: 'malformed' });
    await h.sb.say(h.chatId(), 'after malformed');
    await waitUntil(() => texts(h.snap(), 'agent').includes('after malformed'), 'lost after malformed', { timeout: 8000 });
    expect(texts(h.snap(), 'agent')).to.deep.equal(['after drop', 'after malformed']);
    expect(h.snap().phase).to.equal('active');
  });

  it('is back from reconnecting once a poll is held open, without waiting for the long poll to answer', async () => {
    const h = await harness({ clientPollTimeout: 30 });
    await activeChat(h);
    await h.sb.fault({ resource: 'System/Messages', kind: 'drop', times: 3 });
    await h.sb.say(h.chatId(), 'wake');
    await waitUntil(() => h.snap().phase === 'reconnecting', 'never reconnecting', { timeout: 5000 });
    expect(h.snap().error?.code).to.equal('network');
    await waitUntil(() => h.snap().phase === 'active', 'not back', { timeout: 5000 });
    expect(h.snap().error).to.equal(null);
    const polls = (await h.sb.requests()).filter((r) => r.resource === 'System/Messages');
    expect(polls.at(-1)!.status).to.equal(0); // still open: recovery did not need an answer
    await h.sb.say(h.chatId(), 'after');
    await waitUntil(() => texts(h.snap(), 'agent').includes('after'), 'no messages after recovery', { timeout: 5000 });
  });

  it('a 500 on the poll is a typed error, retried; it clears when the poll works again', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'System/Messages', kind: 'status', status: 500 });
    const seen: (string | undefined)[] = [];
    const watch = setInterval(() => seen.push(h.snap().error?.code), 5);
    try {
      await h.sb.say(h.chatId(), 'first');
      await h.sb.say(h.chatId(), 'second');
      await waitUntil(() => texts(h.snap(), 'agent').includes('second'), 'lost after a 500', { timeout: 8000 });
    } finally {
      clearInterval(watch);
    }
    expect(seen).to.include('server-error');
    await waitUntil(() => h.snap().error === null, 'error not cleared', { timeout: 3000 });
    expect(texts(h.snap(), 'agent')).to.deep.equal(['first', 'second']);
  });

  it('gives up after the session time-out when the network does not come back', async () => {
    const h = await harness({}, { sessionTimeoutMs: 1500 });
    await activeChat(h);
    await h.sb.fault({ resource: 'System/Messages', kind: 'drop', times: 1000 });
    await h.sb.say(h.chatId(), 'wake');
    await waitUntil(() => h.snap().phase === 'ended', 'never gave up', { timeout: 10_000 });
    expect(h.snap().ended?.reason).to.equal('error');
    expect(h.snap().error?.code).to.equal('network');
  });

  it('a network error on a POST is retried with the same sequence', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'drop' });
    h.session.send('d', 'survives a drop');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'd' && e.status === 'sent'), 'not resent', { timeout: 8000 });
    const rows = (await h.sb.requests()).filter((r) => r.resource === 'Chasitor/ChatMessage');
    expect(rows).to.have.length(2);
    expect(rows[0].headers['x-liveagent-sequence']).to.equal(rows[1].headers['x-liveagent-sequence']);
  });
});

describe('loop: while chatting', () => {
  it('typing and sneak peek while typing at a realistic speed: one Typing per burst, throttled peeks, final draft seen, nothing after send', async () => {
    const h = await harness({}, { sneakPeekIntervalMs: 500, typingPauseMs: 1500 });
    await h.session.start(init(h.sb));
    await waitUntil(() => h.snap().phase === 'queued');
    await h.sb.accept(h.chatId(), h.sb.agents[0].id); // Ada has sneak peek on
    await waitUntil(() => h.snap().agent?.sneakPeekEnabled === true);
    const text = 'Where is my order 42?';
    const started = Date.now();
    for (let i = 1; i <= text.length; i++) {
      h.session.setDraft(text.slice(0, i));
      await new Promise((r) => setTimeout(r, 110)); // ~9 keys per second
    }
    const typedMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, 600));
    const chat = await h.sb.waitForChat();
    expect(chat.sneakPeek).to.equal(text); // trailing edge: the agent saw the final draft
    h.session.send('m', text);
    h.session.setDraft('');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'm' && e.status === 'sent'));
    await new Promise((r) => setTimeout(r, 700));
    const nouns = (await h.sb.received(h.chatId())).map((r) => r.noun);
    const peeks = nouns.filter((n) => n === 'ChasitorSneakPeek').length;
    // At most one per 500 ms (+1 for the leading edge), far fewer than keystrokes.
    expect(peeks).to.be.at.most(Math.ceil(typedMs / 500) + 2);
    expect(peeks).to.be.at.least(2);
    expect(peeks).to.be.lessThan(text.length / 2);
    expect(nouns.filter((n) => n === 'ChasitorTyping')).to.have.length(1);
    expect(nouns.filter((n) => n === 'ChasitorNotTyping')).to.have.length(1);
    const msgAt = nouns.indexOf('ChatMessage');
    expect(nouns.slice(msgAt + 1).filter((n) => n === 'ChasitorSneakPeek')).to.have.length(0);
  });

  it('no sneak peek when the agent has it disabled', async () => {
    const h = await harness();
    await h.session.start(init(h.sb));
    await waitUntil(() => h.snap().phase === 'queued');
    await h.sb.accept(h.chatId(), h.sb.agents[1].id); // Grace: sneak peek off
    await waitUntil(() => h.snap().phase === 'active');
    h.session.setDraft('hello');
    const nouns = async () => (await h.sb.received(h.chatId())).map((r) => r.noun);
    await waitUntil(async () => (await nouns()).includes('ChasitorTyping'), 'typing not sent', { timeout: 5000 });
    // A sneak peek would go right after the typing (the throttle's first value goes at once).
    await new Promise((r) => setTimeout(r, 600));
    expect(await nouns()).to.not.include('ChasitorSneakPeek');
  });

  it('applies sensitive-data rules before the text leaves and reports them', async () => {
    const h = await harness();
    await activeChat(h);
    h.session.send('s', 'my card is 4111 1111 1111 1111 ok');
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 's' && e.status === 'sent'));
    const received = await h.sb.received(h.chatId());
    const sent = (received.find((r) => r.noun === 'ChatMessage')!.body as { text: string }).text;
    expect(sent).to.not.contain('4111');
    expect(h.snap().transcript.find((e) => e.id === 's')!.text).to.equal(sent);
    await waitUntil(async () => (await h.sb.received(h.chatId())).some((r) => r.noun === 'SensitiveDataRuleTriggered'), 'rule not reported', { timeout: 5000 });
  });

  it('idle time-out on the client: warning, triggered, cleared on reply, end at the time-out', async () => {
    const h = await harness({ idleTimeout: { isEnabled: true, warningTime: 1, timeout: 2 } });
    await activeChat(h);
    await h.sb.say(h.chatId(), 'Still there?');
    await waitUntil(() => h.snap().idleWarning !== null, 'no idle warning', { timeout: 4000 });
    h.session.send('r', 'yes');
    await waitUntil(() => h.snap().idleWarning === null);
    await waitUntil(async () => (await h.sb.received(h.chatId())).filter((r) => r.noun === 'ChasitorIdleTimeoutWarningEvent').length === 2, 'warning events not sent', { timeout: 4000 });
    const events = (await h.sb.received(h.chatId())).filter((r) => r.noun === 'ChasitorIdleTimeoutWarningEvent').map((r) => (r.body as { idleTimeoutWarningEvent: string }).idleTimeoutWarningEvent);
    expect(events).to.deep.equal(['triggered', 'cleared']);
    await h.sb.say(h.chatId(), 'Hello?');
    await waitUntil(() => h.snap().phase === 'ended', 'idle time-out did not end the chat', { timeout: 5000 });
    expect(h.snap().ended?.reason).to.equal('idle');
    const end = (await h.sb.received(h.chatId())).find((r) => r.noun === 'ChatEnd')!;
    expect((end.body as { reason: string }).reason).to.equal('client');
  });
});

describe('loop: ending', () => {
  it('the agent ends: ChatEnded with attachedRecords, post-chat URL with chat key', async () => {
    const h = await harness({ postChatUrl: 'https://example.com/survey', postChat: { enabled: true, attachedRecords: { ContactId: '003X' } } });
    await activeChat(h);
    await h.sb.end(h.chatId());
    await waitUntil(() => h.snap().phase === 'ended', 'not ended', { timeout: 5000 });
    const ended = h.snap().ended!;
    expect(ended.reason).to.equal('agent');
    expect(JSON.parse(ended.attachedRecords!)).to.deep.equal({ ContactId: '003X' });
    const url = new URL(ended.postChatUrl!);
    expect(url.origin + url.pathname).to.equal('https://example.com/survey');
    expect(url.searchParams.get('chatKey')).to.equal(h.session.state!.key);
    expect(JSON.parse(url.searchParams.get('attachedRecords')!)).to.deep.equal({ ContactId: '003X' });
    expect(h.finished()).to.equal(true);
  });

  it('the agent ends while a visitor POST is under way: its 403 waits for the poll, which says the agent ended', async () => {
    const h = await harness();
    await activeChat(h);
    // Hold the next poll back so the visitor's POST meets the ended session first.
    await h.sb.fault({ resource: 'System/Messages', kind: 'delay', delayMs: 1500 });
    await h.sb.say(h.chatId(), 'wake');
    await waitUntil(() => texts(h.snap(), 'agent').includes('wake'), 'no agent message', { timeout: 5000 });
    await h.sb.end(h.chatId());
    h.session.send('late', 'are you still there?');
    await waitUntil(async () => (await h.sb.requests()).some((r) => r.resource === 'Chasitor/ChatMessage' && r.status === 403), 'the POST never met the ended session', { timeout: 5000 });
    await waitUntil(() => h.snap().phase === 'ended', 'not ended', { timeout: 6000 });
    expect(h.snap().ended!.reason).to.equal('agent');
    expect(h.snap().error).to.equal(null);
    expect(h.snap().transcript.find((e) => e.id === 'late')?.status).to.equal('failed');
  });

  it('the visitor ends: pending messages go first, ChatEnd {reason:"client"}, one more poll for attachedRecords', async () => {
    const h = await harness({ postChatUrl: 'https://example.com/survey', postChat: { enabled: true, attachedRecords: { CaseId: '500X' } } });
    await activeChat(h);
    h.session.send('last', 'bye');
    await h.session.end();
    expect(h.snap().phase).to.equal('ended');
    expect(h.snap().ended?.reason).to.equal('visitor');
    expect(JSON.parse(h.snap().ended!.attachedRecords!)).to.deep.equal({ CaseId: '500X' });
    const received = await h.sb.received(h.chatId());
    const nouns = received.map((r) => r.noun).filter((n) => n === 'ChatMessage' || n === 'ChatEnd');
    expect(nouns).to.deep.equal(['ChatMessage', 'ChatEnd']);
    expect(received.find((r) => r.noun === 'ChatEnd')!.body).to.deep.equal({ reason: 'client' });
    // attachedRecords only come in the ChatEnded that answers ChatEnd: a poll after ChatEnd was read.
    expect(h.snap().ended!.postChatUrl).to.contain('attachedRecords=');
  });

  it('a message typed while still connecting is kept and sent once the agent joins', async () => {
    const h = await harness();
    const started = h.session.start(init(h.sb));
    h.session.send('early', 'typed while connecting');
    expect(h.snap().transcript.find((e) => e.id === 'early')?.status).to.equal('pending');
    await started;
    await waitUntil(() => h.snap().phase === 'queued');
    await h.sb.accept(h.chatId());
    await waitUntil(() => h.snap().transcript.some((e) => e.id === 'early' && e.status === 'sent'), 'early message lost', { timeout: 5000 });
    const received = await h.sb.received(h.chatId());
    expect(received.map((r) => r.noun)).to.deep.equal(['ChasitorInit', 'ChatMessage']);
  });

  it('ending while still connecting cancels the start and leaves nothing running', async () => {
    const h = await harness();
    const started = h.session.start(init(h.sb));
    await h.session.end();
    await started;
    expect(h.snap().phase).to.equal('ended');
    expect(h.session.active).to.equal(false);
    const chats = (await h.sb.state()).chats;
    expect(chats.every((c) => c.status === 'ended')).to.equal(true);
  });

  it('leaving the queue ends the chat on the server', async () => {
    const h = await harness();
    await h.session.start(init(h.sb));
    await waitUntil(() => h.snap().phase === 'queued');
    await h.session.end();
    expect(h.snap().phase).to.equal('ended');
    const chat = await h.sb.waitForChat();
    expect(chat.status).to.equal('ended');
  });
});
