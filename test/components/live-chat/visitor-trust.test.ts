/**
 * <live-chat> where a chat begins and pauses, against the real reference server: writing while
 * queued (held, delivered once after ChatEstablished), the pre-chat question as the first line,
 * one queue status, the sneak peek masked, bidi isolation, per-language pre-chat labels,
 * the invitation's delay and placement, the panel's state across a reload, and touch targets
 * on a phone with a coarse pointer.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, setViewport } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { LiveChat } from '../../../src/components/live-chat/live-chat.js';
import { createSandbox, type Sandbox } from '../../helpers/reference-server.js';

const QUESTION_FORM = [
  { type: 'name', id: 'name', label: 'Your name', required: true },
  { type: 'question', id: 'q', label: 'Your question', required: true },
];

let sandbox: Sandbox | undefined;
let current: LiveChat | undefined;
const frames: HTMLIFrameElement[] = [];

async function sb(overrides: Record<string, unknown> = {}): Promise<Sandbox> {
  sandbox = await createSandbox({ scriptedAgent: { enabled: false }, clientPollTimeout: 5, ...overrides });
  return sandbox;
}

async function widget(s: Sandbox, opts: { fields?: unknown; language?: string; invite?: string; inviteDelay?: number } = {}): Promise<LiveChat> {
  current = await fixture<LiveChat>(html`<live-chat
    endpoint=${s.endpointUrl}
    org-id=${s.orgId}
    deployment-id=${s.deploymentId}
    button-id=${s.buttonId}
    language=${opts.language ?? 'en'}
    prechat-fields=${opts.fields === undefined ? '' : JSON.stringify(opts.fields)}
    invite-button-id=${opts.invite ?? ''}
    invite-delay=${opts.inviteDelay ?? 0}
  ></live-chat>`);
  await current.updateComplete;
  return current;
}

const $ = <T extends Element = HTMLElement>(root: Element | ShadowRoot, sel: string): T | null =>
  ('shadowRoot' in root && root.shadowRoot ? root.shadowRoot : (root as ShadowRoot)).querySelector<T>(sel);
const inner = (el: LiveChat, tag: string, sel: string) => $(el, tag)?.shadowRoot?.querySelector<HTMLElement>(sel) ?? null;

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function submitQuestionForm(el: LiveChat, name: string, question: string) {
  await waitUntil(() => inner(el, 'live-chat-prechat', 'input[name="q"]'), 'no pre-chat form', { timeout: 5000 });
  type(inner(el, 'live-chat-prechat', 'input[name="name"]') as HTMLInputElement, name);
  type(inner(el, 'live-chat-prechat', 'input[name="q"]') as HTMLInputElement, question);
  inner(el, 'live-chat-prechat', '[part="submit-button"]')!.click();
}

async function sendFromComposer(el: LiveChat, text: string) {
  const composer = $(el, 'live-chat-composer')!;
  await (composer as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  type($(composer, 'textarea') as HTMLTextAreaElement, text);
  await (composer as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  ($(composer, '[part="send-button"]') as HTMLButtonElement).click();
}

afterEach(async () => {
  current?.remove();
  current = undefined;
  frames.splice(0).forEach((f) => f.remove());
  sessionStorage.clear();
  await executeServerCommand('lc-touch', { enabled: false });
  await setViewport({ width: 800, height: 600 });
  await sandbox?.dispose();
  sandbox = undefined;
});

describe('<live-chat> while waiting for an agent', () => {
  it('opens the transcript with the pre-chat question, shows one status, and holds a message until ChatEstablished, then sends it once', async () => {
    const s = await sb();
    const el = await widget(s, { fields: QUESTION_FORM });
    el.open();
    await submitQuestionForm(el, 'Sam', 'Where is my order 1234?');
    const chat = await s.waitForChat();
    await waitUntil(() => el.phase === 'queued', 'never queued', { timeout: 8000 });
    await s.queue(chat.id, 3, 120);
    await waitUntil(() => inner(el, 'live-chat-queue', '.position')?.textContent?.includes('number 3'), 'no position', { timeout: 5000 });
    await el.updateComplete;

    // One status: the header says nothing of its own; the queue view and the status region agree.
    // (The header keeps its tagline, "We're here to help"; it states no status of its own.)
    const header = $(el, 'header')!.textContent!;
    expect(header, 'a second status in the header').to.not.match(/Connecting|number 3|in line/);
    expect($(el, 'header .sub')?.textContent?.trim()).to.equal("We're here to help");
    expect($(el, '[part="status"]')!.textContent).to.include('number 3');
    expect(inner(el, 'live-chat-queue', '.hello')!.textContent).to.equal('Thanks! An agent will be with you soon.');
    // The question opens the transcript, as the visitor's own line.
    const first = el.transcript.find((e) => e.kind !== 'system')!;
    expect(first).to.include({ kind: 'visitor', text: 'Where is my order 1234?', status: 'sent' });
    await waitUntil(() => $(el, 'live-chat-transcript')?.shadowRoot?.textContent?.includes('Where is my order 1234?'), 'question not shown');
    await expect(el).to.be.accessible();

    // The composer is there while queued; what is sent waits (pending), nothing is POSTed yet.
    await sendFromComposer(el, 'Also, can I change the address?');
    await waitUntil(() => el.transcript.some((e) => e.text === 'Also, can I change the address?'), 'message not in the transcript');
    const held = el.transcript.find((e) => e.text === 'Also, can I change the address?')!;
    expect(held.status).to.equal('pending');
    await new Promise((r) => setTimeout(r, 1200));
    const early = (await s.requests()).filter((r) => r.resource === 'Chasitor/ChatMessage');
    expect(early, 'a ChatMessage before ChatEstablished').to.have.length(0);
    expect(el.transcript.find((e) => e.id === held.id)!.status).to.equal('pending');

    await s.accept(chat.id);
    await waitUntil(() => el.transcript.find((e) => e.id === held.id)?.status === 'sent', 'held message never sent', { timeout: 8000 });
    await new Promise((r) => setTimeout(r, 800));
    const posts = (await s.requests()).filter((r) => r.resource === 'Chasitor/ChatMessage');
    expect(posts.map((r) => (r.body as { text: string }).text)).to.deep.equal(['Also, can I change the address?']);
    const established = (await s.requests()).find((r) => r.resource === 'System/Messages' && r.n < posts[0].n && r.status === 200);
    expect(established, 'the message left after a poll answered').to.not.equal(undefined);
    const received = (await s.received(chat.id)).filter((r) => r.noun === 'ChatMessage');
    expect(received).to.have.length(1);
    // The question reached the agent once, in the pre-chat details (not again as a message).
    expect(JSON.stringify((await s.chatState(chat.id)).prechatDetails)).to.include('Where is my order 1234?');
  });

  it('says "waiting" on the launcher while queued and "in chat" once an agent joined', async () => {
    const s = await sb();
    const el = await widget(s);
    el.open();
    const chat = await s.waitForChat();
    await waitUntil(() => el.phase === 'queued', 'never queued', { timeout: 8000 });
    el.minimize();
    await el.updateComplete;
    expect($(el, '[part="launcher"]')!.textContent).to.include('Waiting for an agent');
    await s.accept(chat.id);
    await waitUntil(() => el.phase === 'active', 'never active', { timeout: 8000 });
    await s.say(chat.id, 'Hello!');
    await waitUntil(() => $(el, '[part="badge"]'), 'no unread badge', { timeout: 5000 });
    const launcher = $(el, '[part="launcher"]')!;
    expect(launcher.textContent).to.include('Chat in progress');
    expect(launcher.textContent).to.include('1 new message');
    await expect(el).to.be.accessible();
  });
});

describe('<live-chat> privacy', () => {
  it('masks a card number in the sneak peek the agent sees, keeping the spaces around it', async () => {
    const s = await sb();
    const el = await widget(s);
    el.open();
    const chat = await s.waitForChat();
    const peeker = s.agents.find((a) => a.sneakPeekEnabled)!;
    await s.accept(chat.id, peeker.id);
    await waitUntil(() => el.phase === 'active', 'never active', { timeout: 8000 });
    const composer = $(el, 'live-chat-composer')!;
    await (composer as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    type($(composer, 'textarea') as HTMLTextAreaElement, 'my card 4111 1111 1111 1111 and more');
    await waitUntil(async () => (await s.chatState(chat.id)).sneakPeek.includes('and more'), 'no sneak peek', { timeout: 5000 });
    const peek = (await s.chatState(chat.id)).sneakPeek;
    expect(peek).to.not.match(/\d{4}/);
    expect(peek).to.equal('my card **** and more');
    for (const r of (await s.requests()).filter((x) => x.resource === 'Chasitor/ChasitorSneakPeek')) {
      expect(JSON.stringify(r.body)).to.not.include('4111');
    }
  });
});

describe('<live-chat> in other languages', () => {
  it('isolates the agent name in the header and status of an Arabic panel', async () => {
    const s = await sb();
    const el = await widget(s, { language: 'ar' });
    el.open();
    const chat = await s.waitForChat();
    await s.accept(chat.id);
    await waitUntil(() => el.phase === 'active', 'never active', { timeout: 8000 });
    await el.updateComplete;
    const agent = (await s.chatState(chat.id)).agentId;
    const name = s.agents.find((a) => a.id === agent)!.name;
    const sub = $(el, 'header .sub')!.textContent!;
    expect(sub).to.equal(`تتحدث مع \u2068${name}\u2069`);
    expect($(el, '[part="status"]')!.textContent).to.equal(sub);
    // Rendered: the Latin name stays one run after the Arabic words (right to left: left of them).
    const range = document.createRange();
    const text = [...$(el, 'header .sub')!.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes(name))!;
    const at = text.textContent!.indexOf(name);
    range.setStart(text, at);
    range.setEnd(text, at + name.length);
    const nameBox = range.getBoundingClientRect();
    const words = text.textContent!.indexOf('تتحدث');
    range.setStart(text, words);
    range.setEnd(text, words + 5);
    const wordsBox = range.getBoundingClientRect();
    expect(nameBox.right).to.be.at.most(wordsBox.left + 1);
    await expect(el).to.be.accessible();
  });

  it('shows per-language pre-chat labels, placeholders and options, falling back to English, and sends the first entry to the agent', async () => {
    const s = await sb();
    const fields = [
      { type: 'name', id: 'name', required: true, label: { en: 'Your name', ar: 'اسمك' }, placeholder: { en: 'Jane Doe', ar: 'مثال: سارة' } },
      { type: 'radio', id: 'topic', required: true, label: { en: 'Topic', ar: 'الموضوع' }, options: [{ id: 'b', label: { en: 'Billing', ar: 'الفواتير' } }, { id: 'o', label: 'Orders' }] },
    ];
    const ar = await widget(s, { fields, language: 'ar-EG' });
    ar.open();
    await waitUntil(() => inner(ar, 'live-chat-prechat', 'input[name="name"]'), 'no form', { timeout: 5000 });
    const form = $(ar, 'live-chat-prechat')!.shadowRoot!;
    expect(form.querySelector('label[for]')!.textContent).to.include('اسمك');
    expect(form.querySelector<HTMLInputElement>('input[name="name"]')!.placeholder).to.equal('مثال: سارة');
    expect(form.querySelector('legend')!.textContent).to.include('الموضوع');
    const choices = [...form.querySelectorAll('.choice bdi')].map((b) => b.textContent);
    expect(choices).to.deep.equal(['الفواتير', 'Orders']);
    await expect(ar).to.be.accessible();

    type(form.querySelector<HTMLInputElement>('input[name="name"]')!, 'سارة');
    form.querySelector<HTMLInputElement>('input[value="b"]')!.click();
    inner(ar, 'live-chat-prechat', '[part="submit-button"]')!.click();
    const chat = await s.waitForChat();
    const details = (await s.chatState(chat.id)).prechatDetails as { label: string; value: string }[];
    expect(details.map((d) => [d.label, d.value])).to.deep.equal([
      ['Your name', 'سارة'],
      ['Topic', 'Billing'],
    ]);
    ar.remove();
    sessionStorage.clear();

    const fr = await widget(s, { fields, language: 'fr' });
    fr.open();
    await waitUntil(() => inner(fr, 'live-chat-prechat', 'input[name="name"]'), 'no form', { timeout: 5000 });
    expect(inner(fr, 'live-chat-prechat', 'label[for]')!.textContent).to.include('Your name');
  });
});

describe('<live-chat> invitation', () => {
  it('waits for its configured delay and stays clear of the launcher on a phone', async () => {
    await setViewport({ width: 390, height: 844 });
    const s = await sb();
    const invite = s.buttons.find((b) => b.type === 'Invite')!;
    const t0 = Date.now();
    const el = await widget(s, { invite: invite.id, inviteDelay: 3 });
    await waitUntil(async () => (await s.requests()).some((r) => r.resource === 'Visitor/Settings' && r.status === 200), 'no Settings', { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 1500));
    expect($(el, 'live-chat-invitation'), 'shown before its delay').to.equal(null);
    await waitUntil(() => $(el, 'live-chat-invitation')?.shadowRoot?.querySelector('[part="invitation"]'), 'never shown', { timeout: 5000 });
    expect(Date.now() - t0).to.be.at.least(2900);
    const shown = inner(el, 'live-chat-invitation', '[part="invitation"]')!;
    await Promise.all(shown.getAnimations().map((a) => a.finished)); // it slides in
    const card = shown.getBoundingClientRect();
    const launcher = $(el, '[part="launcher"]')!.getBoundingClientRect();
    expect(card.bottom, 'the card covers the launcher').to.be.at.most(launcher.top);
    expect(card.height * card.width).to.be.below(390 * 844 * 0.5);
    await expect(el).to.be.accessible();
  });
});

describe('<live-chat> across a reload', () => {
  function pageUrl(s: Sandbox): string {
    const q = new URLSearchParams({ endpoint: s.endpointUrl, org: s.orgId, dep: s.deploymentId, button: s.buttonId });
    return `/test/components/live-chat/fixtures/widget-page.html?${q}`;
  }
  const chatIn = (f: HTMLIFrameElement) => f.contentDocument?.querySelector('live-chat') as LiveChat | null;

  async function reload(frame: HTMLIFrameElement): Promise<LiveChat> {
    const old = chatIn(frame);
    frame.contentWindow!.location.reload();
    await waitUntil(() => chatIn(frame) && chatIn(frame) !== old && chatIn(frame)!.phase === 'active', 'not resumed', { timeout: 10_000 });
    const el = chatIn(frame)!;
    await el.updateComplete;
    return el;
  }

  it('comes back open when it was open, minimised (saying "in chat") when it was minimised', async () => {
    const s = await sb();
    const frame = document.createElement('iframe');
    frame.src = pageUrl(s);
    frame.style.cssText = 'width:800px;height:700px';
    document.body.append(frame);
    frames.push(frame);
    await waitUntil(() => chatIn(frame)?.shadowRoot, 'page did not load', { timeout: 10_000 });
    chatIn(frame)!.open();
    const chat = await s.waitForChat();
    await s.accept(chat.id);
    await waitUntil(() => chatIn(frame)!.phase === 'active', 'never active', { timeout: 8000 });

    let el = await reload(frame);
    await waitUntil(() => el.hasAttribute('open'), 'not open after the reload', { timeout: 3000 });
    expect(el.expanded).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="panel"]')!.hasAttribute('hidden')).to.equal(false);
    // Reopening by itself does not take focus from the page.
    expect(frame.contentDocument!.activeElement).to.equal(frame.contentDocument!.body);

    el.minimize();
    await el.updateComplete;
    el = await reload(frame);
    await new Promise((r) => setTimeout(r, 300));
    expect(el.hasAttribute('open')).to.equal(false);
    expect(el.shadowRoot!.querySelector('[part="launcher"]')!.textContent).to.include('Chat in progress');

    // Unseen agent messages stay unseen across a reload: the badge comes back with its count.
    const badge = (c: LiveChat) => c.shadowRoot!.querySelector('[part="badge"]')?.textContent ?? '';
    await s.say(chat.id, 'Are you still there?');
    await s.say(chat.id, 'I found your order.');
    await waitUntil(() => badge(el) === '2', 'no badge of 2', { timeout: 8000 });
    el = await reload(frame);
    await waitUntil(() => badge(el) === '2', `badge after the reload: "${badge(el)}"`, { timeout: 3000 });
    el.open();
    await el.updateComplete;
    expect(badge(el), 'seen once opened').to.equal('');
    el.minimize();
    await el.updateComplete;
    el = await reload(frame);
    await new Promise((r) => setTimeout(r, 300));
    expect(badge(el), 'nothing unseen after the reload').to.equal('');
  });
});

describe('<live-chat> touch targets on a phone', () => {
  it('makes every control at least 44×44 CSS px under a coarse pointer at 390×844', async () => {
    await setViewport({ width: 390, height: 844 });
    await executeServerCommand('lc-touch', { enabled: true });
    expect(matchMedia('(pointer: coarse)').matches, 'coarse pointer emulation').to.equal(true);
    const s = await sb();
    const el = await widget(s);
    const size = (node: Element | null, what: string) => {
      expect(node, what).to.not.equal(null);
      const r = node!.getBoundingClientRect();
      expect(r.width, `${what} width`).to.be.at.least(44);
      expect(r.height, `${what} height`).to.be.at.least(44);
    };
    await waitUntil(() => el.phase === 'idle' && $(el, '[part="launcher"]'), 'no launcher');
    size($(el, '[part="launcher"]'), 'launcher');
    el.open();
    const chat = await s.waitForChat();
    await waitUntil(() => inner(el, 'live-chat-queue', '[part="cancel-button"]'), 'no queue view', { timeout: 8000 });
    size(inner(el, 'live-chat-queue', '[part="cancel-button"]'), 'leave the queue');
    await s.accept(chat.id);
    await waitUntil(() => el.phase === 'active', 'never active', { timeout: 8000 });
    await el.updateComplete;
    size($(el, '[part="minimize-button"]'), 'minimize');
    size($(el, '[part="end-button"]'), 'end chat');
    size(inner(el, 'live-chat-composer', '[part="send-button"]'), 'send');
    $(el, '[part="end-button"]')!.click();
    await el.updateComplete;
    for (const b of el.shadowRoot!.querySelectorAll('.confirm button')) size(b, `confirm: ${b.textContent}`);
    await expect(el).to.be.accessible();
  });
});
