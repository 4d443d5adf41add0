// Throttles, sensitive-data masking, presence and persistence helpers.
import { expect, aTimeout } from '@open-wc/testing';
import { TrailingThrottle, TypingTracker } from '../../src/protocol/throttle.js';
import { applySensitiveDataRules } from '../../src/protocol/sensitive.js';
import { invitationOf, pingInterval, presenceOf } from '../../src/protocol/presence.js';
import { ChatStore } from '../../src/protocol/persistence.js';
import { initialSnapshot } from '../../src/protocol/snapshot.js';
import type { SessionState } from '../../src/protocol/session-types.js';

describe('TrailingThrottle', () => {
  it('sends the first value at once, at most one per interval, and always the last value', async () => {
    const sent: string[] = [];
    const t = new TrailingThrottle<string>(100, (v) => sent.push(v));
    t.push('a');
    expect(sent).to.deep.equal(['a']);
    t.push('ab');
    t.push('abc');
    expect(sent).to.deep.equal(['a']);
    await aTimeout(150);
    expect(sent).to.deep.equal(['a', 'abc']);
  });
  it('cancel drops what waits', async () => {
    const sent: string[] = [];
    const t = new TrailingThrottle<string>(60, (v) => sent.push(v));
    t.push('a');
    t.push('b');
    t.cancel();
    await aTimeout(100);
    expect(sent).to.deep.equal(['a']);
  });
});

describe('TypingTracker', () => {
  it('reports one change per burst, not per keystroke', async () => {
    const changes: boolean[] = [];
    const t = new TypingTracker(80, (v) => changes.push(v));
    for (const d of ['h', 'he', 'hel', 'hell', 'hello']) t.draft(d);
    expect(changes).to.deep.equal([true]);
    await aTimeout(130);
    expect(changes).to.deep.equal([true, false]);
    t.draft('x');
    t.draft('');
    expect(changes).to.deep.equal([true, false, true, false]);
  });
});

describe('sensitive-data rules', () => {
  it('replaces matches before the text leaves and reports which rules triggered', () => {
    const rules = [
      { id: 'r1', name: 'Card', pattern: '\\d{4}( \\d{4}){3}', replacement: '****', actionType: 'Replace' },
      { id: 'r2', name: 'Bad', pattern: '[', replacement: 'x', actionType: 'Replace' },
      { id: 'r3', name: 'Dollar', pattern: 'cash', replacement: '$&', actionType: 'Replace' },
    ];
    const r = applySensitiveDataRules('card 4111 1111 1111 1111 and cash', rules);
    expect(r.text).to.equal('card **** and $&');
    expect(r.triggered.map((x) => x.id)).to.deep.equal(['r1', 'r3']);
  });

  it('keeps the white space a match began or ended with', () => {
    // The reference server's card rule swallows the space after the number.
    const rules = [{ id: 'c', name: 'Card numbers', pattern: '\\b(?:\\d[ -]?){13,16}\\b', replacement: '#', actionType: 'Replace' }];
    expect(applySensitiveDataRules('4111 1111 1111 1111 and', rules).text).to.equal('# and');
    expect(applySensitiveDataRules('pay 4111-1111-1111-1111\tnow', rules).text).to.equal('pay #\tnow');
    const removed = [{ ...rules[0], actionType: 'Remove' }];
    expect(applySensitiveDataRules('card 4111 1111 1111 1111 ok', removed).text).to.equal('card  ok');
  });
});

describe('presence', () => {
  it('reads the button, the invitation and the ping rate', () => {
    expect(presenceOf('b', [{ id: 'b', isAvailable: true, estimatedWaitTime: 20 }])).to.deep.equal({ online: true, estimatedWaitTime: 20 });
    expect(presenceOf('b', [])).to.deep.equal({ online: false, estimatedWaitTime: null });
    const buttons = [{ id: 'i', type: 'Invite', isAvailable: true, estimatedWaitTime: null, inviteRenderer: 'Slide', inviteRejectTime: 30 }];
    expect(invitationOf(buttons, new Set())).to.include({ buttonId: 'i', renderer: 'Slide', rejectTime: 30 });
    expect(invitationOf(buttons, new Set(['i']))).to.equal(null);
    expect(pingInterval(50000)).to.equal(50000);
    expect(pingInterval(null)).to.equal(50000);
    expect(pingInterval(45)).to.equal(45000);
  });
});

describe('ChatStore', () => {
  const state = { key: 'k!1', id: 'k', transcript: [] } as unknown as SessionState;
  it('writes debounced, reads back, and forgets on clear', async () => {
    const store = new ChatStore(sessionStorage, `t${Math.random()}`, 20);
    let built = 0;
    for (let i = 0; i < 5; i++) store.save(() => (built++, { v: 1, session: state, snapshot: initialSnapshot, savedAt: i }));
    expect(store.load()).to.equal(null);
    await aTimeout(60);
    expect(built).to.equal(1);
    expect(store.load()?.savedAt).to.equal(4);
    store.clear();
    expect(store.load()).to.equal(null);
  });
  it('drops an unreadable record and reports a failing write as a storage error', () => {
    const key = `t${Math.random()}`;
    sessionStorage.setItem(`live-chat:${key}:chat`, '{nope');
    const errors: string[] = [];
    const full = { getItem: (k: string) => sessionStorage.getItem(k), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); }, removeItem: (k: string) => sessionStorage.removeItem(k) } as unknown as Storage;
    const store = new ChatStore(full, key, 10, (e) => errors.push(e.code));
    expect(store.load()).to.equal(null);
    expect(sessionStorage.getItem(`live-chat:${key}:chat`)).to.equal(null);
    store.save(() => ({ v: 1, session: state, snapshot: initialSnapshot, savedAt: 1 }));
    store.flush();
    expect(errors).to.deep.equal(['storage']);
  });
});
