// What a poll answer means for the session's own facts (session-state.ts): a table of
// (state, messages) → (changed facts, effects). Pure, no network.
import { expect } from '@open-wc/testing';
import { applyMessages, type SessionEffect } from '../../src/protocol/session-state.js';
import { newSessionState, normalizeSession, type SessionState } from '../../src/protocol/session-types.js';
import { parseMessages } from '../../src/protocol/wire.js';
import { applySensitiveDataRules, refusedRules, riskyPattern } from '../../src/protocol/sensitive.js';

const base = (): SessionState => newSessionState('https://x/chat/rest/', { key: 'k!1', id: 'k', clientPollTimeout: 40, affinityToken: 'a' }, 'V', []);
const msgs = (...m: { type: string; message?: Record<string, unknown> }[]) => parseMessages({ messages: m.map((x) => ({ message: {}, ...x })), sequence: 7, offset: 70 });

const table: { name: string; messages: ReturnType<typeof msgs>; facts: Partial<SessionState>; effects: SessionEffect[] }[] = [
  {
    name: 'ChatRequestSuccess: routed, post-chat URL and rules kept; ack and offset follow the answer',
    messages: msgs({ type: 'ChatRequestSuccess', message: { postChatUrl: 'https://p/', sensitiveDataRules: [{ id: 'r', name: 'R', pattern: '\\d{4}', replacement: '#', actionType: 'Replace' }] } }),
    facts: { requestSucceeded: true, postChatUrl: 'https://p/', ack: 7, offset: 70 },
    effects: [],
  },
  {
    name: 'ChatEstablished: an agent is there, sneak peek and idle settings taken',
    messages: msgs({ type: 'ChatEstablished', message: { name: 'Ada', userId: 'u', sneakPeekEnabled: true, chasitorIdleTimeout: { isEnabled: true, warningTime: 5, timeout: 9 } } }),
    facts: { established: true, requestSucceeded: true, sneakPeekEnabled: true, idleTimeout: { isEnabled: true, warningTime: 5, timeout: 9 } },
    effects: [],
  },
  {
    name: 'ChatEstablished with a name of the wrong type still establishes the chat',
    messages: msgs({ type: 'ChatEstablished', message: { name: { first: 'A' }, userId: 42 } }),
    facts: { established: true },
    effects: [],
  },
  { name: 'AgentDisconnect: no agent until the next one', messages: msgs({ type: 'AgentDisconnect' }), facts: { established: false }, effects: [{ type: 'agent-left' }] },
  { name: 'ChatMessage: the idle clock restarts', messages: msgs({ type: 'ChatMessage', message: { text: 'hi' } }), facts: { lastAgentMessageAt: 1234 }, effects: [{ type: 'agent-message' }] },
  { name: 'ChatEnded with records', messages: msgs({ type: 'ChatEnded', message: { attachedRecords: { Case: '5' } } }), facts: {}, effects: [{ type: 'ended', records: '{"Case":"5"}' }] },
  { name: 'ChatRequestFail', messages: msgs({ type: 'ChatRequestFail', message: { reason: 'Unavailable' } }), facts: {}, effects: [{ type: 'request-failed' }] },
  {
    name: 'ChasitorSessionData: the visitor messages the server holds are counted',
    messages: msgs({ type: 'ChasitorSessionData', message: { chatMessages: [{ type: 'Chasitor', content: 'a' }, { type: 'Agent', content: 'b' }, { type: 'Chasitor', content: 'c' }] } }),
    facts: {},
    effects: [{ type: 'session-data', visitorCount: 2 }],
  },
  { name: 'CustomEvent', messages: msgs({ type: 'CustomEvent', message: { type: 't', data: 'd' } }), facts: {}, effects: [{ type: 'custom-event', eventType: 't', data: 'd' }] },
  { name: 'SwitchServer', messages: msgs({ type: 'SwitchServer', message: { newUrl: 'https://y/chat' } }), facts: {}, effects: [{ type: 'switch-server', url: 'https://y/chat' }] },
];

describe('session-state: one interpretation per server message (table)', () => {
  for (const row of table) {
    it(row.name, () => {
      const before = base();
      const { state, effects } = applyMessages(before, row.messages, 1234);
      expect(state).to.deep.include(row.facts);
      expect(effects).to.deep.equal(row.effects);
      expect(before.ack, 'the input state is not changed').to.equal(-1);
    });
  }

  it('an empty poll keeps the offset (for ReconnectSession); a stored state of an older version is read', () => {
    const { state } = applyMessages({ ...base(), offset: 5 }, parseMessages({ messages: [], sequence: 9 }), 0);
    expect(state).to.deep.include({ ack: 9, offset: 5 });
    const old = normalizeSession({ ...base(), handover: true, delivered: undefined, stage: undefined, inflight: undefined } as unknown as SessionState);
    expect(old).to.deep.include({ stage: 'handover', delivered: -1, inflight: null });
  });
});

describe('sensitive-data rules from the server cannot freeze the page or block sending', () => {
  it('nested repetition and back-references are refused; a refused rule masks long digit runs instead', () => {
    expect(riskyPattern('(a+)+$')).to.equal('nested repetition');
    expect(riskyPattern('(\\d+)*x')).to.equal('nested repetition');
    expect(riskyPattern('(a)\\1')).to.equal('back-reference');
    expect(riskyPattern('\\b(?:\\d[ -]*?){13,16}\\b')).to.equal(null);
    const rules = [{ id: 'evil', name: 'Evil', pattern: '(a+)+$', replacement: '#', actionType: 'Replace' }];
    const t0 = performance.now();
    const r = applySensitiveDataRules(`${'a'.repeat(40)}! card 4111 1111 1111 1111`, rules);
    expect(performance.now() - t0, 'the catastrophic pattern never ran').to.be.below(1000);
    expect(r.text).to.equal(`${'a'.repeat(40)}! card #`);
    expect(refusedRules(rules).map((x) => x.reason)).to.deep.equal(['nested repetition']);
  });

  it('a huge or broken pattern is refused, a huge replacement is cut, and a good rule keeps working', () => {
    const rules = [
      { id: 'ssn', name: 'SSN', pattern: '\\d{3}-\\d{2}-\\d{4}', replacement: '*'.repeat(10_000), actionType: 'Replace' },
      { id: 'huge', name: 'Huge', pattern: 'x'.repeat(100_000), replacement: '#', actionType: 'Replace' },
      { id: 'bad', name: 'Bad', pattern: '[', replacement: '#', actionType: 'Replace' },
    ];
    expect(refusedRules(rules).map((x) => x.rule.id)).to.deep.equal(['huge', 'bad']);
    const r = applySensitiveDataRules('my ssn is 123-45-6789 ok', rules);
    expect(r.text).to.equal(`my ssn is ${'*'.repeat(32)} ok`);
    expect(r.triggered.map((x) => x.id)).to.deep.equal(['ssn']);
  });
});
