// Surviving the page: a reload mid-chat and two tabs on one chat. Each "page" is a
// same-origin frame running fixtures/host-page.html (a small host element with a
// ChatController): frames share the tab's sessionStorage, Web Locks and
// BroadcastChannel exactly as tabs of one site share locks and channels, and removing
// a frame ends its document the way closing a tab does.
import { expect, waitUntil } from '@open-wc/testing';
import type { ChatSnapshot } from '../../src/protocol/snapshot.js';
import type { TestChatHost } from './fixtures/host-page.js';
import { createSandbox, type Sandbox, type RequestRow } from '../helpers/reference-server.js';

type FrameWindow = Window & { chatHost?: TestChatHost };

const sandboxes: Sandbox[] = [];
const frames: HTMLIFrameElement[] = [];
afterEach(async () => {
  frames.splice(0).forEach((f) => f.remove());
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
  sessionStorage.clear();
});

async function sandbox(): Promise<Sandbox> {
  const sb = await createSandbox({ scriptedAgent: { enabled: false }, clientPollTimeout: 5 });
  sandboxes.push(sb);
  return sb;
}

function pageUrl(sb: Sandbox): string {
  const q = new URLSearchParams({ endpoint: sb.endpointUrl, org: sb.orgId, dep: sb.deploymentId, button: sb.buttonId });
  return `/test/controller/fixtures/host-page.html?${q}`;
}

async function openPage(sb: Sandbox): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = pageUrl(sb);
  document.body.append(frame);
  frames.push(frame);
  await waitUntil(() => (frame.contentWindow as FrameWindow | null)?.chatHost?.controller, 'page did not load', { timeout: 10_000 });
  return frame;
}

const host = (f: HTMLIFrameElement) => (f.contentWindow as FrameWindow).chatHost!;
const snap = (f: HTMLIFrameElement): ChatSnapshot => host(f).controller.snapshot;
const texts = (s: ChatSnapshot) => s.transcript.filter((e) => e.kind !== 'system').map((e) => e.text);

/** Long polls that overlapped in time (a second poll while one was open). */
function overlappingPolls(rows: RequestRow[]): number {
  return rows.filter((r) => r.resource === 'System/Messages' && r.status === 409).length;
}

