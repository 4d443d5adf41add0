// ChatStore's chunked format: what one write costs, reassembly, damage, clean-up.
import { expect } from '@open-wc/testing';
import { CHUNK, ChatStore } from '../../src/protocol/persistence.js';
import { initialSnapshot, type ChatSnapshot, type TranscriptEntry } from '../../src/protocol/snapshot.js';
import type { SessionState } from '../../src/protocol/session-types.js';

const session = { key: 'k!1', id: 'k', outbox: [] } as unknown as SessionState;

function entry(i: number, status: 'pending' | 'sent' = 'sent'): TranscriptEntry {
  return Object.freeze({ id: `e${i}`, kind: 'visitor', text: `message ${i}`, name: '', time: 1000 + i, sequence: i, status });
}

function snap(transcript: readonly TranscriptEntry[]): ChatSnapshot {
  return Object.freeze({ ...initialSnapshot, phase: 'active', transcript: Object.freeze(transcript.slice()) });
}

/** A Storage that records every setItem (key and size). */
function recording(): { storage: Storage; writes: { key: string; bytes: number }[]; map: Map<string, string> } {
  const map = new Map<string, string>();
  const writes: { key: string; bytes: number }[] = [];
  const storage = {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => {
      writes.push({ key: k, bytes: v.length });
      map.set(k, v);
    },
    removeItem: (k: string) => map.delete(k),
  } as unknown as Storage;
  return { storage, writes, map };
}

function write(store: ChatStore, transcript: readonly TranscriptEntry[]): void {
  store.save(() => ({ v: 1, session, snapshot: snap(transcript), savedAt: 1 }));
  store.flush();
}

describe('ChatStore chunks', () => {
  it('an append rewrites only the last chunk and the head, at 100 and at 10,000 entries alike', () => {
    const perAppend: { keys: string[]; bytes: number }[] = [];
    for (const size of [100, 10_000]) {
      const { storage, writes } = recording();
      const store = new ChatStore(storage, 'k', 10);
      const transcript = Array.from({ length: size }, (_, i) => entry(i));
      write(store, transcript);
      expect(writes.length).to.equal(Math.ceil(size / CHUNK) + 1);
      writes.length = 0;
      transcript.push(entry(size));
      write(store, transcript);
      perAppend.push({ keys: writes.map((w) => w.key), bytes: writes.reduce((n, w) => n + w.bytes, 0) });
    }
    expect(perAppend[0].keys).to.deep.equal(['live-chat:k:t:0', 'live-chat:k:chat']);
    expect(perAppend[1].keys).to.deep.equal([`live-chat:k:t:${Math.floor(10_000 / CHUNK)}`, 'live-chat:k:chat']);
    // 10,000 entries: the new last chunk holds one entry, so less than at 100 entries.
    expect(perAppend[1].bytes).to.be.below(perAppend[0].bytes);
  });

  it('a status change rewrites the one chunk holding the entry', () => {
    const { storage, writes } = recording();
    const store = new ChatStore(storage, 'k', 10);
    const transcript = Array.from({ length: 1000 }, (_, i) => entry(i, i === 450 ? 'pending' : 'sent'));
    write(store, transcript);
    writes.length = 0;
    transcript[450] = entry(450, 'sent');
    write(store, transcript);
    expect(writes.map((w) => w.key)).to.deep.equal(['live-chat:k:t:2', 'live-chat:k:chat']);
  });

  it('a reload reassembles the transcript in order, and the next write rewrites nothing old', () => {
    const { storage, writes } = recording();
    const transcript = Array.from({ length: 2 * CHUNK + 7 }, (_, i) => entry(i));
    write(new ChatStore(storage, 'k', 10), transcript);
    const reloaded = new ChatStore(storage, 'k', 10);
    const loaded = reloaded.load();
    expect(loaded?.session.key).to.equal('k!1');
    expect(loaded?.snapshot.phase).to.equal('active');
    expect(loaded?.snapshot.transcript).to.deep.equal(transcript);
    writes.length = 0;
    write(reloaded, [...loaded!.snapshot.transcript, entry(transcript.length)]);
    expect(writes.map((w) => w.key)).to.deep.equal(['live-chat:k:t:2', 'live-chat:k:chat']);
    expect(new ChatStore(storage, 'k').load()?.snapshot.transcript.length).to.equal(transcript.length + 1);
  });

  it('a missing or corrupt chunk drops the stored chat; clear removes every chunk', () => {
    for (const damage of ['{nope', null]) {
      const { storage, map } = recording();
      write(new ChatStore(storage, 'k', 10), Array.from({ length: 3 * CHUNK }, (_, i) => entry(i)));
      if (damage === null) map.delete('live-chat:k:t:1');
      else map.set('live-chat:k:t:1', damage);
      expect(new ChatStore(storage, 'k').load()).to.equal(null);
      expect([...map.keys()].filter((k) => k.startsWith('live-chat:k:'))).to.deep.equal([]);
    }
    const { storage, map } = recording();
    const store = new ChatStore(storage, 'k', 10);
    write(store, Array.from({ length: 3 * CHUNK + 1 }, (_, i) => entry(i)));
    expect(map.size).to.equal(5);
    store.clear();
    expect(map.size).to.equal(0);
  });

  it('another writer on the same storage makes the next write complete again', () => {
    const { storage, writes } = recording();
    const a = new ChatStore(storage, 'k', 10);
    const b = new ChatStore(storage, 'k', 10);
    const transcript = Array.from({ length: 2 * CHUNK }, (_, i) => entry(i));
    write(a, transcript);
    write(b, transcript.slice(0, CHUNK + 1)); // b lags behind
    writes.length = 0;
    transcript.push(entry(transcript.length));
    write(a, transcript);
    expect(writes.map((w) => w.key)).to.deep.equal(['live-chat:k:t:0', 'live-chat:k:t:1', 'live-chat:k:t:2', 'live-chat:k:chat']);
    expect(new ChatStore(storage, 'k').load()?.snapshot.transcript).to.deep.equal(transcript);
  });

  it('still loads a chat stored in the single-key format 1', () => {
    const { storage } = recording();
    const transcript = [entry(0), entry(1)];
    storage.setItem('live-chat:k:chat', JSON.stringify({ v: 1, session, snapshot: snap(transcript), savedAt: 5 }));
    const loaded = new ChatStore(storage, 'k').load();
    expect(loaded?.savedAt).to.equal(5);
    expect(loaded?.snapshot.transcript).to.deep.equal(transcript);
  });
});
