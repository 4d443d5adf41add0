// The session's stage table on virtual time: (stage, event) → (stage, requests, inputs), with a
// scripted wire instead of a server (what only a server shows is in session.test.ts and
// delivery.test.ts). The clock is the test's: backoff, grace and idle timers run when it says.
import { expect } from '@open-wc/testing';
import { RestClient } from '../../src/protocol/client.js';
import type { ChatInput } from '../../src/protocol/reducer.js';
import { ChatSession, type StageKind } from '../../src/protocol/session.js';
import { VirtualClock } from '../helpers/virtual-clock.js';

interface Sent {
  method: string;
  resource: string;
  seq: string | null;
  affinity: string | null;
  body: unknown;
}

type Outcome = 'ok' | 'network' | number;

/** The server side, scripted: POST outcomes in order (default ok), polls held until `push`. */
class Wire {
  sent: Sent[] = [];
  posts: Outcome[] = [];
  private polls: { resolve: (r: Response) => void; reject: (e: unknown) => void }[] = [];
  affinity = 'a1';
  pollOutcome: Outcome | null = null;

  readonly fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const resource = url.pathname.replace(/^\/chat\/rest\//, '');
    const headers = init.headers as Record<string, string>;
    const method = init.method ?? 'GET';
    this.sent.push({
      method,
      resource,
      seq: headers['X-LIVEAGENT-SEQUENCE'] ?? null,
      affinity: headers['X-LIVEAGENT-AFFINITY'] ?? null,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    const answer = (o: Outcome, body = ''): Response => {
      if (o === 'network') throw new TypeError('Failed to fetch');
      return new Response(o === 'ok' ? body : `status ${o}`, { status: o === 'ok' ? 200 : o });
    };
    if (resource === 'System/SessionId') return answer('ok', JSON.stringify({ key: 'k!1', id: 'k', clientPollTimeout: 600, affinityToken: this.affinity }));
    if (resource === 'System/ReconnectSession') {
      this.affinity = 'a2';
      return answer('ok', JSON.stringify({ messages: [{ type: 'ReconnectSession', message: { affinityToken: 'a2', resetSequence: true } }] }));
    }
    if (resource === 'System/Messages') {
      if (this.pollOutcome !== null) {
        const o = this.pollOutcome;
        this.pollOutcome = null;
        return answer(o);
      }
      return new Promise<Response>((resolve, reject) => {
        const entry = { resolve, reject };
        this.polls.push(entry);
        init.signal?.addEventListener('abort', () => {
          this.polls = this.polls.filter((p) => p !== entry);
          reject(new DOMException('Aborted', 'AbortError'));
        });
      });
    }
    if (method === 'DELETE') return answer('ok');
    return answer(resource === 'Chasitor/ChasitorInit' ? 'ok' : (this.posts.shift() ?? 'ok'));
  }) as typeof fetch;

  /** Answers the open poll with these messages. */
  push(...messages: { type: string; message: Record<string, unknown> }[]): void {
    const p = this.polls.shift();
    if (!p) throw new Error('no poll is open');
    p.resolve(new Response(JSON.stringify({ messages, sequence: this.sent.length, offset: this.sent.length }), { status: 200 }));
  }

  get openPolls(): number {
    return this.polls.length;
  }

  postsTo(resource: string): Sent[] {
    return this.sent.filter((s) => s.method === 'POST' && s.resource === resource);
  }
}

const established = { type: 'ChatEstablished', message: { name: 'Ada', userId: 'u1', sneakPeekEnabled: false, chasitorIdleTimeout: { isEnabled: false } } };

async function setup(options: { idle?: { warningTime: number; timeout: number } } = {}) {
  const clock = new VirtualClock();
  const wire = new Wire();
  const inputs: ChatInput[] = [];
  const warnings: string[] = [];
  let finished = false;
  const client = new RestClient({ endpoint: 'https://chat.example/chat/rest/', apiVersion: '58', fetch: wire.fetch });
  const session = new ChatSession(
    client,
    { dispatch: (i) => inputs.push(i), changed: () => {}, customEvent: () => {}, finished: () => (finished = true), warn: (code, m) => warnings.push(`${code}: ${m}`) },
    { orgId: 'org', clock, backoffMs: 500, maxBackoffMs: 4000 },
  );
  const stage = (): StageKind => session.stage.kind;
  const started = session.start({
    organizationId: 'org', deploymentId: 'dep', buttonId: 'b', userAgent: 'ua', language: 'en', screenResolution: '1x1',
    visitorName: 'V', prechatDetails: [], prechatEntities: [], buttonOverrides: [], receiveQueueUpdates: true, isPost: true,
  });
  expect(stage()).to.equal('creating');
  await started;
  await clock.settle();
  expect(stage()).to.equal('polling');
  const est = options.idle
    ? { ...established, message: { ...established.message, chasitorIdleTimeout: { isEnabled: true, ...options.idle } } }
    : established;
  wire.push({ type: 'ChatRequestSuccess', message: { queuePosition: 1 } }, est);
  await clock.settle();
  return { clock, wire, inputs, session, stage, warnings, finished: () => finished };
}

describe('stages on virtual time', () => {
  it('polling + a POST without an answer → the same request again after the backoff, nothing new bound', async () => {
    const { clock, wire, session, stage } = await setup();
    wire.posts.push('network', 'network');
    session.send('m1', 'hello');
    session.send('m2', 'typed while it hangs');
    await clock.settle();
    expect(wire.postsTo('Chasitor/ChatMessage').length).to.equal(1);
    await clock.advance(499);
    expect(wire.postsTo('Chasitor/ChatMessage').length, 'retried before the backoff').to.equal(1);
    await clock.advance(1);
    await clock.advance(1000); // second backoff doubles
    await clock.settle();
    // Three tries of the same request, then the next message, alone, under the next number.
    expect(wire.postsTo('Chasitor/ChatMessage').map((t) => [t.seq, t.body])).to.deep.equal([
      ['2', { text: 'hello' }],
      ['2', { text: 'hello' }],
      ['2', { text: 'hello' }],
      ['3', { text: 'typed while it hangs' }],
    ]);
    expect(stage()).to.equal('polling');
  });

  it('polling + 503 on the poll → handover → resyncing → ChasitorSessionData → polling; ResyncState goes first as 1', async () => {
    const { clock, wire, session, stage, inputs } = await setup();
    wire.pollOutcome = 503;
    wire.push({ type: 'AgentTyping', message: {} }); // answers the open poll; the next one meets the 503
    await clock.settle();
    expect(wire.sent.some((s) => s.resource === 'System/ReconnectSession')).to.equal(true);
    expect(stage()).to.equal('resyncing');
    expect(inputs.some((i) => i.type === 'reconnecting')).to.equal(true);
    session.send('m1', 'during the handover');
    await clock.settle();
    expect(wire.postsTo('Chasitor/ChatMessage').length, 'nothing goes before ChasitorSessionData').to.equal(0);
    wire.push({ type: 'ChasitorSessionData', message: { chatMessages: [] } });
    await clock.settle();
    expect(stage()).to.equal('polling');
    const posts = wire.sent.filter((s) => s.method === 'POST' && s.resource !== 'Chasitor/ChasitorInit');
    expect(posts.map((p) => [p.resource, p.seq, p.affinity])).to.deep.equal([
      ['Chasitor/ChasitorResyncState', '1', 'a2'],
      ['Chasitor/ChatMessage', '2', 'a2'],
    ]);
    expect(inputs.some((i) => i.type === 'recovered')).to.equal(true);
  });

  it('polling + end() → ending: ChatEnd goes, the poll brings ChatEnded → done', async () => {
    const { clock, wire, session, stage, inputs, finished } = await setup();
    const ending = session.end();
    expect(stage()).to.equal('ending');
    await clock.settle();
    expect(wire.postsTo('Chasitor/ChatEnd')[0]?.body).to.deep.equal({ reason: 'client' });
    wire.push({ type: 'ChatEnded', message: { attachedRecords: '{"Case":"500x"}' } });
    await clock.advance(10);
    await ending;
    expect(stage()).to.equal('done');
    expect(finished()).to.equal(true);
    expect(inputs.find((i) => i.type === 'ended')).to.deep.include({ reason: 'visitor', attachedRecords: '{"Case":"500x"}' });
  });

  it('polling + 403 on a POST → the chat ends only after the grace in which the poll may say why', async () => {
    const { clock, wire, session, stage } = await setup();
    wire.posts.push(403);
    session.send('m1', 'too late?');
    await clock.advance(2499);
    expect(stage()).to.equal('polling');
    await clock.advance(1);
    expect(stage()).to.equal('done');
  });

  it('creating + end() → the session is deleted, done', async () => {
    const clock = new VirtualClock();
    const wire = new Wire();
    const inputs: ChatInput[] = [];
    const session = new ChatSession(
      new RestClient({ endpoint: 'https://chat.example/chat/rest/', apiVersion: '58', fetch: wire.fetch }),
      { dispatch: (i) => inputs.push(i), changed: () => {}, customEvent: () => {}, finished: () => {} },
      { orgId: 'org', clock },
    );
    void session.start({
      organizationId: 'org', deploymentId: 'dep', buttonId: 'b', userAgent: 'ua', language: 'en', screenResolution: '1x1',
      visitorName: 'V', prechatDetails: [], prechatEntities: [], buttonOverrides: [], receiveQueueUpdates: true, isPost: true,
    });
    await new Promise((r) => setTimeout(r, 0)); // SessionId answered; ChasitorInit on its way
    await session.end();
    expect(session.stage.kind).to.equal('done');
    expect(inputs.find((i) => i.type === 'ended')).to.deep.include({ reason: 'visitor' });
  });

  it('idle time-out: a warning at warningTime (and the event to the agent), the end at timeout', async () => {
    const { clock, wire, stage, inputs } = await setup({ idle: { warningTime: 10, timeout: 20 } });
    wire.push({ type: 'ChatMessage', message: { text: 'Anything else?', name: 'Ada' } });
    await clock.advance(9_999);
    expect(inputs.some((i) => i.type === 'idle-warning')).to.equal(false);
    await clock.advance(1);
    expect(inputs.find((i) => i.type === 'idle-warning')).to.deep.include({ seconds: 10 });
    expect(wire.postsTo('Chasitor/ChasitorIdleTimeoutWarningEvent')[0]?.body).to.deep.equal({ idleTimeoutWarningEvent: 'triggered' });
    await clock.advance(10_000);
    expect(stage()).to.equal('ending');
    expect(wire.postsTo('Chasitor/ChatEnd')[0]?.body).to.deep.equal({ reason: 'client', clientIdleTimeout: true });
  });

  it('a sensitive-data rule that cannot run safely is reported once; messages still go, masked conservatively', async () => {
    const { clock, wire, session, warnings } = await setup();
    const evil = { id: 'r1', name: 'Evil', pattern: '(a+)+$', replacement: '#', actionType: 'Replace' };
    wire.push({ type: 'SensitiveDataRules', message: { sensitiveDataRules: [evil] } });
    await clock.settle();
    wire.push({ type: 'SensitiveDataRules', message: { sensitiveDataRules: [evil] } });
    await clock.settle();
    expect(warnings.length).to.equal(1);
    expect(warnings[0]).to.match(/^rule-refused: .*Evil/);
    session.send('m1', `${'a'.repeat(40)}! 4111 1111 1111 1111`);
    await clock.settle();
    expect(wire.postsTo('Chasitor/ChatMessage')[0]?.body).to.deep.equal({ text: `${'a'.repeat(40)}! #` });
  });
});
