// REST client unit cases against a scripted fetch: headers per resource, the sequence it is
// given, every status code, abort, time-out, endpoint resolution, SwitchServer. The client holds
// no session: credentials and sequence numbers are passed in.
import { expect } from '@open-wc/testing';
import { RestClient, resolveEndpoint } from '../../src/protocol/client.js';
import { ConflictError, HandoverError, ProtocolError } from '../../src/protocol/errors.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function scripted(responses: (Response | Error | ((call: Call, init: RequestInit) => Promise<Response>))[]) {
  const calls: Call[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const next = responses.shift();
    if (!next) throw new Error('no scripted response left');
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next(call, init);
    return next;
  }) as typeof fetch;
  return { calls, fetchFn };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const session = { key: 'sid!1!k=', id: 'sid', clientPollTimeout: '30', affinityToken: 'aff1' };
const creds = { key: 'sid!1!k=', affinity: 'aff1' };

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return expect.fail('expected a rejection');
}

describe('client: endpoints', () => {
  it('resolves absolute and same-origin relative endpoints, trailing slash optional', () => {
    expect(resolveEndpoint('https://h.example/chat/rest')).to.equal('https://h.example/chat/rest/');
    expect(resolveEndpoint('/liveagent/chat/rest/', 'https://site.example/shop/page')).to.equal('https://site.example/liveagent/chat/rest/');
    expect(() => resolveEndpoint('')).to.throw(ProtocolError);
  });
});

describe('client: headers and sequence', () => {
  it('SessionId sends the API version and affinity "null"; Chasitor POSTs add key, affinity and the sequence they are given', async () => {
    const { calls, fetchFn } = scripted([json(session), new Response('', { status: 200 }), new Response('', { status: 200 }), new Response(null, { status: 204 })]);
    const c = new RestClient({ endpoint: 'https://h.example/chat/rest', apiVersion: '58', fetch: fetchFn });
    const s = await c.sessionId();
    expect(s.clientPollTimeout).to.equal(30);
    await c.send(creds, 1, [{ noun: 'ChatMessage', body: { text: 'a' } }]);
    await c.send(creds, 2, [{ noun: 'ChasitorTyping', body: {} }, { noun: 'ChatMessage', body: { text: 'b' } }]);
    expect(await c.messages(creds, -1)).to.equal(null);
    expect(calls.map((x) => [x.method, new URL(x.url).pathname])).to.deep.equal([
      ['GET', '/chat/rest/System/SessionId'],
      ['POST', '/chat/rest/Chasitor/ChatMessage'],
      ['POST', '/chat/rest/System/MultiNoun'],
      ['GET', '/chat/rest/System/Messages'],
    ]);
    expect(calls[0].headers).to.deep.equal({ 'X-LIVEAGENT-API-VERSION': '58', 'X-LIVEAGENT-AFFINITY': 'null' });
    expect(calls[1].headers).to.include({ 'X-LIVEAGENT-SESSION-KEY': 'sid!1!k=', 'X-LIVEAGENT-AFFINITY': 'aff1', 'X-LIVEAGENT-SEQUENCE': '1' });
    expect(calls[2].headers['X-LIVEAGENT-SEQUENCE']).to.equal('2');
    expect(calls[2].body).to.deep.equal({ nouns: [{ prefix: 'Chasitor', noun: 'ChasitorTyping', object: {} }, { prefix: 'Chasitor', noun: 'ChatMessage', object: { text: 'b' } }] });
    expect(calls[3].headers).to.not.have.property('X-LIVEAGENT-SEQUENCE');
    expect(new URL(calls[3].url).searchParams.get('ack')).to.equal('-1');
  });

  it('Visitor resources send only the API version', async () => {
    const { calls, fetchFn } = scripted([
      json({ messages: [{ type: 'Availability', message: { results: [{ id: 'b1', isAvailable: true }] } }] }),
      new Response('', { status: 200 }),
    ]);
    const c = new RestClient({ endpoint: 'https://h.example/chat/rest/', apiVersion: '58', fetch: fetchFn });
    await c.availability('org', 'dep', ['b1', 'b2']);
    await c.breadcrumb('https://site/page', null);
    expect(calls[0].headers).to.deep.equal({ 'X-LIVEAGENT-API-VERSION': '58' });
    const q = new URL(calls[0].url).searchParams;
    expect([q.get('org_id'), q.get('deployment_id'), q.get('Availability.ids'), q.get('Availability.needEstimatedWaitTime')]).to.deep.equal(['org', 'dep', '[b1,b2]', '1']);
    expect(calls[1].body).to.deep.equal({ location: 'https://site/page' });
  });

  it('a Breadcrumb during a chat carries the chat\'s key and affinity', async () => {
    const { calls, fetchFn } = scripted([new Response('', { status: 200 })]);
    const c = new RestClient({ endpoint: 'https://h.example/chat/rest/', apiVersion: '58', fetch: fetchFn });
    await c.breadcrumb('https://site/next', creds);
    expect(calls[0].headers).to.include({ 'X-LIVEAGENT-SESSION-KEY': 'sid!1!k=', 'X-LIVEAGENT-AFFINITY': 'aff1' });
  });

  it('ReconnectSession sends affinity "null" and returns the new affinity; resetSequence absent counts as true', async () => {
    const { calls, fetchFn } = scripted([json({ messages: [{ type: 'ReconnectSession', message: { affinityToken: 'aff2' } }] })]);
    const c = new RestClient({ endpoint: 'https://h.example/chat/rest/', apiVersion: '58', fetch: fetchFn });
    const r = await c.reconnectSession(creds, 1234);
    expect(calls[0].headers).to.include({ 'X-LIVEAGENT-AFFINITY': 'null', 'X-LIVEAGENT-SESSION-KEY': 'sid!1!k=' });
    expect(new URL(calls[0].url).searchParams.get('ReconnectSession.offset')).to.equal('1234');
    expect(r).to.deep.equal({ affinityToken: 'aff2', resetSequence: true });
  });
});

