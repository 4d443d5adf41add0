// The agent's page trail: every page the visitor reaches during a chat goes out as
// Visitor/Breadcrumb {location} with the chat's X-LIVEAGENT-SESSION-KEY and AFFINITY, so the
// reference server attaches it to the chat — after pushState, after a reload and after a
// full navigation (where the first crumb must wait for the resumed session). Each "page" is
// a same-origin frame running fixtures/host-page.html (see page-life.test.ts).
import { expect, waitUntil } from '@open-wc/testing';
import type { TestChatHost } from './fixtures/host-page.js';
import { createSandbox, type RequestRow, type Sandbox } from '../helpers/reference-server.js';

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

function pageUrl(sb: Sandbox, extra = ''): string {
  const q = new URLSearchParams({ endpoint: sb.endpointUrl, org: sb.orgId, dep: sb.deploymentId, button: sb.buttonId });
  return `/test/controller/fixtures/host-page.html?${q}${extra}`;
}

const host = (f: HTMLIFrameElement) => (f.contentWindow as FrameWindow).chatHost;

async function openPage(sb: Sandbox): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = pageUrl(sb);
  document.body.append(frame);
  frames.push(frame);
  await waitUntil(() => host(frame)?.controller, 'page did not load', { timeout: 10_000 });
  return frame;
}

/** A new document in the frame (reload or navigation) whose controller resumed the chat. */
async function nextDocument(frame: HTMLIFrameElement, go: () => void): Promise<void> {
  const old = host(frame);
  go();
  await waitUntil(() => host(frame) && host(frame) !== old, 'no new document', { timeout: 10_000 });
  await waitUntil(() => host(frame)!.controller.snapshot.phase === 'active', 'chat not resumed', { timeout: 10_000 });
}

const crumbs = async (sb: Sandbox): Promise<RequestRow[]> => (await sb.requests()).filter((r) => r.resource === 'Visitor/Breadcrumb');
const loc = (r: RequestRow) => (r.body as { location: string }).location;

describe('page trail during a chat', () => {
  it('pushState, a reload and a full navigation each send a Breadcrumb with the chat headers; the server attaches them all', async () => {
    const sb = await sandbox();
    const frame = await openPage(sb);
    await host(frame)!.controller.start();
    const chat = await sb.waitForChat();
    await sb.accept(chat.id);
    await waitUntil(() => host(frame)!.controller.snapshot.phase === 'active', 'never active', { timeout: 5000 });
    const init = (await sb.requests()).find((r) => r.resource === 'Chasitor/ChasitorInit')!;
    const key = init.headers['x-liveagent-session-key'];
    expect(key, 'ChasitorInit carries the key').to.be.a('string').and.not.equal('');

    // 1. In-page navigation.
    frame.contentWindow!.history.pushState(null, '', pageUrl(sb, '&step=cart'));
    await waitUntil(async () => (await crumbs(sb)).some((r) => loc(r).endsWith('&step=cart')), 'no crumb after pushState', { timeout: 5000 });
    // 2. A reload of that page (the crumb of the same URL after a reload is a new visit).
    const before = (await crumbs(sb)).length;
    await nextDocument(frame, () => frame.contentWindow!.location.reload());
    await waitUntil(async () => (await crumbs(sb)).length > before, 'no crumb after the reload', { timeout: 5000 });
    // 3. A full navigation to another page of the site.
    await nextDocument(frame, () => (frame.contentWindow!.location.href = pageUrl(sb, '&step=checkout')));
    await waitUntil(async () => (await crumbs(sb)).some((r) => loc(r).endsWith('&step=checkout')), 'no crumb after navigation', { timeout: 5000 });

    const during = (await crumbs(sb)).filter((r) => r.n > init.n);
    expect(during.length).to.be.at.least(3);
    for (const r of during) {
      expect(r.headers['x-liveagent-session-key'], `${loc(r)} without the session key`).to.equal(key);
      expect(r.headers['x-liveagent-affinity'], `${loc(r)} without the affinity`).to.be.a('string').and.not.equal('');
      expect(r.status).to.equal(200);
    }
    // The server put every one of them on the chat: the agent's page trail.
    const trail = (await sb.chatState(chat.id)).breadcrumbs.map((b) => b.location);
    expect(trail.filter((l) => l.endsWith('&step=cart')).length, 'pushState and reload crumbs').to.be.at.least(2);
    expect(trail.some((l) => l.endsWith('&step=checkout'))).to.equal(true);
  });

  it('a page reached while the chat is still being created waits for its credentials', async () => {
    const sb = await sandbox();
    const frame = await openPage(sb);
    await waitUntil(async () => (await crumbs(sb)).length === 1, 'no crumb on load', { timeout: 5000 });
    await sb.fault({ resource: 'Chasitor/ChasitorInit', kind: 'delay', delayMs: 1500 });
    void host(frame)!.controller.start();
    await waitUntil(() => host(frame)!.controller.snapshot.phase === 'connecting', 'never connecting');
    frame.contentWindow!.history.pushState(null, '', pageUrl(sb, '&early=1'));
    await waitUntil(async () => (await crumbs(sb)).some((r) => loc(r).endsWith('&early=1')), 'the crumb never went', { timeout: 8000 });
    const crumb = (await crumbs(sb)).find((r) => loc(r).endsWith('&early=1'))!;
    const init = (await sb.requests()).find((r) => r.resource === 'Chasitor/ChasitorInit')!;
    expect(crumb.at - init.at, 'the crumb left before ChasitorInit was answered').to.be.at.least(1400);
    expect(crumb.headers['x-liveagent-session-key']).to.equal(init.headers['x-liveagent-session-key']);
    const chat = await sb.waitForChat();
    expect((await sb.chatState(chat.id)).breadcrumbs.map((b) => b.location).some((l) => l.endsWith('&early=1'))).to.equal(true);
  });

  it('before any chat a crumb goes out without session headers (nothing to attach it to)', async () => {
    const sb = await sandbox();
    const frame = await openPage(sb);
    await waitUntil(async () => (await crumbs(sb)).length === 1, 'no crumb on load', { timeout: 5000 });
    frame.contentWindow!.history.pushState(null, '', pageUrl(sb, '&browse=1'));
    await waitUntil(async () => (await crumbs(sb)).length === 2, 'no crumb on pushState', { timeout: 5000 });
    for (const r of await crumbs(sb)) expect(r.headers['x-liveagent-session-key']).to.equal(undefined);
  });
});