describe('surviving the page', () => {
  it('a reload mid-chat resumes without a new ChasitorInit and shows the whole transcript', async () => {
    const sb = await sandbox();
    const frame = await openPage(sb);
    await host(frame).controller.start();
    const chat = await sb.waitForChat();
    await sb.accept(chat.id);
    await waitUntil(() => snap(frame).phase === 'active', 'never active', { timeout: 5000 });
    await sb.say(chat.id, 'Hello from Ada');
    await waitUntil(() => texts(snap(frame)).includes('Hello from Ada'));
    const id = host(frame).controller.send('Hi, my order is late');
    await waitUntil(() => snap(frame).transcript.some((e) => e.id === id && e.status === 'sent'), 'message not sent', { timeout: 5000 });
    const before = snap(frame).transcript.map((e) => [e.kind, e.text]);

    const oldHost = host(frame);
    frame.contentWindow!.location.reload();
    await waitUntil(() => (frame.contentWindow as FrameWindow).chatHost !== oldHost && (frame.contentWindow as FrameWindow).chatHost, 'page did not reload', { timeout: 10_000 });
    await waitUntil(() => (frame.contentWindow as FrameWindow).chatHost?.controller.snapshot.phase === 'active', 'not resumed after reload', { timeout: 10_000 });
    const resumed = host(frame);
    expect(resumed.controller.snapshot.transcript.map((e) => [e.kind, e.text])).to.deep.equal(before);
    expect(resumed.controller.snapshot.error).to.equal(null);
    // The restored baseline is not reported as a change (nothing changed since).
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.notified).to.have.length(0);

    await sb.say(chat.id, 'Still here?');
    await waitUntil(() => texts(resumed.controller.snapshot).includes('Still here?'), 'no messages after reload', { timeout: 5000 });
    const id2 = resumed.controller.send('Yes');
    await waitUntil(() => resumed.controller.snapshot.transcript.some((e) => e.id === id2 && e.status === 'sent'));

    const received = await sb.received(chat.id);
    expect(received.filter((r) => r.noun === 'ChasitorInit')).to.have.length(1);
    expect(received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text)).to.deep.equal(['Hi, my order is late', 'Yes']);
    const rows = await sb.requests();
    expect(rows.filter((r) => r.resource === 'System/SessionId')).to.have.length(1);
    const posts = rows.filter((r) => r.method === 'POST' && r.resource !== 'Visitor/Breadcrumb');
    expect(posts.map((r) => Number(r.headers['x-liveagent-sequence']))).to.deep.equal(posts.map((_, i) => i + 1));
    expect(overlappingPolls(rows)).to.equal(0);
  });

  it('a message still waiting for an agent survives a reload and is sent once the agent joins', async () => {
    const sb = await sandbox();
    const frame = await openPage(sb);
    await host(frame).controller.start();
    const chat = await sb.waitForChat();
    await waitUntil(() => snap(frame).phase === 'queued', 'never queued', { timeout: 5000 });
    host(frame).controller.send('typed while queued');
    expect(snap(frame).transcript.find((e) => e.kind === 'visitor')?.status).to.equal('pending');
    const oldHost = host(frame);
    frame.contentWindow!.location.reload();
    await waitUntil(() => (frame.contentWindow as FrameWindow).chatHost !== oldHost && (frame.contentWindow as FrameWindow).chatHost, 'page did not reload', { timeout: 10_000 });
    expect(snap(frame).transcript.find((e) => e.kind === 'visitor')).to.include({ text: 'typed while queued', status: 'pending' });
    await sb.accept(chat.id);
    await waitUntil(() => snap(frame).transcript.some((e) => e.kind === 'visitor' && e.status === 'sent'), 'kept message not sent', { timeout: 8000 });
    const received = await sb.received(chat.id);
    expect(received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text)).to.deep.equal(['typed while queued']);
    expect(received.filter((r) => r.noun === 'ChasitorInit')).to.have.length(1);
  });

  it('the follower tab can end the chat; both tabs show it ended', async () => {
    const sb = await sandbox();
    const a = await openPage(sb);
    await host(a).controller.start();
    const chat = await sb.waitForChat();
    await sb.accept(chat.id);
    await waitUntil(() => snap(a).phase === 'active', 'never active', { timeout: 5000 });
    const b = await openPage(sb);
    await waitUntil(() => snap(b).phase === 'active' && !snap(b).leader, 'B does not follow', { timeout: 5000 });
    await host(b).controller.end();
    await waitUntil(() => snap(a).phase === 'ended' && snap(b).phase === 'ended', 'not ended in both', { timeout: 8000 });
    expect(snap(b).ended?.reason).to.equal('visitor');
    expect((await sb.state()).chats[0].status).to.equal('ended');
    expect((await sb.received(chat.id)).filter((r) => r.noun === 'ChatEnd')).to.have.length(1);
  });

  it('two tabs share one chat with one long poll; the leader hands over when it closes', async () => {
    const sb = await sandbox();
    const a = await openPage(sb);
    await host(a).controller.start();
    const chat = await sb.waitForChat();
    await sb.accept(chat.id);
    await waitUntil(() => snap(a).phase === 'active', 'never active', { timeout: 5000 });

    const b = await openPage(sb);
    await waitUntil(() => snap(b).phase === 'active', 'second tab does not mirror the chat', { timeout: 5000 });
    // B restored the chat from the shared storage; the lock then tells it that it follows.
    await waitUntil(() => snap(b).leader === false, 'second tab does not follow', { timeout: 5000 });
    expect(snap(a).leader).to.equal(true);

    await sb.say(chat.id, 'to both tabs');
    await waitUntil(() => texts(snap(b)).includes('to both tabs'), 'follower did not see the message', { timeout: 5000 });
    // The follower sends through the leader.
    host(b).controller.send('from tab B');
    await waitUntil(() => snap(b).transcript.some((e) => e.text === 'from tab B' && e.status === 'sent'), 'follower message not delivered', { timeout: 5000 });
    expect(texts(snap(a))).to.include('from tab B');

    // At every moment at most one poll is open.
    for (let i = 0; i < 3; i++) {
      const open = (await sb.requests()).filter((r) => r.resource === 'System/Messages' && r.status === 0);
      expect(open.length).to.be.at.most(1);
      await new Promise((r) => setTimeout(r, 150));
    }

    // Close the leader: B takes over the loop.
    a.remove();
    await waitUntil(() => snap(b).leader === true, 'no hand-over', { timeout: 8000 });
    await sb.say(chat.id, 'after hand-over');
    await waitUntil(() => texts(snap(b)).includes('after hand-over'), 'new leader does not poll', { timeout: 8000 });
    host(b).controller.send('B leads now');
    await waitUntil(() => snap(b).transcript.some((e) => e.text === 'B leads now' && e.status === 'sent'), 'new leader cannot send', { timeout: 5000 });

    const received = await sb.received(chat.id);
    expect(received.filter((r) => r.noun === 'ChasitorInit')).to.have.length(1);
    expect(received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text)).to.deep.equal(['from tab B', 'B leads now']);
    const rows = await sb.requests();
    expect(overlappingPolls(rows)).to.equal(0);
    const posts = rows.filter((r) => r.method === 'POST' && r.resource !== 'Visitor/Breadcrumb');
    expect(posts.map((r) => Number(r.headers['x-liveagent-sequence']))).to.deep.equal(posts.map((_, i) => i + 1));
    expect((await sb.state()).chats[0].status).to.equal('active');
    expect(texts(snap(b)).filter((t) => t === 'to both tabs')).to.have.length(1);
  });
  it('after a follower joins, changes travel as deltas: no full state, earlier entries kept as they were', async () => {
    const sb = await sandbox();
    const seen: string[] = [];
    const channel = new BroadcastChannel(`live-chat:${sb.endpointUrl}|${sb.orgId}|${sb.deploymentId}|${sb.buttonId}`);
    channel.onmessage = (e: MessageEvent<{ t: string }>) => seen.push(e.data.t);
    try {
      const a = await openPage(sb);
      await host(a).controller.start();
      const chat = await sb.waitForChat();
      await sb.accept(chat.id);
      await waitUntil(() => snap(a).phase === 'active', 'never active', { timeout: 5000 });
      await sb.say(chat.id, 'before B');
      await waitUntil(() => texts(snap(a)).includes('before B'));
      const b = await openPage(sb);
      await waitUntil(() => snap(b).phase === 'active' && texts(snap(b)).includes('before B'), 'B does not follow', { timeout: 5000 });
      // B follows (its hellos were posted before that) and has seen a later message;
      // the leader answered the last hello with a full state.
      await waitUntil(() => !snap(b).leader, 'B does not follow');
      await sb.say(chat.id, 'warm-up');
      await waitUntil(() => texts(snap(b)).includes('warm-up'), 'B did not see the warm-up', { timeout: 5000 });
      await waitUntil(() => seen.lastIndexOf('hello') < seen.lastIndexOf('state'), 'hello not answered');
      const mark = seen.length;
      const joined = snap(b);

      for (const text of ['one', 'two', 'three']) await sb.say(chat.id, text);
      await waitUntil(() => texts(snap(b)).includes('three'), 'follower did not see the messages', { timeout: 5000 });
      host(b).controller.send('from B');
      await waitUntil(() => snap(b).transcript.some((e) => e.text === 'from B' && e.status === 'sent'), 'not delivered', { timeout: 5000 });

      const after = seen.slice(mark);
      expect(after.filter((t) => t === 'state' || t === 'hello')).to.deep.equal([]);
      expect(after.filter((t) => t === 'delta').length).to.be.at.least(2);
      expect(snap(b).transcript.map((e) => e.id)).to.deep.equal(snap(a).transcript.map((e) => e.id));
      joined.transcript.forEach((e, i) => expect(snap(b).transcript[i]).to.equal(e));
    } finally {
      channel.close();
    }
  });
});
