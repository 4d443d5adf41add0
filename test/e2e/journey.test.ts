/**
 * The full visitor journey through the BUILT script-tag bundle against the reference server:
 * pre-chat with a department choice → queue → chat → the agent ends → post-chat, with axe
 * in every phase. (Run `npm run build` first.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { createSandbox, type Sandbox } from '../helpers/reference-server.js';
import { axeViolations, loadWidget, q, type Loaded } from './helpers.js';

let sandbox: Sandbox | undefined;
let loaded: Loaded | undefined;

afterEach(async () => {
  loaded?.frame.remove();
  loaded = undefined;
  sessionStorage.clear(); // the frames share the page's session storage (persisted chats)
  await sandbox?.dispose();
  sandbox = undefined;
});

describe('e2e: full journey through the built bundle', () => {
  it('pre-chat (Sales) → queue → chat → agent ends → post-chat, accessible in every phase', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    loaded = await loadWidget(sandbox);
    const { el, win } = loaded;
    const phases: string[] = [];
    el.addEventListener('live-chat-phase-change', (e) => phases.push(e.detail.phase));

    // Idle: launcher, online.
    await waitUntil(() => q(el, '[part~="launcher"]')!.textContent!.includes('Chat with us'));
    expect(await axeViolations(win), 'idle').to.deep.equal([]);

    // Pre-chat with a department choice.
    // The click loads the widget (the script tag is the loader): allow for a network load.
    q(el, '[part~="launcher"]')!.click();
    await waitUntil(() => q(el, 'live-chat-prechat', 'input[name="name"]'), 'no pre-chat form', { timeout: 8000 });
    expect(await axeViolations(win), 'prechat').to.deep.equal([]);
    const name = q<HTMLInputElement>(el, 'live-chat-prechat', 'input[name="name"]')!;
    name.value = 'Sam <b>Visitor</b>';
    name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const department = q<HTMLSelectElement>(el, 'live-chat-prechat', 'select[name="department"]')!;
    department.value = 'sales';
    department.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    q(el, 'live-chat-prechat', '[part~="submit-button"]')!.click();

    // Queue: routed to the Sales button.
    const chat = await sandbox.waitForChat();
    expect(chat.buttonId).to.equal('573DEMO00000002');
    expect(chat.visitorName).to.equal('Sam <b>Visitor</b>');
    await waitUntil(() => el.phase === 'queued', 'never queued', { timeout: 8000 });
    await sandbox.queue(chat.id, 2, 90);
    await waitUntil(() => q(el, 'live-chat-queue', '[part~="queue-position"]')?.textContent?.includes('2'), 'no queue position', {
      timeout: 8000,
    });
    expect(q(el, '[role="status"]')!.textContent).to.contain('2');
    expect(await axeViolations(win), 'queued').to.deep.equal([]);

    // Chat: Grace (Sales) accepts, types, writes; the visitor answers.
    await sandbox.accept(chat.id, '005DEMO00000002');
    await waitUntil(() => el.phase === 'active', 'never active', { timeout: 8000 });
    await sandbox.typing(chat.id, true);
    await waitUntil(() => q(el, 'live-chat-transcript', '[part~="typing-indicator"]:not([hidden])'), 'no typing indicator', {
      timeout: 8000,
    });
    await sandbox.say(chat.id, 'Hello Sam! See https://example.com/offers');
    await waitUntil(() => q(el, 'live-chat-transcript', '[part~="agent"]'), 'agent message not shown', { timeout: 8000 });
    const link = q<HTMLAnchorElement>(el, 'live-chat-transcript', '[part~="agent"] a')!;
    expect(link.href).to.equal('https://example.com/offers');
    expect(link.rel).to.equal('noopener noreferrer');
    const input = q<HTMLTextAreaElement>(el, 'live-chat-composer', 'textarea')!;
    input.value = 'Hi Grace';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitUntil(() => !q<HTMLButtonElement>(el, 'live-chat-composer', '[part~="send-button"]')!.disabled, 'send stayed disabled');
    q(el, 'live-chat-composer', '[part~="send-button"]')!.click();
    await waitUntil(
      async () => (await sandbox!.received(chat.id)).some((r) => r.noun === 'ChatMessage' && JSON.stringify(r.body).includes('Hi Grace')),
      'server never received the visitor message',
      { timeout: 8000 },
    );
    await waitUntil(() => q(el, 'live-chat-transcript', '[part~="visitor"]')?.textContent?.includes('Sent'), 'never marked sent', {
      timeout: 8000,
    });
    expect(await axeViolations(win), 'active').to.deep.equal([]);

    // The agent ends: the visitor is told, post-chat view.
    await sandbox.end(chat.id);
    await waitUntil(() => el.phase === 'ended', 'never ended', { timeout: 8000 });
    await waitUntil(() => q(el, 'live-chat-postchat', '[part~="postchat"]'), 'no post-chat view');
    // Said once: the transcript's last line says it, the post-chat view thanks.
    expect(q(el, 'live-chat-postchat', '[part~="postchat"]')!.textContent).to.not.contain('The agent ended the chat');
    expect(q(el, 'live-chat-postchat', '[part~="postchat"]')!.textContent).to.contain('Thank you for chatting with us.');
    expect(q(el, '[role="status"]')!.textContent).to.contain('The agent ended the chat');
    expect(q(el, 'live-chat-transcript', '[part~="system"]:last-child')?.textContent ?? '').to.contain('ended');
    expect(await axeViolations(win), 'ended').to.deep.equal([]);

    expect(phases).to.include.members(['prechat', 'connecting', 'queued', 'active', 'ended']);
    expect(win.__errors).to.deep.equal([]);

    // Start again: back to the pre-chat form.
    q(el, 'live-chat-postchat', '[part~="restart-button"]')!.click();
    await waitUntil(() => el.phase === 'prechat', 'restart did not reopen the pre-chat form', { timeout: 8000 });
  });

  it('shows the unavailable view, accessibly, when no agent is online', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    for (const a of sandbox.agents) await sandbox.setAgent(a.id, 'offline');
    loaded = await loadWidget(sandbox);
    const { el, win } = loaded;
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    q(el, '[part~="launcher"]')!.click();
    await waitUntil(() => q(el, 'live-chat-postchat', '[part~="postchat"]'), 'no unavailable view', { timeout: 8000 });
    expect(q(el, 'live-chat-postchat', '[part~="postchat"]')!.textContent).to.contain('No one is available');
    expect(await axeViolations(win), 'unavailable').to.deep.equal([]);
  });
});
