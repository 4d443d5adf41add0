/**
 * <live-chat> against the real reference server (one sandbox per test, the agent played
 * through the test API): public surface, events, launcher, panel, focus, phases, theming.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { LiveChat } from '../../../src/components/live-chat/live-chat.js';
import type { TranscriptEntry } from '../../../src/protocol/snapshot.js';
import { createSandbox, type Sandbox } from '../../helpers/reference-server.js';

const FIELDS = [
  { type: 'name', id: 'name', label: 'Your name', required: true },
  {
    type: 'group_chooser',
    id: 'department',
    label: 'Department',
    required: true,
    options: [
      { id: 'support', label: 'Support', buttonId: '573DEMO00000001' },
      { id: 'sales', label: 'Sales', buttonId: '573DEMO00000002' },
    ],
  },
];

let sandbox: Sandbox | undefined;
let current: LiveChat | undefined;

async function widget(sb: Sandbox, opts: { fields?: unknown; language?: string; invite?: string } = {}): Promise<LiveChat> {
  const fields = opts.fields === undefined ? JSON.stringify(FIELDS) : (opts.fields as string);
  current = await fixture<LiveChat>(html`<live-chat
    endpoint=${sb.endpointUrl}
    org-id=${sb.orgId}
    deployment-id=${sb.deploymentId}
    button-id=${sb.buttonId}
    language=${opts.language ?? 'en'}
    prechat-fields=${fields}
    invite-button-id=${opts.invite ?? ''}
  ></live-chat>`);
  await current.updateComplete;
  return current;
}

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const deep = (el: LiveChat, tag: string, sel: string) => $(el, tag)?.shadowRoot?.querySelector<HTMLElement>(sel) ?? null;

async function fillPrechat(el: LiveChat, name: string, department: string) {
  await waitUntil(() => $(el, 'live-chat-prechat')?.shadowRoot?.querySelector('input[name="name"]'), 'no pre-chat form');
  const prechat = $(el, 'live-chat-prechat')!;
  const input = prechat.shadowRoot!.querySelector<HTMLInputElement>('input[name="name"]')!;
  input.value = name;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  const select = prechat.shadowRoot!.querySelector<HTMLSelectElement>('select[name="department"]');
  if (select) {
    select.value = department;
    select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  } else {
    prechat.shadowRoot!.querySelector<HTMLInputElement>(`input[name="department"][value="${department}"]`)!.click();
  }
  deep(el, 'live-chat-prechat', '[part="submit-button"]')!.click();
}

/** Opens, fills the form, waits for the chat in the server's queue and accepts it. */
async function startActive(el: LiveChat, sb: Sandbox) {
  el.open();
  await fillPrechat(el, 'Sam', 'support');
  const chat = await sb.waitForChat();
  await sb.accept(chat.id);
  await waitUntil(() => el.phase === 'active', 'never became active', { timeout: 10_000 });
  await el.updateComplete;
  return chat;
}

afterEach(async () => {
  current?.remove();
  current = undefined;
  sessionStorage.clear();
  await sandbox?.dispose();
  sandbox = undefined;
});

