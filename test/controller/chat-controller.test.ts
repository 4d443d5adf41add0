// ChatController on a throwaway host element, against the reference server over real
// HTTP: presence before a chat, breadcrumbs, visitor id, invitations, the snapshot via
// context, limits, clean-up on disconnect.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ContextConsumer } from '@lit/context';
import { ChatController, type ChatControllerOptions } from '../../src/controller/chat-controller.js';
import { chatSnapshotContext } from '../../src/controller/context.js';
import type { ChatConfig, ChatSnapshot } from '../../src/protocol/snapshot.js';
import { ProtocolError } from '../../src/protocol/errors.js';
import { createSandbox, type Sandbox } from '../helpers/reference-server.js';

let nextOptions: Partial<ChatControllerOptions> & { config?: () => ChatConfig } = {};

class ControllerHost extends LitElement {
  readonly notified: [ChatSnapshot, ChatSnapshot][] = [];
  readonly custom: [string, string][] = [];
  readonly controller: ChatController;
  constructor() {
    super();
    const o = nextOptions;
    this.controller = new ChatController(this, {
      config: o.config!,
      onSnapshot: (n, p) => this.notified.push([n, p]),
      onCustomEvent: (t, d) => this.custom.push([t, d]),
      ...o,
    });
  }
  override render() {
    return html`<slot></slot>`;
  }
}
customElements.define('controller-host', ControllerHost);

class SnapshotReader extends LitElement {
  readonly consumer = new ContextConsumer(this, { context: chatSnapshotContext, subscribe: true });
}
customElements.define('snapshot-reader', SnapshotReader);

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  clear() {
    this.m.clear();
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
  setItem(k: string, v: string) {
    this.m.set(k, String(v));
  }
}

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  document.querySelectorAll('controller-host').forEach((e) => e.remove());
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
});

async function sandbox(overrides: Record<string, unknown> = {}): Promise<Sandbox> {
  const sb = await createSandbox({ scriptedAgent: { enabled: false }, clientPollTimeout: 5, ...overrides });
  sandboxes.push(sb);
  return sb;
}

function configFor(sb: Sandbox, extra: Partial<ChatConfig> = {}): ChatConfig {
  return {
    endpoint: sb.endpointUrl,
    orgId: sb.orgId,
    deploymentId: sb.deploymentId,
    buttonId: sb.buttonId,
    apiVersion: '58',
    language: 'en-US',
    visitorName: 'Jon A.',
    ...extra,
  };
}

async function mount(sb: Sandbox, options: Partial<ChatControllerOptions> = {}, extra: Partial<ChatConfig> = {}): Promise<ControllerHost> {
  nextOptions = { config: () => configFor(sb, extra), storage: new MemoryStorage(), ...options };
  const el = await fixture<ControllerHost>(html`<controller-host><snapshot-reader></snapshot-reader></controller-host>`);
  return el;
}

async function activeChat(sb: Sandbox, el: ControllerHost): Promise<string> {
  await el.controller.start();
  const chat = await sb.waitForChat();
  await sb.accept(chat.id);
  await waitUntil(() => el.controller.snapshot.phase === 'active', 'never active', { timeout: 5000 });
  return chat.id;
}

