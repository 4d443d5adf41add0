// Two real browser tabs on one chat (opened through the lc-tab-* commands of
// test/helpers/wtr-plugins.mjs): they share Web Locks and BroadcastChannel but not
// sessionStorage, so the second tab learns of the chat only from the first. Exactly one
// long poll at a time; when the leading tab closes, the other takes over.
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createSandbox, type Sandbox } from '../helpers/reference-server.js';

interface TabView {
  phase: string;
  leader: boolean;
  texts: string[];
  sent: string[];
}

const sandboxes: Sandbox[] = [];
const opened: string[] = [];
afterEach(async () => {
  for (const id of opened.splice(0)) await executeServerCommand('lc-tab-close', { id });
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
});

async function openTab(sb: Sandbox): Promise<string> {
  const q = new URLSearchParams({ endpoint: sb.endpointUrl, org: sb.orgId, dep: sb.deploymentId, button: sb.buttonId });
  const id = await executeServerCommand<string, { url: string }>('lc-tab-open', { url: `/test/controller/fixtures/host-page.html?${q}` });
  opened.push(id);
  await waitUntil(async () => (await run<boolean>(id, 'Boolean(window.chatHost && window.chatHost.controller)')) === true, 'tab did not load', { timeout: 10_000 });
  return id;
}

function run<T>(id: string, expression: string): Promise<T> {
  return executeServerCommand<T, { id: string; expression: string }>('lc-tab-eval', { id, expression });
}

function view(id: string): Promise<TabView> {
  return run<TabView>(
    id,
    `(() => { const s = window.chatHost.controller.snapshot; return {
      phase: s.phase, leader: s.leader,
      texts: s.transcript.filter((e) => e.kind !== 'system').map((e) => e.text),
      sent: s.transcript.filter((e) => e.kind === 'visitor' && e.status === 'sent').map((e) => e.text) }; })()`,
  );
}

async function close(id: string): Promise<void> {
  opened.splice(opened.indexOf(id), 1);
  await executeServerCommand('lc-tab-close', { id });
}

describe('two real tabs', () => {
  it('share one chat with one long poll, and the other tab takes over when the leader closes', async () => {
    const sb = await createSandbox({ scriptedAgent: { enabled: false }, clientPollTimeout: 5 });
    sandboxes.push(sb);
    const a = await openTab(sb);
    await run(a, 'window.chatHost.controller.start().then(() => true)');
    const chat = await sb.waitForChat();
    await sb.accept(chat.id);
    await waitUntil(async () => (await view(a)).phase === 'active', 'tab A never active', { timeout: 5000 });

    const b = await openTab(sb);
    await waitUntil(async () => (await view(b)).phase === 'active', 'tab B does not join the chat', { timeout: 5000 });
    expect((await view(a)).leader).to.equal(true);
    expect((await view(b)).leader).to.equal(false);

    await sb.say(chat.id, 'hello both');
    await waitUntil(async () => (await view(b)).texts.includes('hello both'), 'tab B missed the message', { timeout: 5000 });
    await run(b, `window.chatHost.controller.send('typed in B')`);
    await waitUntil(async () => (await view(b)).sent.includes('typed in B'), 'B could not send through A', { timeout: 5000 });
    for (let i = 0; i < 3; i++) {
      expect((await sb.requests()).filter((r) => r.resource === 'System/Messages' && r.status === 0).length).to.be.at.most(1);
      await new Promise((r) => setTimeout(r, 150));
    }

    await close(a);
    await waitUntil(async () => (await view(b)).leader, 'B never took over', { timeout: 8000 });
    await sb.say(chat.id, 'after A closed');
    await waitUntil(async () => (await view(b)).texts.includes('after A closed'), 'B does not poll', { timeout: 8000 });
    await run(b, `window.chatHost.controller.send('B alone')`);
    await waitUntil(async () => (await view(b)).sent.includes('B alone'), 'B cannot send', { timeout: 5000 });

    const rows = await sb.requests();
    expect(rows.filter((r) => r.resource === 'System/Messages' && r.status === 409)).to.have.length(0);
    expect(rows.filter((r) => r.resource === 'Chasitor/ChasitorInit')).to.have.length(1);
    const received = await sb.received(chat.id);
    expect(received.filter((r) => r.noun === 'ChatMessage').map((r) => (r.body as { text: string }).text)).to.deep.equal(['typed in B', 'B alone']);
    expect((await view(b)).texts.filter((t) => t === 'hello both')).to.have.length(1);
    expect((await sb.state()).chats[0].status).to.equal('active');
  });
});