describe('<live-chat> public surface', () => {
  it('maps attributes to properties with documented defaults', async () => {
    const el = document.createElement('live-chat');
    expect(el.apiVersion).to.equal('49');
    expect(Number(el.apiVersion)).to.be.at.least(47);
    expect(el.language, 'unset: the page\'s <html lang>, then the browser\'s languages count').to.equal('');
    el.setAttribute('org-id', 'o');
    el.setAttribute('deployment-id', 'd');
    el.setAttribute('button-id', 'b');
    el.setAttribute('api-version', '52');
    el.setAttribute('visitor-name', 'Visitor');
    el.setAttribute('endpoint', '/chat/rest/');
    expect([el.orgId, el.deploymentId, el.buttonId, el.apiVersion, el.visitorName, el.endpoint]).to.deep.equal([
      'o',
      'd',
      'b',
      '52',
      'Visitor',
      '/chat/rest/',
    ]);
    expect(el.phase).to.equal('idle');
    expect(el.transcript).to.deep.equal([]);
  });

  it('reports bad prechat-fields JSON as a config error and a warning, without crashing', async () => {
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const holder = await fixture<HTMLDivElement>(html`<div></div>`);
      const el = document.createElement('live-chat');
      el.setAttribute('prechat-fields', '[{"type":"name",');
      const error = oneEvent(holder, 'live-chat-error');
      holder.append(el);
      const ev = await error;
      expect(ev.detail.code).to.equal('config');
      expect(ev.detail.message).to.contain('JSON');
      expect(ev.composed).to.equal(true);
      expect(String(warnings[0])).to.contain('prechat-fields');
      await el.updateComplete;
      expect($(el, '[part="launcher"]')).to.not.equal(null);
      el.remove();
    } finally {
      console.warn = warn;
    }
  });

  it('shows an online launcher in a corner and passes axe', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    await waitUntil(() => el.shadowRoot!.querySelector('live-chat-queue') === null && ($(el, '[part="launcher"]')?.textContent ?? '').includes('Chat with us'));
    const launcher = $(el, '[part="launcher"]')!;
    expect(getComputedStyle(el).position).to.equal('fixed');
    expect(launcher.hidden).to.equal(false);
    expect($(el, '[part="panel"]')!.hidden).to.equal(true);
    expect($(el, '[role="status"]')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows an offline launcher and the unavailable view when no agent is online', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    for (const a of sandbox.agents) await sandbox.setAgent(a.id, 'offline');
    const el = await widget(sandbox);
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    await el.updateComplete;
    // No offline-form-action: the launcher promises nothing it cannot keep.
    expect($(el, '[part="launcher"]')!.textContent).to.contain("We're offline");
    expect($(el, '[part="launcher"]')!.textContent).to.not.contain('message');
    el.open();
    await el.updateComplete;
    await waitUntil(() => deep(el, 'live-chat-postchat', '[part="postchat"]'));
    expect(deep(el, 'live-chat-postchat', '[part="postchat"]')!.textContent).to.contain('No one is available');
    expect($(el, '[role="status"]')!.textContent).to.contain('No one is available');
    await expect(el).to.be.accessible();
  });

  it('places the launcher bottom-left when asked', async () => {
    const el = await fixture<LiveChat>(html`<live-chat position="bottom-left"></live-chat>`);
    const r = el.getBoundingClientRect();
    expect(r.left).to.be.below(window.innerWidth / 2);
    el.position = 'bottom-right';
    await el.updateComplete;
    expect(el.getBoundingClientRect().right).to.be.above(window.innerWidth / 2);
  });

  it('hides the launcher with no-launcher and opens from the open attribute', async () => {
    const el = await fixture<LiveChat>(html`<live-chat no-launcher></live-chat>`);
    expect($(el, '[part="launcher"]')!.hidden).to.equal(true);
    el.setAttribute('open', '');
    await el.updateComplete;
    expect(el.expanded).to.equal(true);
    expect($(el, '[part="panel"]')!.hidden).to.equal(false);
    el.minimize();
    await el.updateComplete;
    expect(el.hasAttribute('open')).to.equal(false);
  });
});