describe('ChatController: before a chat', () => {
  it('checks Settings, then Availability at the ping rate while idle; stops while a chat runs', async () => {
    const sb = await sandbox({ pingRate: 1000 });
    const el = await mount(sb);
    await waitUntil(() => el.controller.snapshot.availability.online === true, 'availability unknown', { timeout: 5000 });
    await waitUntil(async () => (await sb.requests()).filter((r) => r.resource === 'Visitor/Availability').length >= 1, 'no Availability repeat', { timeout: 4000 });
    const first = (await sb.requests()).filter((r) => r.resource.startsWith('Visitor/'));
    expect(first[0].resource).to.equal('Visitor/Settings');
    expect(first[0].headers).to.deep.equal({ 'x-liveagent-api-version': '58' });
    await el.controller.start();
    const n = (await sb.requests()).filter((r) => r.resource === 'Visitor/Availability').length;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await sb.requests()).filter((r) => r.resource === 'Visitor/Availability').length).to.equal(n);
  });

  it('shows offline when no agent is online, and the wait when known', async () => {
    const sb = await sandbox();
    await sb.setAgent(sb.agents[0].id, 'offline');
    await sb.setAgent(sb.agents[1].id, 'offline');
    const el = await mount(sb);
    await waitUntil(() => el.controller.snapshot.availability.online === false, 'never offline', { timeout: 5000 });
    expect(el.controller.snapshot.phase).to.equal('unavailable');
  });

  it('asks VisitorId once per visitor and keeps it', async () => {
    const sb = await sandbox();
    const storage = new MemoryStorage();
    const el = await mount(sb, { storage });
    await waitUntil(async () => (await sb.requests()).some((r) => r.resource === 'Visitor/VisitorId'), 'no VisitorId', { timeout: 5000 });
    await waitUntil(() => [...Array(storage.length).keys()].some((i) => storage.key(i)!.endsWith(':visitor')));
    el.remove();
    const again = await mount(sb, { storage });
    await waitUntil(() => again.controller.snapshot.availability.online !== null);
    expect((await sb.requests()).filter((r) => r.resource === 'Visitor/VisitorId')).to.have.length(1);
  });

  it('sends a Breadcrumb on load and on pushState, replaceState, popstate and hashchange; undoes the patch on disconnect', async () => {
    const sb = await sandbox();
    const originalPush = history.pushState;
    const start = location.href;
    const el = await mount(sb);
    const crumbs = async () => (await sb.requests()).filter((r) => r.resource === 'Visitor/Breadcrumb').map((r) => (r.body as { location: string }).location);
    await waitUntil(async () => (await crumbs()).length === 1, 'no breadcrumb on load', { timeout: 5000 });
    try {
      history.pushState({}, '', '?page=2');
      await waitUntil(async () => (await crumbs()).some((c) => c.endsWith('?page=2')), 'no breadcrumb on pushState', { timeout: 3000 });
      history.replaceState({}, '', '?page=3');
      await waitUntil(async () => (await crumbs()).some((c) => c.endsWith('?page=3')), 'no breadcrumb on replaceState', { timeout: 3000 });
      location.hash = 'section';
      await waitUntil(async () => (await crumbs()).some((c) => c.endsWith('#section')), 'no breadcrumb on hashchange', { timeout: 3000 });
      history.back();
      await waitUntil(async () => (await crumbs()).at(-1)!.endsWith('?page=3'), 'no breadcrumb on popstate', { timeout: 3000 });
    } finally {
      el.remove();
      history.replaceState({}, '', start);
    }
    expect(history.pushState).to.equal(originalPush);
  });

  it('offers an Invite button from Settings as the invitation; reject hides it, accept starts on that button', async () => {
    const sb = await sandbox();
    const invite = sb.buttons.find((b) => b.type === 'Invite')!;
    const el = await mount(sb, { prechatRequired: () => false }, { extraButtonIds: [invite.id] });
    await waitUntil(() => el.controller.snapshot.invitation !== null, 'no invitation', { timeout: 5000 });
    expect(el.controller.snapshot.invitation).to.include({ buttonId: invite.id, renderer: 'Slide', rejectTime: 30 });
    el.controller.rejectInvitation();
    expect(el.controller.snapshot.invitation).to.equal(null);

    const el2 = await mount(sb, { prechatRequired: () => false }, { extraButtonIds: [invite.id] });
    await waitUntil(() => el2.controller.snapshot.invitation !== null, 'no invitation', { timeout: 5000 });
    el2.controller.acceptInvitation();
    const chat = await sb.waitForChat();
    expect(chat.buttonId).to.equal(invite.id);
  });

  it('does not offer a declined invitation again on the next page of the same tab (another tab may)', async () => {
    const sb = await sandbox();
    const invite = sb.buttons.find((b) => b.type === 'Invite')!;
    const storage = new MemoryStorage(); // this tab's sessionStorage
    const first = await mount(sb, { prechatRequired: () => false, storage }, { extraButtonIds: [invite.id] });
    await waitUntil(() => first.controller.snapshot.invitation !== null, 'no invitation', { timeout: 5000 });
    first.controller.rejectInvitation();
    first.remove(); // the visitor goes to the next page

    const next = await mount(sb, { prechatRequired: () => false, storage }, { extraButtonIds: [invite.id] });
    await waitUntil(() => next.controller.snapshot.availability.online !== null, 'no Settings answer', { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(next.controller.snapshot.invitation, 'declined on the previous page').to.equal(null);

    const otherTab = await mount(sb, { prechatRequired: () => false }, { extraButtonIds: [invite.id] });
    await waitUntil(() => otherTab.controller.snapshot.invitation !== null, 'another tab gets its own offer', { timeout: 5000 });
  });

  it('pauses the Availability checks while the page is hidden and checks again when it shows', async () => {
    const sb = await sandbox({ pingRate: 1000 });
    let visibility: DocumentVisibilityState = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
    try {
      const el = await mount(sb);
      await waitUntil(() => el.controller.snapshot.availability.online === true, 'availability unknown', { timeout: 5000 });
      visibility = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
      await new Promise((r) => setTimeout(r, 1200));
      const hiddenCount = (await sb.requests()).filter((r) => r.resource === 'Visitor/Availability').length;
      await new Promise((r) => setTimeout(r, 2200));
      expect((await sb.requests()).filter((r) => r.resource === 'Visitor/Availability').length).to.equal(hiddenCount);
      visibility = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(async () => (await sb.requests()).filter((r) => r.resource === 'Visitor/Availability').length > hiddenCount, 'no check after showing', { timeout: 3000 });
    } finally {
      delete (document as unknown as Record<string, unknown>).visibilityState;
    }
  });

  it('follows SwitchServer: the whole client moves to the new endpoint', async () => {
    const target = await sandbox();
    const moved = await sandbox({ switchServerUrl: target.endpointUrl });
    const el = await mount(moved, {}, {});
    await waitUntil(() => el.controller.snapshot.availability.online === true, 'no availability from the new server', { timeout: 5000 });
    await el.controller.start();
    await target.waitForChat();
    const old = await moved.requests();
    expect(old.map((r) => r.resource)).to.include('Visitor/Settings');
    expect(old.some((r) => r.resource.startsWith('System/') || r.resource.startsWith('Chasitor/'))).to.equal(false);
    const now = await target.requests();
    expect(now.map((r) => r.resource)).to.include.members(['Visitor/Settings', 'System/SessionId', 'Chasitor/ChasitorInit']);
  });

  it('boots once when the host is moved (disconnected and reconnected) before its first update', async () => {
    const sb = await sandbox();
    nextOptions = { config: () => configFor(sb), storage: new MemoryStorage() };
    const el = document.createElement('controller-host') as ControllerHost;
    document.body.append(el);
    el.remove();
    document.body.append(el);
    await waitUntil(() => el.controller.snapshot.availability.online === true, 'never booted', { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 400));
    expect((await sb.requests()).filter((r) => r.resource === 'Visitor/Settings')).to.have.length(1);
    el.remove();
  });

  it('start() right after insertion (before the first update) still starts the chat', async () => {
    const sb = await sandbox();
    nextOptions = { config: () => configFor(sb), storage: new MemoryStorage() };
    const el = document.createElement('controller-host') as ControllerHost;
    document.body.append(el);
    await el.controller.start();
    expect(el.controller.snapshot.error).to.equal(null);
    await waitUntil(() => el.controller.snapshot.phase === 'queued', 'never queued', { timeout: 5000 });
    expect((await sb.requests()).filter((r) => r.resource === 'Visitor/Settings')).to.have.length(1);
    el.remove();
  });

  it('sends ChasitorInit with every property the guide lists, pre-chat details with entity maps under both names', async () => {
    const sb = await sandbox();
    const el = await mount(sb);
    const maps = [{ entityName: 'Contact', fieldName: 'Email', isExactMatchable: true }];
    await el.controller.start({
      visitorName: 'Ada V.',
      prechatDetails: [{ label: 'E-mail', value: 'ada@example.com', transcriptFields: ['c__Email'], displayToAgent: true, entityMaps: maps }],
      prechatEntities: [],
      buttonId: sb.buttons[1].id,
      buttonOverrides: [`${sb.agents[1].id}_${sb.buttons[1].id}`],
    });
    const chat = await sb.waitForChat();
    const init = (await sb.received(chat.id)).find((r) => r.noun === 'ChasitorInit')!.body as Record<string, unknown>;
    expect(init).to.include({ organizationId: sb.orgId, deploymentId: sb.deploymentId, buttonId: sb.buttons[1].id, visitorName: 'Ada V.', language: 'en-US', receiveQueueUpdates: true, isPost: true, userAgent: navigator.userAgent });
    expect(init.sessionId).to.equal(chat.id);
    expect(init.screenResolution).to.match(/^\d+x\d+$/);
    expect(init.buttonOverrides).to.deep.equal([`${sb.agents[1].id}_${sb.buttons[1].id}`]);
    const [detail] = init.prechatDetails as Record<string, unknown>[];
    expect(detail).to.deep.include({ label: 'E-mail', value: 'ada@example.com', transcriptFields: ['c__Email'], displayToAgent: true });
    expect(detail.entityFieldMaps).to.deep.equal(maps);
    expect(detail.entityMaps).to.deep.equal(maps);
  });

  it('reports a missing configuration as a config error without network', async () => {
    const sb = await sandbox();
    const el = await mount(sb, {}, { orgId: '' });
    await el.controller.start();
    expect(el.controller.snapshot.error?.code).to.equal('config');
    expect((await sb.requests()).length).to.equal(0);
  });
});

