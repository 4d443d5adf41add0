// Wire parsers: lenient where real servers differ, strict (typed errors) where it matters.
import { expect } from '@open-wc/testing';
import { ProtocolError, parseOutOfSync } from '../../src/protocol/errors.js';
import {
  parseAvailability,
  parseJson,
  parseMessages,
  parseServerMessage,
  parseSessionId,
  parseSettings,
  parseVisitorId,
  findSwitchServer,
} from '../../src/protocol/wire.js';

function throwsCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(ProtocolError);
    expect((e as ProtocolError).code).to.equal(code);
    return;
  }
  expect.fail('expected a ProtocolError');
}

describe('wire: SessionId', () => {
  it('accepts clientPollTimeout as a number or a string', () => {
    const a = parseSessionId({ key: 'ec55!1!x=', id: 'ec55', clientPollTimeout: 40, affinityToken: '878a1fa0' });
    const b = parseSessionId({ key: 'k!2', id: 'k', clientPollTimeout: '30', affinityToken: 'aa' });
    expect(a.clientPollTimeout).to.equal(40);
    expect(b.clientPollTimeout).to.equal(30);
  });
  it('derives the id from the key when absent and ignores unknown fields', () => {
    const s = parseSessionId({ key: 'abc!123!z', affinityToken: 'a', clientPollTimeout: 5, extra: { deep: 1 } });
    expect(s.id).to.equal('abc');
  });
  it('rejects a body without key or affinity', () => {
    throwsCode(() => parseSessionId({ id: 'x', affinityToken: 'a' }), 'malformed-response');
    throwsCode(() => parseSessionId({ key: 'x' }), 'malformed-response');
    throwsCode(() => parseSessionId('nope'), 'malformed-response');
  });
  it('turns non-JSON text into a typed error', () => {
    throwsCode(() => parseJson('<html>oops', 'SessionId'), 'malformed-response');
  });
});

describe('wire: Messages', () => {
  it('parses a batch with several messages, sequence and offset', () => {
    const r = parseMessages({
      messages: [
        { type: 'ChatRequestSuccess', message: { queuePosition: 0, estimatedWaitTime: -1, connectionTimeout: 5, sensitiveDataRules: [], transcriptSaveEnabled: true } },
        { type: 'ChatEstablished', message: { name: 'Everardo G', userId: '005', items: [], sneakPeekEnabled: false, chasitorIdleTimeout: { isEnabled: false } } },
        { type: 'ChatMessage', message: { text: 'hi', name: 'Everardo G', schedule: { responseDelayMilliseconds: 0 }, agentId: '005' } },
        { type: 'AgentTyping', message: { name: 'E', agentId: '005' } },
        { type: 'SomethingNew', message: {} },
      ],
      sequence: 17,
      offset: 99,
    });
    expect(r.sequence).to.equal(17);
    expect(r.offset).to.equal(99);
    expect(r.messages.map((m) => m.type)).to.deep.equal(['ChatRequestSuccess', 'ChatEstablished', 'ChatMessage', 'AgentTyping', 'Unknown']);
    const s = r.messages[0];
    if (s.type !== 'ChatRequestSuccess') throw new Error('type');
    expect(s.estimatedWaitTime).to.equal(null);
    expect(s.queuePosition).to.equal(0);
  });
  it('reads both spellings of the idle time-out', () => {
    const a = parseServerMessage({ type: 'ChatEstablished', message: { name: 'A', userId: '1', chasitorIdleTimeout: { isEnabled: true, warningTime: 10, timeout: 20 } } });
    const b = parseServerMessage({ type: 'ChatTransferred', message: { name: 'B', userId: '2', chasitorIdletimeout: { isEnabled: true, warningTime: 5, timeout: 9 } } });
    if (a.type !== 'ChatEstablished' || b.type !== 'ChatTransferred') throw new Error('type');
    expect(a.idleTimeout).to.deep.equal({ isEnabled: true, warningTime: 10, timeout: 20 });
    expect(b.idleTimeout).to.deep.equal({ isEnabled: true, warningTime: 5, timeout: 9 });
  });
  it('marks a known message with a bad body as Malformed instead of skipping it', () => {
    const m = parseServerMessage({ type: 'ChatMessage', message: { name: 'A' } });
    expect(m).to.deep.equal({ type: 'Malformed', rawType: 'ChatMessage', problem: 'no text' });
  });
  it('treats an absent resetSequence as true and keeps attachedRecords as text', () => {
    const r = parseServerMessage({ type: 'ReconnectSession', message: { affinityToken: 'new' } });
    expect(r).to.deep.equal({ type: 'ReconnectSession', affinityToken: 'new', resetSequence: true });
    const e = parseServerMessage({ type: 'ChatEnded', message: { reason: 'agent', attachedRecords: { ContactId: '003' } } });
    if (e.type !== 'ChatEnded') throw new Error('type');
    expect(JSON.parse(e.attachedRecords!)).to.deep.equal({ ContactId: '003' });
  });
  it('rejects an envelope without a messages array', () => {
    throwsCode(() => parseMessages({ sequence: 1 }), 'malformed-response');
  });
});

describe('wire: Visitor resources', () => {
  it('parses wrapped Availability with an offline button that omits isAvailable', () => {
    const r = parseAvailability({ messages: [{ type: 'Availability', message: { results: [{ id: '573A', isAvailable: true, estimatedWaitTime: 30 }, { id: '573B' }] } }] });
    expect(r).to.deep.equal([
      { id: '573A', isAvailable: true, estimatedWaitTime: 30 },
      { id: '573B', isAvailable: false, estimatedWaitTime: null },
    ]);
  });
  it('reads pingRate and pingrate, wrapped or bare', () => {
    expect(parseSettings({ pingRate: 50000, contentServerUrl: '', buttons: [] }).pingRate).to.equal(50000);
    expect(parseSettings({ messages: [{ type: 'Settings', message: { pingrate: 40000, buttons: [{ id: 'b', type: 'Invite', isAvailable: true, inviteRenderer: 'Slide' }] } }] }).buttons[0].inviteRenderer).to.equal('Slide');
    throwsCode(() => parseSettings({ pingRate: 1 }), 'malformed-response');
  });
  it('finds SwitchServer and the visitor id', () => {
    expect(findSwitchServer({ messages: [{ type: 'SwitchServer', message: { newUrl: 'https://x/chat' } }] })).to.equal('https://x/chat');
    expect(parseVisitorId({ sessionId: 'v1' })).to.equal('v1');
    expect(parseVisitorId({ messages: [{ type: 'VisitorId', message: { sessionId: 'v2' } }] })).to.equal('v2');
    throwsCode(() => parseVisitorId({}), 'malformed-response');
  });
  it('reads Expected/Actual out of an out-of-sync 409 body', () => {
    expect(parseOutOfSync('Out of sync Ack. Expected 498. Actual 4')).to.deep.equal({ expected: 498, actual: 4 });
    expect(parseOutOfSync('Duplicate long polling request')).to.equal(null);
  });
});