describe('<live-chat> journey against the reference server', () => {
  it('opens the pre-chat form on its first field in a labelled dialog; Escape minimizes back to the launcher', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    const phases: string[] = [];
    el.addEventListener('live-chat-phase-change', (e) => phases.push(`${e.detail.previous}→${e.detail.phase}`));
    $(el, '[part="launcher"]')!.click();
    await waitUntil(() => el.phase === 'prechat');
    await el.updateComplete;
    const panel = $(el, '[part="panel"]')!;
    expect(panel.getAttribute('role')).to.equal('dialog');
    expect($(el, `#${panel.getAttribute('aria-labelledby')}`)!.textContent).to.equal('Chat');
    const prechat = $(el, 'live-chat-prechat')!;
    await waitUntil(() => prechat.shadowRoot!.activeElement?.getAttribute('name') === 'name', 'first field not focused');
    expect(phases).to.include('idle→prechat');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(panel.hidden).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part="launcher"]'));
  });

  it('runs pre-chat → queue → chat → agent ends → post-chat with events, status and focus', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    const messages: TranscriptEntry[] = [];
    const ended: unknown[] = [];
    document.addEventListener('live-chat-message', (e) => messages.push(e.detail.message));
    document.addEventListener('live-chat-ended', (e) => ended.push(e.detail));
    el.open();
    await fillPrechat(el, 'Sam', 'sales');
    const chat = await sandbox.waitForChat();
    expect(chat.buttonId).to.equal('573DEMO00000002');
    expect(chat.visitorName).to.equal('Sam');
    await waitUntil(() => el.phase === 'queued', 'never queued', { timeout: 8000 });
    await el.updateComplete;
    expect($(el, 'live-chat-queue')).to.not.equal(null);
    await sandbox.queue(chat.id, 3, 120);
    await waitUntil(() => $(el, '[role="status"]')!.textContent!.includes('3'), 'queue position not in the status region', { timeout: 8000 });
    await expect(el).to.be.accessible();

    await sandbox.accept(chat.id, '005DEMO00000002');
    await waitUntil(() => el.phase === 'active', 'never active', { timeout: 8000 });
    await el.updateComplete;
    const composer = $(el, 'live-chat-composer')!;
    await waitUntil(() => el.shadowRoot!.activeElement === composer, 'composer not focused when the chat became active');
    expect($(el, '[role="status"]')!.textContent).to.contain('Grace H.');
    expect($(el, '[part="header"]')!.textContent).to.contain('Grace H.');

    await sandbox.say(chat.id, '<img src=x onerror="window.__pwned=1"> hello');
    await waitUntil(() => messages.some((m) => m.kind === 'agent'), 'no live-chat-message for the agent');
    await el.updateComplete;
    const transcript = $(el, 'live-chat-transcript')!;
    await waitUntil(() => transcript.shadowRoot!.querySelector('[part~="agent"]'));
    expect(transcript.shadowRoot!.querySelector('img')).to.equal(null);
    expect(transcript.shadowRoot!.querySelector('[part~="agent"]')!.textContent).to.contain('<img src=x');
    expect(el.transcript.some((m) => m.kind === 'agent')).to.equal(true);
    await expect(el).to.be.accessible();

    // The visitor writes through the composer; the server receives it.
    await sendKeys({ type: 'Where is my order?' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      async () => (await sandbox!.received(chat.id)).some((r) => r.noun === 'ChatMessage'),
      'the server never got the message',
      { timeout: 8000 },
    );
    await waitUntil(() => messages.some((m) => m.kind === 'visitor' && m.text === 'Where is my order?'));

    await sandbox.end(chat.id);
    await waitUntil(() => el.phase === 'ended', 'never ended', { timeout: 8000 });
    await el.updateComplete;
    expect(ended).to.have.length(1);
    expect((ended[0] as { reason: string }).reason).to.equal('agent');
    expect($(el, '[role="status"]')!.textContent).to.contain('The agent ended the chat');
    await waitUntil(() => deep(el, 'live-chat-postchat', '[part="postchat"]'));
    expect($(el, '[part="end-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('ends the chat only after the inline confirmation', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    const chat = await startActive(el, sandbox);
    $(el, '[part="end-button"]')!.click();
    await el.updateComplete;
    const confirm = $(el, '[part="end-confirm"]')!;
    expect(confirm.textContent).to.contain('End this chat?');
    expect(el.shadowRoot!.activeElement).to.equal(confirm.querySelector('button'));
    await expect(el).to.be.accessible();
    // "Keep chatting" goes back without ending.
    confirm.querySelectorAll('button')[1]!.click();
    await el.updateComplete;
    expect($(el, '[part="end-confirm"]')).to.equal(null);
    expect(el.phase).to.equal('active');
    $(el, '[part="end-button"]')!.click();
    await el.updateComplete;
    const ended = oneEvent(el, 'live-chat-ended');
    $(el, '[part="end-confirm"] .yes')!.click();
    expect((await ended).detail.reason).to.equal('visitor');
    await waitUntil(async () => (await sandbox!.state()).chats.find((c) => c.id === chat.id)?.status === 'ended', 'server chat not ended');
  });

  it('counts unread agent messages while minimized and clears them on open', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    const chat = await startActive(el, sandbox);
    el.minimize();
    await el.updateComplete;
    await sandbox.say(chat.id, 'one');
    await sandbox.say(chat.id, 'two');
    await waitUntil(() => $(el, '[part="badge"]')?.textContent === '2', 'no unread badge of 2', { timeout: 8000 });
    expect($(el, '[part="launcher"]')!.textContent).to.contain('2 new messages');
    await expect(el).to.be.accessible();
    el.open();
    await el.updateComplete;
    expect($(el, '[part="badge"]')).to.equal(null);
  });

  it('forwards agent custom events as live-chat-custom-event', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    const chat = await startActive(el, sandbox);
    const ev = oneEvent(el, 'live-chat-custom-event');
    await sandbox.customEvent(chat.id, 'coupon', 'SAVE10');
    const { detail } = await ev;
    expect(detail).to.deep.equal({ type: 'coupon', data: 'SAVE10' });
  });

  it('starts straight into the queue when there is no pre-chat form; public send() and end() work', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox, { fields: '' });
    el.open();
    const chat = await sandbox.waitForChat();
    await sandbox.accept(chat.id);
    await waitUntil(() => el.phase === 'active', 'never active', { timeout: 8000 });
    const id = el.send('sent from the page');
    expect(id).to.be.a('string').and.not.equal('');
    await waitUntil(async () => (await sandbox!.received(chat.id)).some((r) => JSON.stringify(r.body).includes('sent from the page')));
    await el.end();
    await waitUntil(() => el.phase === 'ended');
  });

  it('says it is reconnecting, keeps the draft and stays accessible while the connection is lost', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    await startActive(el, sandbox);
    const composer = $(el, 'live-chat-composer')! as HTMLElement & { value: string };
    const seen: string[] = [];
    el.addEventListener('live-chat-phase-change', (e) => seen.push(e.detail.phase));
    // A 503 handover on the next poll; the ReconnectSession call then answers slowly.
    await sandbox.fault({ resource: 'System/ReconnectSession', kind: 'delay', delayMs: 3000 });
    await sandbox.fault({ resource: 'System/Messages', kind: 'handover' });
    const chat = (await sandbox.state()).chats[0]!;
    await sandbox.say(chat.id, 'are you there?');
    await waitUntil(() => el.phase === 'reconnecting', 'never reconnecting', { timeout: 10_000 }).catch(async (e) => {
      throw new Error(`${e} ${seen.join()} ${JSON.stringify(await sandbox!.faults())}`);
    });
    await el.updateComplete;
    expect($(el, '[role="status"]')!.textContent).to.contain('Reconnecting');
    expect($(el, '[part="connection-banner"]')!.textContent).to.contain('Reconnecting');
    expect($(el, '[part="header"]')!.textContent, 'said once: in the banner').to.not.contain('Reconnecting');
    composer.value = 'typed while offline';
    await (composer as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const why = composer.shadowRoot!.querySelector<HTMLElement>('#why')!;
    expect(why.hidden).to.equal(false);
    expect(composer.shadowRoot!.querySelector<HTMLButtonElement>('[part="send-button"]')!.disabled).to.equal(true);
    await expect(el).to.be.accessible();
    await sandbox.clearFaults();
    await waitUntil(() => el.phase === 'active', 'never recovered', { timeout: 15_000 });
    await el.updateComplete;
    expect(composer.value).to.equal('typed while offline');
  });

  it('starts at once from an open attribute in the markup when there is no form', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    current = await fixture<LiveChat>(html`<live-chat
      open
      endpoint=${sandbox.endpointUrl}
      org-id=${sandbox.orgId}
      deployment-id=${sandbox.deploymentId}
      button-id=${sandbox.buttonId}
    ></live-chat>`);
    const chat = await sandbox.waitForChat();
    expect(chat.status).to.equal('queued');
    await waitUntil(() => current!.phase === 'queued', 'never queued', { timeout: 8000 });
  });

  it('is right-to-left in Arabic', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox, { language: 'ar' });
    el.open();
    await waitUntil(() => el.phase === 'prechat');
    await el.updateComplete;
    const root = $(el, '.root')!;
    expect(root.getAttribute('dir')).to.equal('rtl');
    expect(root.getAttribute('lang')).to.equal('ar');
    expect($(el, '#title')!.textContent).to.equal('الدردشة');
    expect(deep(el, 'live-chat-prechat', '[part="submit-button"]')!.textContent).to.equal('ابدأ الدردشة');
    await expect(el).to.be.accessible();
  });

  it('gives its parts the new strings when the language changes', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    el.open();
    await waitUntil(() => deep(el, 'live-chat-prechat', '[part="submit-button"]'), 'no pre-chat form');
    expect(deep(el, 'live-chat-prechat', '[part="submit-button"]')!.textContent).to.equal('Start chat');
    el.language = 'de-AT';
    await el.updateComplete; // waits for the German file too
    await waitUntil(
      () => deep(el, 'live-chat-prechat', '[part="submit-button"]')!.textContent === 'Chat starten',
      'the form kept the old strings',
    );
    expect(deep(el, 'live-chat-prechat', 'form')!.getAttribute('lang')).to.equal('de-AT');
  });
});

