// TabLink's chat sharing: deltas, identity kept, a follower out of step asks for a full state.
import { expect, waitUntil } from '@open-wc/testing';
import { TabLink, type TabMessage } from '../../src/protocol/tabs.js';
import { initialSnapshot, type ChatSnapshot, type TranscriptEntry } from '../../src/protocol/snapshot.js';
import type { SessionState } from '../../src/protocol/session-types.js';

const session = { key: 'k!1', id: 'k', outbox: [] } as unknown as SessionState;

function entry(i: number, status: 'pending' | 'sent' = 'sent'): TranscriptEntry {
  return Object.freeze({ id: `e${i}`, kind: 'visitor', text: `message ${i}`, name: '', time: 1000 + i, sequence: i, status });
}

function snap(transcript: readonly TranscriptEntry[]): ChatSnapshot {
  return Object.freeze({ ...initialSnapshot, phase: 'active', transcript: Object.freeze(transcript.slice()) });
}

/** A leader link and a follower link on one channel; the follower adopts what arrives. */
function pair() {
  const name = `tabs-test-${Math.random()}`;
  const toLeader: TabMessage[] = [];
  const received: TabMessage[] = [];
  const follower = {
    snapshot: initialSnapshot as ChatSnapshot,
    /** The next this many state/delta messages are lost on the way (a follower missing one). */
    drop: 0,
    link: null as unknown as TabLink,
  };
  const leader = new TabLink(name, (m) => toLeader.push(m));
  follower.link = new TabLink(name, (m) => {
    if (m.t !== 'state' && m.t !== 'delta') return;
    if (follower.drop > 0) {
      follower.drop--;
      return;
    }
    received.push(m);
    follower.snapshot = follower.link.adopt(m, follower.snapshot) ?? follower.snapshot;
  });
  const close = () => {
    leader.close();
    follower.link.close();
  };
  return { leader, follower, toLeader, received, close };
}

describe('TabLink deltas', () => {
  it('sends the whole state first, then only what changed; the follower keeps unchanged entries', async () => {
    const { leader, follower, received, close } = pair();
    try {
      const transcript = Array.from({ length: 10_000 }, (_, i) => entry(i, i === 9_999 ? 'pending' : 'sent'));
      leader.share(session, snap(transcript), false);
      await waitUntil(() => received.length === 1, 'no state');
      expect(received[0].t).to.equal('state');
      const first = follower.snapshot;
      expect(first.transcript.length).to.equal(10_000);
      expect(first.leader).to.equal(false);

      transcript.push(entry(10_000, 'pending'));
      leader.share(session, snap(transcript), false);
      await waitUntil(() => received.length === 2, 'no delta');
      const append = received[1] as TabMessage & { t: 'delta' };
      expect([append.t, append.base, append.entries.length, append.changed.length]).to.deep.equal(['delta', 10_000, 1, 0]);
      expect('transcript' in append.snapshot).to.equal(false);
      expect(follower.snapshot.transcript.length).to.equal(10_001);
      expect(follower.snapshot.transcript[5]).to.equal(first.transcript[5]);
      const afterAppend = follower.snapshot;

      transcript[9_999] = entry(9_999, 'sent');
      leader.share(session, snap(transcript), false);
      await waitUntil(() => received.length === 3, 'no status delta');
      const status = received[2] as TabMessage & { t: 'delta' };
      expect([status.entries.length, status.changed.map(([i]) => i)]).to.deep.equal([0, [9_999]]);
      expect(follower.snapshot.transcript[9_999].status).to.equal('sent');
      expect(follower.snapshot.transcript[10_000]).to.equal(afterAppend.transcript[10_000]);
      expect(follower.snapshot.transcript[9_998]).to.equal(first.transcript[9_998]);
      expect(Object.isFrozen(follower.snapshot.transcript)).to.equal(true);
      expect(follower.snapshot.transcript.map((e) => e.id)).to.deep.equal(transcript.map((e) => e.id));
    } finally {
      close();
    }
  });

  it('a follower that missed a message asks for a full state and gets it', async () => {
    const { leader, follower, toLeader, received, close } = pair();
    try {
      const transcript = [entry(0), entry(1)];
      leader.share(session, snap(transcript), false);
      await waitUntil(() => received.length === 1, 'no state');
      follower.drop = 1;
      transcript.push(entry(2));
      leader.share(session, snap(transcript), false); // lost
      transcript.push(entry(3));
      leader.share(session, snap(transcript), false); // does not fit: base 3, the follower has 2
      await waitUntil(() => toLeader.length === 1, 'the follower did not ask');
      expect(toLeader[0].t).to.equal('hello');
      expect(follower.snapshot.transcript.length).to.equal(2);
      // A hello is answered with the whole state (as the controller does).
      leader.share(session, snap(transcript), true);
      await waitUntil(() => follower.snapshot.transcript.length === 4, 'no full state');
      expect(received.map((m) => m.t)).to.deep.equal(['state', 'delta', 'state']);
      expect(follower.snapshot.transcript.map((e) => e.id)).to.deep.equal(['e0', 'e1', 'e2', 'e3']);
      // Back in step: the next change is a delta again and fits.
      transcript.push(entry(4));
      leader.share(session, snap(transcript), false);
      await waitUntil(() => follower.snapshot.transcript.length === 5, 'delta after resync not applied');
      expect(toLeader.length).to.equal(1);
    } finally {
      close();
    }
  });

  it('a delta whose changed entry id does not match is refused', async () => {
    const { leader, follower, toLeader, received, close } = pair();
    try {
      leader.share(session, snap([entry(0), entry(1)]), false);
      await waitUntil(() => received.length === 1, 'no state');
      // The follower's copy diverged (a different entry at index 1).
      follower.snapshot = snap([entry(0), entry(7)]);
      leader.share(session, snap([entry(0), entry(1, 'pending')]), false);
      await waitUntil(() => toLeader.length === 1, 'the follower did not ask');
      expect(follower.snapshot.transcript[1].id).to.equal('e7');
    } finally {
      close();
    }
  });
});
