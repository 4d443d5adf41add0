// The reducer, table-driven: input → what the visitor sees. No DOM, no network.
import { expect } from '@open-wc/testing';
import { reduce, reduceAll, type ChatInput } from '../../src/protocol/reducer.js';
import { initialSnapshot, type ChatSnapshot } from '../../src/protocol/snapshot.js';

const T = 1_700_000_000_000;
const run = (inputs: ChatInput[], from: ChatSnapshot = initialSnapshot) => inputs.reduce(reduce, from);
const server = (message: Extract<ChatInput, { type: 'server' }>['message']): ChatInput => ({ type: 'server', message, time: T });

const established = run([
  { type: 'connecting' },
  server({ type: 'ChatRequestSuccess', queuePosition: 2, estimatedWaitTime: 60, postChatUrl: null, visitorId: null, sensitiveDataRules: null }),
  server({ type: 'ChatEstablished', name: 'Ada', userId: '005', sneakPeekEnabled: true, idleTimeout: null }),
]);

interface Row {
  name: string;
  from?: ChatSnapshot;
  inputs: ChatInput[];
  expect: (s: ChatSnapshot) => void;
}

const rows: Row[] = [
  {
    name: 'availability online → idle stays idle, offline → unavailable, online again → idle',
    inputs: [
      { type: 'availability', online: false, estimatedWaitTime: null },
    ],
    expect: (s) => {
      expect(s.phase).to.equal('unavailable');
      expect(reduce(s, { type: 'availability', online: true, estimatedWaitTime: 30 }).phase).to.equal('idle');
    },
  },
  {
    name: 'pre-chat opens from idle and closes back',
    inputs: [{ type: 'begin-prechat' }],
    expect: (s) => {
      expect(s.phase).to.equal('prechat');
      expect(reduce(s, { type: 'cancel-prechat' }).phase).to.equal('idle');
    },
  },
  {
    name: 'ChatRequestSuccess → queued with a 1-based position (0 shown as 1) and -1 wait as null',
    inputs: [
      { type: 'connecting' },
      server({ type: 'ChatRequestSuccess', queuePosition: 0, estimatedWaitTime: null, postChatUrl: null, visitorId: null, sensitiveDataRules: null }),
    ],
    expect: (s) => {
      expect(s.phase).to.equal('queued');
      expect(s.queue).to.deep.equal({ position: 1, estimatedWaitTime: null });
      expect(s.sendBlocked).to.equal('waiting-for-agent');
    },
  },
  {
    name: 'QueueUpdate moves the position live',
    inputs: [{ type: 'connecting' }, server({ type: 'QueueUpdate', position: 3, estimatedWaitTime: 90 })],
    expect: (s) => expect(s.queue).to.deep.equal({ position: 3, estimatedWaitTime: 90 }),
  },
  {
    name: 'ChatEstablished → active, agent known, a system entry, sending allowed',
    inputs: [],
    from: established,
    expect: (s) => {
      expect(s.phase).to.equal('active');
      expect(s.agent).to.deep.equal({ name: 'Ada', id: '005', sneakPeekEnabled: true });
      expect(s.sendBlocked).to.equal(null);
      expect(s.transcript.map((e) => [e.kind, e.event])).to.deep.equal([['system', 'connected']]);
    },
  },
  {
    name: 'agent messages append in order and stop the typing indicator',
    from: established,
    inputs: [server({ type: 'AgentTyping' }), server({ type: 'ChatMessage', name: 'Ada', text: '<b>hi</b>', agentId: null })],
    expect: (s) => {
      expect(s.agentTyping).to.equal(false);
      const last = s.transcript.at(-1)!;
      expect(last).to.include({ kind: 'agent', text: '<b>hi</b>', name: 'Ada', sequence: 1, agentId: '005' });
    },
  },
  {
    name: 'a visitor message is pending, then sent',
    from: established,
    inputs: [
      { type: 'visitor-message', id: 'v1', text: 'hello', name: 'Jon', time: T },
      { type: 'delivery', ids: ['v1'], status: 'sent' },
    ],
    expect: (s) => expect(s.transcript.at(-1)).to.include({ id: 'v1', kind: 'visitor', status: 'sent', text: 'hello' }),
  },
  {
    name: 'transfer and disconnect appear as system entries; disconnect waits for an agent again',
    from: established,
    inputs: [
      server({ type: 'ChatTransferred', name: 'Grace', userId: '006', sneakPeekEnabled: false, idleTimeout: null }),
      server({ type: 'AgentDisconnect' }),
    ],
    expect: (s) => {
      expect(s.transcript.slice(-2).map((e) => e.event)).to.deep.equal(['transferred', 'agent-disconnected']);
      expect(s.phase).to.equal('queued');
      expect(s.agent).to.equal(null);
    },
  },
  {
    name: 'ChatRequestFail Unavailable → unavailable with ended info',
    inputs: [{ type: 'connecting' }, server({ type: 'ChatRequestFail', reason: 'Unavailable', postChatUrl: 'https://x/post' })],
    expect: (s) => {
      expect(s.phase).to.equal('unavailable');
      expect(s.ended).to.deep.equal({ reason: 'unavailable', postChatUrl: 'https://x/post', attachedRecords: null });
    },
  },
  {
    name: 'ended marks pending messages failed (never silently dropped) and refines with later records',
    from: established,
    inputs: [
      { type: 'visitor-message', id: 'v9', text: 'lost?', name: '', time: T },
      { type: 'ended', reason: 'agent', postChatUrl: null, attachedRecords: null, time: T },
      { type: 'ended', reason: 'agent', postChatUrl: 'https://x/p?chatKey=k', attachedRecords: '{"a":1}', time: T },
    ],
    expect: (s) => {
      expect(s.phase).to.equal('ended');
      expect(s.transcript.find((e) => e.id === 'v9')?.status).to.equal('failed');
      expect(s.ended).to.deep.equal({ reason: 'agent', postChatUrl: 'https://x/p?chatKey=k', attachedRecords: '{"a":1}' });
      expect(s.transcript.filter((e) => e.event === 'ended-by-agent')).to.have.length(1);
    },
  },
  {
    name: 'reconnecting and reconnected go back to the phase that fits',
    from: established,
    inputs: [{ type: 'reconnecting', time: T }],
    expect: (s) => {
      expect(s.phase).to.equal('reconnecting');
      expect(s.sendBlocked).to.equal('reconnecting');
      expect(reduce(s, { type: 'reconnected', time: T }).phase).to.equal('active');
    },
  },
  {
    name: 'a malformed message is a typed error, not a crash',
    from: established,
    inputs: [server({ type: 'Malformed', rawType: 'ChatMessage', problem: 'no text' })],
    expect: (s) => expect(s.error).to.deep.equal({ code: 'malformed-response', message: 'ChatMessage: no text' }),
  },
  {
    name: 'idle warning and clearing',
    from: established,
    inputs: [{ type: 'idle-warning', deadline: T + 30_000, seconds: 30, time: T }],
    expect: (s) => {
      expect(s.idleWarning).to.deep.equal({ deadline: T + 30_000 });
      const cleared = reduce(s, { type: 'idle-cleared', time: T });
      expect(cleared.idleWarning).to.equal(null);
      expect(cleared.transcript.at(-1)?.event).to.equal('idle-cleared');
    },
  },
  {
    name: 'ChasitorSessionData rebuilds an empty transcript, and is ignored when we have one',
    inputs: [
      { type: 'connecting' },
      server({
        type: 'ChasitorSessionData',
        queuePosition: null,
        sneakPeekEnabled: false,
        postChatUrl: null,
        chatMessages: [
          { type: 'Agent', name: 'Ada', content: 'Hello', timestamp: T, sequence: 1 },
          { type: 'Chasitor', name: 'Jon', content: 'Hi', timestamp: T, sequence: 2 },
        ],
      }),
    ],
    expect: (s) => {
      expect(s.transcript.map((e) => [e.kind, e.text])).to.deep.equal([
        ['agent', 'Hello'],
        ['visitor', 'Hi'],
      ]);
      const again = reduce(s, server({ type: 'ChasitorSessionData', queuePosition: null, sneakPeekEnabled: false, postChatUrl: null, chatMessages: [{ type: 'Agent', name: 'A', content: 'x', timestamp: T, sequence: 3 }] }));
      expect(again).to.equal(s);
    },
  },
  {
    name: 'ChasitorSessionData after a handover adds the agent messages we missed, nothing twice',
    from: run([server({ type: 'ChatMessage', name: 'Ada', text: 'one', agentId: null }), { type: 'visitor-message', id: 'v1', text: 'hi', name: 'Jon', time: T }], established),
    inputs: [
      server({
        type: 'ChasitorSessionData',
        queuePosition: null,
        sneakPeekEnabled: true,
        postChatUrl: null,
        chatMessages: [
          { type: 'Agent', name: 'Ada', content: 'one', timestamp: T, sequence: 1 },
          { type: 'Chasitor', name: 'Jon', content: 'hi', timestamp: T, sequence: 2 },
          { type: 'Agent', name: 'Ada', content: 'missed', timestamp: T, sequence: 3 },
        ],
      }),
    ],
    expect: (s) => expect(s.transcript.filter((e) => e.kind !== 'system').map((e) => e.text)).to.deep.equal(['one', 'hi', 'missed']),
  },
  {
    name: 'reset keeps availability and returns to idle',
    from: run([{ type: 'availability', online: true, estimatedWaitTime: 5 }, { type: 'ended', reason: 'visitor', postChatUrl: null, attachedRecords: null, time: T }], established),
    inputs: [{ type: 'reset' }],
    expect: (s) => {
      expect(s.phase).to.equal('idle');
      expect(s.transcript).to.have.length(0);
      expect(s.availability).to.deep.equal({ online: true, estimatedWaitTime: 5 });
    },
  },
];