describe('<live-chat> invitations', () => {
  it('shows a proactive invitation; accepting opens the pre-chat form and routes to the Invite button', async () => {
    sandbox = await createSandbox({
      scriptedAgent: { enabled: false },
      buttons: [
        { id: '573DEMO00000001', type: 'Standard', label: 'Support' },
        { id: '573DEMO00000002', type: 'Standard', label: 'Sales' },
        {
          id: '573DEMO00000003',
          type: 'Invite',
          label: 'Proactive',
          inviteRenderer: 'Appear',
          inviteStartPosition: 'BottomRight',
          inviteEndPosition: 'BottomRight',
          inviteRejectTime: 0,
          inviteDelayMs: 0,
        },
      ],
    });
    const el = await widget(sandbox, { fields: JSON.stringify([FIELDS[0]]), invite: '573DEMO00000003' });
    await waitUntil(() => deep(el, 'live-chat-invitation', '[part~="invitation-accept"]'), 'no invitation shown', { timeout: 10_000 });
    await expect(el).to.be.accessible();
    deep(el, 'live-chat-invitation', '[part~="invitation-accept"]')!.click();
    await waitUntil(() => el.phase === 'prechat', 'accepting did not open the pre-chat form');
    await el.updateComplete;
    expect($(el, '[part="panel"]')!.hidden).to.equal(false);
    expect($(el, 'live-chat-invitation')).to.equal(null);
    await waitUntil(() => $(el, 'live-chat-prechat')?.shadowRoot?.querySelector('input[name="name"]'));
    const input = $(el, 'live-chat-prechat')!.shadowRoot!.querySelector<HTMLInputElement>('input[name="name"]')!;
    input.value = 'Invited';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    deep(el, 'live-chat-prechat', '[part="submit-button"]')!.click();
    const chat = await sandbox.waitForChat();
    expect(chat.buttonId).to.equal('573DEMO00000003');
  });
});

