// The four ways the sending side used to lose or duplicate visitor messages under compound
// faults, each reproduced deterministically with the reference server's fault API; each must
// now end with every message applied exactly once, in order, and shown "sent".
import { expect, waitUntil } from '@open-wc/testing';
import { activeChat, harness, type Harness } from '../helpers/session-harness.js';

async function appliedTexts(h: Harness): Promise<string[]> {
  const received = await h.sb.received(h.chatId());
  return received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text);
}

async function allSent(h: Harness, ids: string[]): Promise<void> {
  await waitUntil(
    () => ids.every((id) => h.snap().transcript.find((e) => e.id === id)?.status === 'sent'),
    `not all sent: ${JSON.stringify(h.snap().transcript.filter((e) => e.kind === 'visitor').map((e) => [e.id, e.status]))}`,
    { timeout: 10_000 },
  );
  expect(h.snap().transcript.filter((e) => e.kind === 'visitor' && e.status === 'failed')).to.deep.equal([]);
}

/** No sequence number went out with two different bodies (between two ReconnectSessions). */
async function noNumberReused(h: Harness): Promise<void> {
  const rows = (await h.sb.requests()).filter((r) => r.method === 'POST' || r.resource === 'System/ReconnectSession');
  let epoch = 0;
  const bodies = new Map<string, string>();
  for (const r of rows) {
    if (r.resource === 'System/ReconnectSession') {
      epoch++;
      continue;
    }
    const seq = r.headers['x-liveagent-sequence'];
    if (!seq || r.resource === 'Chasitor/ChasitorInit') continue;
    const key = `${epoch}:${seq}`;
    const body = JSON.stringify(r.body);
    if (bodies.has(key)) expect(bodies.get(key), `sequence ${key} carried two bodies`).to.equal(body);
    bodies.set(key, body);
  }
}

describe('delivery: exactly once under compound faults', () => {
  it('1. a retry never grows: applied, answer lost, more typed meanwhile → the retry carries only the first message', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'drop', after: true });
    h.session.send('a', 'first');
    h.session.send('b', 'second');
    h.session.send('c', 'third');
    await allSent(h, ['a', 'b', 'c']);
    expect(await appliedTexts(h)).to.deep.equal(['first', 'second', 'third']);
    await noNumberReused(h);
  });

  it('2. a number is never reused: applied, answer lost, the retry answered 500, then a new message', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'drop', after: true });
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'status', status: 500 });
    h.session.send('a', 'first');
    await allSent(h, ['a']);
    h.session.send('b', 'second');
    await allSent(h, ['a', 'b']);
    expect(await appliedTexts(h)).to.deep.equal(['first', 'second']);
    await noNumberReused(h);
  });

  it('3. nothing is resent after a handover that the server already applied (ChasitorSessionData reconciles)', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'drop', after: true });
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'handover' });
    h.session.send('a', 'first');
    await allSent(h, ['a']);
    await waitUntil(() => h.snap().phase === 'active', 'not back after the handover', { timeout: 8000 });
    h.session.send('b', 'second');
    await allSent(h, ['a', 'b']);
    expect(await appliedTexts(h)).to.deep.equal(['first', 'second']);
    const rows = await h.sb.requests();
    const rc = rows.findIndex((r) => r.resource === 'System/ReconnectSession');
    expect(rc, 'no handover happened').to.be.greaterThan(-1);
    expect(rows.slice(rc).find((r) => r.method === 'POST')?.resource).to.equal('Chasitor/ChasitorResyncState');
    await noNumberReused(h);
  });

  it('3b. what the server had not applied before a handover is sent after it, once', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'drop' });
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'handover' });
    h.session.send('a', 'first');
    await allSent(h, ['a']);
    expect(await appliedTexts(h)).to.deep.equal(['first']);
    await noNumberReused(h);
  });

  it('4. one 500 never fails a batch: twenty messages typed while a request hangs go as one MultiNoun, retried whole', async () => {
    const h = await harness();
    await activeChat(h);
    await h.sb.fault({ resource: 'Chasitor/ChatMessage', kind: 'delay', delayMs: 600 });
    await h.sb.fault({ resource: 'System/MultiNoun', kind: 'status', status: 500 });
    const ids = Array.from({ length: 21 }, (_, i) => `m${i}`);
    for (const id of ids) h.session.send(id, `message ${id}`);
    await allSent(h, ids);
    expect(await appliedTexts(h)).to.deep.equal(ids.map((id) => `message ${id}`));
    const multi = (await h.sb.requests()).filter((r) => r.resource === 'System/MultiNoun');
    expect(multi.map((r) => r.status)).to.deep.equal([500, 200]);
    expect((multi[0].body as { nouns: unknown[] }).nouns.length).to.equal(20);
    await noNumberReused(h);
  });
});