describe('reducer', () => {
  for (const row of rows) {
    it(row.name, () => row.expect(run(row.inputs, row.from)));
  }

  it('returns the same object when nothing changes and a new frozen one otherwise', () => {
    const same = reduce(established, server({ type: 'AgentNotTyping' }));
    expect(same).to.equal(established);
    const next = reduce(established, server({ type: 'AgentTyping' }));
    expect(next).to.not.equal(established);
    expect(Object.isFrozen(next)).to.equal(true);
    // Unchanged parts keep their identity.
    expect(next.transcript).to.equal(established.transcript);
    expect(next.agent).to.equal(established.agent);
  });

  it('appends without touching earlier entries (one array copy per message)', () => {
    let s = established;
    for (let i = 0; i < 1000; i++) s = reduce(s, server({ type: 'ChatMessage', name: 'Ada', text: `m${i}`, agentId: null }));
    const before = s.transcript;
    const after = reduce(s, server({ type: 'ChatMessage', name: 'Ada', text: 'last', agentId: null })).transcript;
    expect(after).to.have.length(before.length + 1);
    for (let i = 0; i < before.length; i++) if (after[i] !== before[i]) expect.fail(`entry ${i} was copied`);
    expect(after.at(-1)?.sequence).to.equal(before.length);
  });

  it('reduceAll gives the same result as one by one, in one copy, without touching its input or leaking its array', () => {
    const inputs: ChatInput[] = [];
    for (let i = 0; i < 50; i++) inputs.push(server({ type: 'ChatMessage', name: 'Ada', text: `b${i}`, agentId: null }));
    inputs.push({ type: 'visitor-message', id: 'vb', text: 'mine', name: '', time: T });
    inputs.push({ type: 'delivery', ids: ['vb'], status: 'sent' });
    inputs.push(server({ type: 'ChatMessage', name: 'Ada', text: 'tail', agentId: null }));
    const before = established.transcript.length;
    const batched = reduceAll(established, inputs);
    const stepped = run(inputs, established);
    expect(JSON.stringify(batched)).to.equal(JSON.stringify(stepped));
    expect(established.transcript).to.have.length(before);
    // After the batch its array is no longer appended to in place.
    const after = reduce(batched, server({ type: 'ChatMessage', name: 'Ada', text: 'later', agentId: null }));
    expect(after.transcript).to.not.equal(batched.transcript);
    expect(batched.transcript.at(-1)?.text).to.equal('tail');
  });

  it('does not mutate the previous snapshot', () => {
    const before = JSON.stringify(established);
    reduce(established, { type: 'visitor-message', id: 'x', text: 't', name: '', time: T });
    expect(JSON.stringify(established)).to.equal(before);
  });
});