describe('<live-chat> theming', () => {
  it('uses the dark defaults under prefers-color-scheme: dark and stays accessible', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
      const el = await widget(sandbox);
      el.open();
      await waitUntil(() => $(el, 'live-chat-prechat')?.shadowRoot?.querySelector('input'));
      expect(getComputedStyle($(el, '[part="panel"]')!).backgroundColor).to.equal('rgb(27, 27, 31)');
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });


  it('lets :root tokens win and exposes parts under one flat namespace', async () => {
    const style = document.createElement('style');
    style.textContent = `:root { --live-chat-color-accent: rgb(1, 2, 3); }
      live-chat::part(send-button) { outline: 3px solid rgb(4, 5, 6); }
      live-chat::part(launcher) { border-top-left-radius: 3px; }`;
    document.head.append(style);
    try {
      sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
      const el = await widget(sandbox, { fields: '' });
      expect(getComputedStyle($(el, '[part="launcher"]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle($(el, '[part="launcher"]')!).borderTopLeftRadius).to.equal('3px');
      await startActiveNoForm(el, sandbox);
      const send = deep(el, 'live-chat-composer', '[part="send-button"]')!;
      expect(getComputedStyle(send).outlineColor).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(send).backgroundColor).to.equal('rgb(1, 2, 3)');
    } finally {
      style.remove();
    }
  });
});

async function startActiveNoForm(el: LiveChat, sb: Sandbox) {
  el.open();
  const chat = await sb.waitForChat();
  await sb.accept(chat.id);
  await waitUntil(() => el.phase === 'active', 'never active', { timeout: 8000 });
  await el.updateComplete;
}