describe('ChatController: during a chat', () => {
  it('provides a new frozen snapshot through context on every change and calls onSnapshot', async () => {
    const sb = await sandbox();
    const el = await mount(sb);
    const reader = el.querySelector('snapshot-reader') as SnapshotReader;
    const chatId = await activeChat(sb, el);
    expect(reader.consumer.value).to.equal(el.controller.snapshot);
    const before = el.controller.snapshot;
    await sb.say(chatId, 'Hi there');
    await waitUntil(() => el.controller.snapshot.transcript.some((e) => e.text === 'Hi there'));
    const after = el.controller.snapshot;
    expect(after).to.not.equal(before);
    expect(Object.isFrozen(after)).to.equal(true);
    expect(reader.consumer.value).to.equal(after);
    const phases = el.notified.map(([n]) => n.phase);
    expect(phases).to.include.members(['connecting', 'queued', 'active']);
    for (const [n, p] of el.notified) expect(n).to.not.equal(p);
  });

  it('a poll answer with many messages becomes one snapshot change', async () => {
    const sb = await sandbox();
    const el = await mount(sb);
    const chatId = await activeChat(sb, el);
    const changes = el.notified.length;
    await sb.say(chatId, 'bulk', 200);
    await waitUntil(() => el.controller.snapshot.transcript.filter((e) => e.kind === 'agent').length === 200, 'not all shown', { timeout: 5000 });
    const texts = el.controller.snapshot.transcript.filter((e) => e.kind === 'agent').map((e) => e.text);
    expect(texts[0]).to.equal('bulk #1');
    expect(texts[199]).to.equal('bulk #200');
    expect(el.notified.length - changes).to.be.lessThan(5);
  });

  it('send() over 4000 characters throws too-long, sets the error and queues nothing', async () => {
    const sb = await sandbox();
    const el = await mount(sb);
    const chatId = await activeChat(sb, el);
    const long = 'x'.repeat(4001);
    let thrown: unknown;
    try {
      el.controller.send(long);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).to.be.instanceOf(ProtocolError);
    expect((thrown as ProtocolError).code).to.equal('too-long');
    expect(el.controller.snapshot.error?.code).to.equal('too-long');
    expect(el.controller.snapshot.transcript.filter((e) => e.kind === 'visitor')).to.have.length(0);
    const id = el.controller.send('x'.repeat(4000));
    expect(el.controller.snapshot.error).to.equal(null);
    await waitUntil(() => el.controller.snapshot.transcript.some((e) => e.id === id && e.status === 'sent'), 'limit-length message not sent', { timeout: 5000 });
    expect((await sb.received(chatId)).filter((r) => r.noun === 'ChatMessage')).to.have.length(1);
  });

  it('reports agent custom events and sends the visitor\'s', async () => {
    const sb = await sandbox();
    const el = await mount(sb);
    const chatId = await activeChat(sb, el);
    await sb.customEvent(chatId, 'Ping', 'data');
    await waitUntil(() => el.custom.length === 1, 'no custom event', { timeout: 5000 });
    el.controller.sendCustomEvent('Pong', 'back');
    await waitUntil(async () => (await sb.received(chatId)).some((r) => r.noun === 'CustomEvent' && (r.body as { type: string }).type === 'Pong'), 'not sent', { timeout: 5000 });
  });

  it('disconnect stops every request and timer but keeps the stored session; reconnect resumes it', async () => {
    const sb = await sandbox();
    const storage = new MemoryStorage();
    const el = await mount(sb, { storage });
    const chatId = await activeChat(sb, el);
    el.remove();
    await new Promise((r) => setTimeout(r, 100));
    const count = (await sb.requests()).length;
    await sb.say(chatId, 'while away');
    await new Promise((r) => setTimeout(r, 800));
    const rows = await sb.requests();
    expect(rows.length).to.equal(count);
    expect(rows.filter((r) => r.resource === 'System/Messages' && r.status === 0)).to.have.length(0);
    expect(storage.length).to.be.greaterThan(0);
    document.body.append(el);
    await waitUntil(() => el.controller.snapshot.transcript.some((e) => e.text === 'while away'), 'not resumed', { timeout: 5000 });
    expect((await sb.received(chatId)).filter((r) => r.noun === 'ChasitorInit')).to.have.length(1);
  });

  it('ending clears the stored session and reset returns to idle', async () => {
    const sb = await sandbox();
    const storage = new MemoryStorage();
    const el = await mount(sb, { storage });
    await activeChat(sb, el);
    await el.controller.end();
    expect(el.controller.snapshot.phase).to.equal('ended');
    await new Promise((r) => setTimeout(r, 300));
    const keys = [...Array(storage.length).keys()].map((i) => storage.key(i)!);
    expect(keys.filter((k) => k.endsWith(':chat'))).to.have.length(0);
    el.controller.reset();
    expect(el.controller.snapshot.phase).to.equal('idle');
    expect(el.controller.snapshot.transcript).to.have.length(0);
  });
});