describe('client: status codes', () => {
  async function statusError(status: number, body = '') {
    const { fetchFn } = scripted([new Response(body, { status })]);
    const c = new RestClient({ endpoint: 'https://h.example/chat/rest/', apiVersion: '58', fetch: fetchFn });
    return { err: await rejection(c.send(creds, 1, [{ noun: 'ChatMessage', body: { text: 'x' } }])), c };
  }
  it('403 → session-invalid', async () => expect((await statusError(403)).err).to.include({ code: 'session-invalid', status: 403 }));
  it('500 → server-error', async () => expect((await statusError(500)).err).to.include({ code: 'server-error', status: 500 }));
  it('503 → HandoverError', async () => {
    const { err } = await statusError(503);
    expect(err).to.be.instanceOf(HandoverError);
    expect(err).to.include({ status: 503 });
  });
  it('400 and 404 → http with the status', async () => {
    expect((await statusError(400)).err).to.include({ code: 'http', status: 400 });
    expect((await statusError(404)).err).to.include({ code: 'http', status: 404 });
  });
  it('409 out of sync → ConflictError with the expected number', async () => {
    const { err } = await statusError(409, 'Out of sync Ack. Expected 12. Actual 1');
    expect(err).to.be.instanceOf(ConflictError);
    expect((err as ConflictError).expected).to.equal(12);
  });
  it('409 without numbers → duplicate-poll', async () => {
    const { err } = await statusError(409, 'Duplicate long polling request');
    expect(err).to.include({ code: 'duplicate-poll', status: 409 });
    expect((err as ConflictError).expected).to.equal(null);
  });
  it('a network failure → network, not a time-out', async () => {
    const { fetchFn } = scripted([new TypeError('Failed to fetch')]);
    const c = new RestClient({ endpoint: 'https://h.example/chat/rest/', apiVersion: '58', fetch: fetchFn });
    expect(await rejection(c.send(creds, 1, [{ noun: 'ChatMessage', body: { text: 'x' } }]))).to.include({ code: 'network', timeout: false });
  });
  it('a body that is not JSON → malformed-response', async () => {
    const { fetchFn } = scripted([new Response('{"messages":[', { status: 200 })]);
    const c = new RestClient({ endpoint: 'https://h.example/chat/rest/', apiVersion: '58', fetch: fetchFn });
    expect(await rejection(c.messages(creds, -1))).to.include({ code: 'malformed-response' });
  });
});

describe('client: abort and time-out', () => {
  const hanging = (_call: Call, init: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
    });

  it('every request is abortable', async () => {
    const { fetchFn } = scripted([hanging]);
    const c = new RestClient({ endpoint: 'https://h.example/chat/rest/', apiVersion: '58', fetch: fetchFn });
    const ac = new AbortController();
    const p = c.messages(creds, -1, ac.signal);
    ac.abort();
    const e = await rejection(p);
    expect(e).to.be.instanceOf(DOMException);
    expect((e as DOMException).name).to.equal('AbortError');
  });

  it('a poll without an answer in time is a network error flagged as a time-out', async () => {
    const { fetchFn } = scripted([hanging]);
    const c = new RestClient({ endpoint: 'https://h.example/chat/rest/', apiVersion: '58', fetch: fetchFn });
    expect(await rejection(c.messages(creds, -1, undefined, 30))).to.include({ code: 'network', timeout: true });
  });
});

describe('client: SwitchServer', () => {
  it('moves the whole client to the new URL and repeats the request there', async () => {
    const { calls, fetchFn } = scripted([
      json({ messages: [{ type: 'SwitchServer', message: { newUrl: 'https://other.example/chat' } }] }),
      json({ messages: [{ type: 'Availability', message: { results: [{ id: 'b', isAvailable: true }] } }] }),
      json(session),
    ]);
    const c = new RestClient({ endpoint: 'https://h.example/chat/rest/', apiVersion: '58', fetch: fetchFn });
    let moved = '';
    c.onSwitchServer = (u) => (moved = u);
    const r = await c.availability('o', 'd', ['b']);
    expect(r[0].isAvailable).to.equal(true);
    await c.sessionId();
    expect(moved).to.equal('https://other.example/chat/rest/');
    expect(calls.map((x) => new URL(x.url).origin + new URL(x.url).pathname)).to.deep.equal([
      'https://h.example/chat/rest/Visitor/Availability',
      'https://other.example/chat/rest/Visitor/Availability',
      'https://other.example/chat/rest/System/SessionId',
    ]);
  });
});
