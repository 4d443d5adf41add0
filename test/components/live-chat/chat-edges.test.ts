/**
 * The edges of a chat, in <live-chat> against the real reference server: the end (post-chat link
 * instead of navigating, `postchat-redirect`, each status said once, the reconnecting banner, the
 * rating) and nobody available (the leave-a-message form posting to the server's Web-to-Case
 * endpoint, validation, a failed network, values kept from the pre-chat form).
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/define.js';
import type { LiveChat } from '../../../src/components/live-chat/live-chat.js';
import { LiveChatPostchat } from '../../../src/components/postchat/live-chat-postchat.js';
import { createSandbox, type Sandbox } from '../../helpers/reference-server.js';

let sandbox: Sandbox | undefined;
let current: LiveChat | undefined;
/** Every navigation a <live-chat-postchat> asked for (the hook is intercepted: the test page must stay). */
const navigations: string[] = [];
const ownNavigate = Object.getOwnPropertyDescriptor(LiveChatPostchat.prototype, 'navigate');
before(() => {
  // The element assigns its default `navigate` in its constructor: this setter keeps the recorder instead.
  Object.defineProperty(LiveChatPostchat.prototype, 'navigate', {
    configurable: true,
    get: () => (url: string) => navigations.push(url),
    set: () => undefined,
  });
});
after(() => {
  if (ownNavigate) Object.defineProperty(LiveChatPostchat.prototype, 'navigate', ownNavigate);
  else delete (LiveChatPostchat.prototype as unknown as Record<string, unknown>)['navigate'];
});

const PRECHAT = [
  { type: 'name', id: 'FirstName', label: 'First name', required: true },
  { type: 'name', id: 'LastName', label: 'Last name', required: false },
  { type: 'email', id: 'Email', label: 'Email', required: true },
  { type: 'question', id: 'Question', label: 'Your question', required: false },
];

interface Options {
  fields?: unknown[];
  redirect?: boolean;
  action?: string;
}
async function widget(sb: Sandbox, o: Options = {}): Promise<LiveChat> {
  current = await fixture<LiveChat>(html`<live-chat
    endpoint=${sb.endpointUrl}
    org-id=${sb.orgId}
    deployment-id=${sb.deploymentId}
    button-id=${sb.buttonId}
    language="en"
    prechat-fields=${o.fields ? JSON.stringify(o.fields) : ''}
    ?postchat-redirect=${o.redirect ?? false}
    offline-form-action=${o.action ?? ''}
  ></live-chat>`);
  await current.updateComplete;
  return current;
}

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const deep = <T extends HTMLElement = HTMLElement>(el: LiveChat, tag: string, sel: string) =>
  $(el, tag)?.shadowRoot?.querySelector<T>(sel) ?? null;

/** Every element of the widget's composed tree (shadow roots included). */
function allElements(root: Element | ShadowRoot): Element[] {
  const out: Element[] = [];
  for (const e of root.querySelectorAll('*')) {
    out.push(e);
    if (e.shadowRoot) out.push(...allElements(e.shadowRoot));
  }
  return out;
}

/** How many elements the visitor can see that directly hold `text` (the 1px screen-reader region does not count). */
function visibleCount(el: LiveChat, text: string): number {
  return allElements(el.shadowRoot!).filter((e) => {
    const own = [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
    if (!own.includes(text) || !e.checkVisibility()) return false;
    const r = e.getBoundingClientRect();
    return r.width > 2 && r.height > 2;
  }).length;
}

/** Starts a chat without a form and has the agent accept it. */
async function activeChat(el: LiveChat, sb: Sandbox) {
  el.open();
  const chat = await sb.waitForChat();
  await sb.accept(chat.id);
  await waitUntil(() => el.phase === 'active', 'never active', { timeout: 10_000 });
  await sb.say(chat.id, 'Hello, this is the last line you must be able to read.');
  await waitUntil(() => el.transcript.some((e) => e.kind === 'agent'), 'no agent line');
  await el.updateComplete;
  return chat;
}

afterEach(async () => {
  current?.remove();
  current = undefined;
  navigations.length = 0;
  sessionStorage.clear();
  await sandbox?.dispose();
  sandbox = undefined;
});

describe('<live-chat>: the end of a chat', () => {
  it('never navigates: keeps the transcript and links the post-chat URL (chat key, new tab, noopener); says the end once; passes axe', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false }, postChatUrl: 'https://example.com/survey' });
    const el = await widget(sandbox);
    const chat = await activeChat(el, sandbox);
    const ended = oneEvent(el, 'live-chat-ended');
    const page = location.href;
    await sandbox.end(chat.id);
    const { detail } = await ended;
    await waitUntil(() => deep(el, 'live-chat-postchat', '[part="postchat-link"]'), 'no post-chat link');
    await el.updateComplete;
    const a = deep<HTMLAnchorElement>(el, 'live-chat-postchat', '[part="postchat-link"]')!;
    const href = new URL(a.href);
    expect(href.origin + href.pathname).to.equal('https://example.com/survey');
    expect(href.searchParams.get('chatKey')).to.be.a('string').and.not.equal('');
    expect(a.href).to.equal(detail.postChatUrl);
    expect(a.target).to.equal('_blank');
    expect(a.rel).to.equal('noopener');
    expect(navigations).to.deep.equal([]);
    expect(location.href).to.equal(page);
    // The agent's last line is still there to read (and to download).
    const log = deep(el, 'live-chat-transcript', '[part~="transcript"]')!;
    expect(log.textContent).to.contain('the last line you must be able to read');
    expect(deep(el, 'live-chat-postchat', '[part="download-button"]')).to.not.equal(null);
    // Said once: the transcript's line; not the header, not the post-chat title.
    expect(visibleCount(el, 'The agent ended the chat')).to.equal(1);
    expect($(el, '[part="header"]')!.textContent).to.not.contain('ended');
    expect($(el, '[role="status"]')!.textContent, 'still announced').to.contain('The agent ended the chat');
    await expect(el).to.be.accessible();
  });

  it('navigates to the post-chat URL by itself only with postchat-redirect', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false }, postChatUrl: 'https://example.com/survey' });
    const el = await widget(sandbox, { redirect: true });
    const chat = await activeChat(el, sandbox);
    const ended = oneEvent(el, 'live-chat-ended');
    await sandbox.end(chat.id);
    const { detail } = await ended;
    await waitUntil(() => navigations.length > 0, 'never navigated');
    expect(navigations).to.deep.equal([detail.postChatUrl]);
    expect(new URL(navigations[0]!).searchParams.get('chatKey')).to.not.equal(null);
    await waitUntil(() => deep(el, 'live-chat-postchat', '[part="postchat"]')?.textContent?.includes('Taking you to the next page'));
  });

  it('passes on only an http(s) post-chat URL in live-chat-ended', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false }, postChatUrl: 'javascript:window.__pwned=1' });
    const el = await widget(sandbox, { redirect: true });
    const chat = await activeChat(el, sandbox);
    const ended = oneEvent(el, 'live-chat-ended');
    await sandbox.end(chat.id);
    expect((await ended).detail.postChatUrl).to.equal(null);
    await el.updateComplete;
    expect(navigations).to.deep.equal([]);
    expect(deep(el, 'live-chat-postchat', 'a')).to.equal(null);
  });

  it('says "Connection lost. Reconnecting…" once, in a calm banner, while the status region announces it', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    const chat = await activeChat(el, sandbox);
    await sandbox.fault({ resource: 'System/ReconnectSession', kind: 'delay', delayMs: 3000 });
    await sandbox.fault({ resource: 'System/Messages', kind: 'handover' });
    await sandbox.say(chat.id, 'are you there?');
    await waitUntil(() => el.phase === 'reconnecting', 'never reconnecting', { timeout: 10_000 });
    await el.updateComplete;
    const banner = $(el, '[part="connection-banner"]')!;
    expect(banner.textContent).to.equal('Connection lost. Reconnecting…');
    expect(visibleCount(el, 'Connection lost. Reconnecting…')).to.equal(1);
    // Said once: the composer's hint under it reassures without repeating it.
    expect(visibleCount(el, 'Reconnecting')).to.equal(1);
    expect(visibleCount(el, 'Your message will be kept.')).to.equal(1);
    expect($(el, '[role="status"]')!.textContent).to.equal('Connection lost. Reconnecting…');
    // Calm, not an alarm: no alert role, not the danger colour.
    expect(banner.getAttribute('role')).to.equal(null);
    expect(getComputedStyle(banner).backgroundColor).to.not.equal('rgb(179, 38, 30)');
    await expect(el).to.be.accessible();
    await sandbox.clearFaults();
    await waitUntil(() => el.phase === 'active', 'never recovered', { timeout: 15_000 });
    await el.updateComplete;
    expect($(el, '[part="connection-banner"]')).to.equal(null);
  });

  it('rates from the end confirmation: one chat_rating CustomEvent reaches the agent (its comment masked), live-chat-rating fires, passes axe', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    const chat = await activeChat(el, sandbox);
    const ratings: unknown[] = [];
    el.addEventListener('live-chat-rating', (e) => ratings.push(e.detail));
    $(el, '[part="end-button"]')!.click();
    await el.updateComplete;
    const rating = $(el, '[part="end-confirm"] live-chat-rating')!;
    expect(rating).to.not.equal(null);
    await expect(el).to.be.accessible();
    rating.shadowRoot!.querySelector<HTMLButtonElement>('button.good')!.click();
    await (rating as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(rating.shadowRoot!.querySelector('button.good')!.getAttribute('aria-pressed')).to.equal('true');
    const comment = rating.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea')!;
    comment.value = 'Quick and kind <b>thanks</b>, refund to 4111 1111 1111 1111 please';
    comment.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    rating.shadowRoot!.querySelector<HTMLButtonElement>('button.send')!.click();
    expect(ratings).to.deep.equal([{ rating: 'good', comment: 'Quick and kind <b>thanks</b>, refund to # please' }]);
    await el.updateComplete;
    expect(rating.shadowRoot!.textContent).to.contain('Thank you for your feedback.');
    await waitUntil(async () => ((await sandbox!.chatState(chat.id)) as unknown as { rating: unknown }).rating !== null, 'no rating on the server');
    await el.end();
    await waitUntil(() => el.phase === 'ended');
    await el.updateComplete;
    const sent = (await sandbox.received(chat.id)).filter((r) => r.noun === 'CustomEvent');
    expect(sent).to.have.length(1);
    expect(sent[0]!.body).to.deep.equal({ type: 'chat_rating', data: JSON.stringify({ rating: 'good', comment: 'Quick and kind <b>thanks</b>, refund to # please' }) });
    const state = (await sandbox.chatState(chat.id)) as unknown as { rating: { rating: string; comment: string } };
    expect(state.rating).to.include({ rating: 'good', comment: 'Quick and kind <b>thanks</b>, refund to # please' });
    // Rated once: the ended view thanks instead of asking again.
    expect(deep(el, 'live-chat-rating', '[part="rating"]')!.textContent).to.contain('Thank you for your feedback.');
    expect(ratings).to.have.length(1);
  });

  it('rates after the agent ended the chat: live-chat-rating only (the session is closed), passes axe', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    const chat = await activeChat(el, sandbox);
    await sandbox.end(chat.id);
    await waitUntil(() => el.phase === 'ended');
    await el.updateComplete;
    const rating = $(el, 'live-chat-rating')!;
    await waitUntil(() => rating.shadowRoot!.querySelector('button.bad'));
    await expect(el).to.be.accessible();
    rating.shadowRoot!.querySelector<HTMLButtonElement>('button.bad')!.click();
    await (rating as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const ev = oneEvent(el, 'live-chat-rating');
    rating.shadowRoot!.querySelector<HTMLButtonElement>('button.send')!.click();
    expect((await ev).detail).to.deep.equal({ rating: 'bad', comment: '' });
    expect((await sandbox.received(chat.id)).filter((r) => r.noun === 'CustomEvent')).to.deep.equal([]);
  });
});

interface OfflineMessage {
  name: string;
  email: string;
  subject: string;
  description: string;
}
const offlineMessages = async (sb: Sandbox): Promise<OfflineMessage[]> => (await fetch(`${sb.baseUrl}/api/offline-messages`)).json();
const formOf = (el: LiveChat) => $(el, 'live-chat-offline-form')!;
const control = (el: LiveChat, name: string) =>
  formOf(el).shadowRoot!.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
function type(c: HTMLInputElement | HTMLTextAreaElement, text: string) {
  c.value = text;
  c.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
const submit = (el: LiveChat) => formOf(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="submit-button"]')!.click();

/** A sandbox where every agent is offline. */
async function offlineSandbox(): Promise<Sandbox> {
  const sb = await createSandbox({ scriptedAgent: { enabled: false } });
  for (const a of sb.agents) await sb.setAgent(a.id, 'offline');
  return sb;
}

describe('<live-chat>: nobody available', () => {
  it('offers and sends a message with offline-form-action: the server receives the POST, live-chat-offline-message fires, passes axe', async () => {
    sandbox = await offlineSandbox();
    const action = `${sandbox.baseUrl}/servlet/servlet.WebToCase`;
    const el = await widget(sandbox, { action });
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    await el.updateComplete;
    expect($(el, '[part="launcher"]')!.textContent).to.contain('Leave us a message');
    el.open();
    await waitUntil(() => formOf(el)?.shadowRoot?.querySelector('[part="offline-form"]'), 'no offline form');
    await expect(el).to.be.accessible();
    type(control(el, 'name'), 'Sam Lee');
    type(control(el, 'email'), 'sam@example.com');
    type(control(el, 'subject'), 'Broken order <b>');
    type(control(el, 'description'), 'My card 4111 1111 1111 1111 was charged twice.');
    const sent = oneEvent(el, 'live-chat-offline-message');
    submit(el);
    const { detail } = await sent;
    expect(detail.fields).to.deep.equal({
      name: 'Sam Lee',
      email: 'sam@example.com',
      subject: 'Broken order <b>',
      description: 'My card # was charged twice.',
    });
    const stored = await offlineMessages(sandbox);
    expect(stored).to.have.length(1);
    expect(stored[0]).to.include({ name: 'Sam Lee', email: 'sam@example.com', subject: 'Broken order <b>', description: 'My card # was charged twice.' });
    await el.updateComplete;
    await waitUntil(() => formOf(el).shadowRoot!.textContent!.includes('Your message is on its way'), 'no confirmation');
    await expect(el).to.be.accessible();
  });

  it('without offline-form-action promises no message: honest launcher and view', async () => {
    sandbox = await offlineSandbox();
    const el = await widget(sandbox);
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    await el.updateComplete;
    expect($(el, '[part="launcher"]')!.textContent).to.contain("We're offline");
    el.open();
    await waitUntil(() => deep(el, 'live-chat-postchat', '[part="postchat"]'));
    expect($(el, 'live-chat-offline-form')).to.equal(null);
    expect(deep(el, 'live-chat-postchat', '[part="postchat"]')!.textContent).to.not.match(/leave|message/i);
  });

  it('checks the form with constraint validation and posts nothing until it is valid', async () => {
    sandbox = await offlineSandbox();
    const el = await widget(sandbox, { action: `${sandbox.baseUrl}/servlet/servlet.WebToCase` });
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    el.open();
    await waitUntil(() => formOf(el)?.shadowRoot?.querySelector('[part="offline-form"]'), 'no offline form');
    type(control(el, 'email'), 'not-an-email');
    submit(el);
    await (formOf(el) as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const errors = [...formOf(el).shadowRoot!.querySelectorAll('[part="prechat-error"]')].map((e) => e.textContent);
    expect(errors).to.deep.equal(['Enter an email address like name@example.com.', 'Please fill in this field.']);
    expect(control(el, 'email').getAttribute('aria-invalid')).to.equal('true');
    expect(formOf(el).shadowRoot!.activeElement).to.equal(control(el, 'email'));
    await expect(el).to.be.accessible();
    await new Promise((r) => setTimeout(r, 300));
    expect(await offlineMessages(sandbox)).to.deep.equal([]);
    expect(control(el, 'email').value, 'nothing typed is lost').to.equal('not-an-email');
  });

  it('keeps every word when the network fails, says so, and sends on the next try', async () => {
    sandbox = await offlineSandbox();
    const el = await widget(sandbox, { action: 'http://127.0.0.1:9/servlet/servlet.WebToCase' });
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    el.open();
    await waitUntil(() => formOf(el)?.shadowRoot?.querySelector('[part="offline-form"]'), 'no offline form');
    type(control(el, 'email'), 'sam@example.com');
    type(control(el, 'description'), 'Please call me back.');
    submit(el);
    await waitUntil(() => formOf(el).shadowRoot!.querySelector('[role="alert"]'), 'no error shown', { timeout: 8000 });
    expect(formOf(el).shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('could not be sent');
    expect(control(el, 'description').value).to.equal('Please call me back.');
    // Minimised and opened again: still there.
    el.minimize();
    await el.updateComplete;
    el.open();
    await el.updateComplete;
    expect(control(el, 'email').value).to.equal('sam@example.com');
    expect(control(el, 'description').value).to.equal('Please call me back.');
    await expect(el).to.be.accessible();
    // The endpoint works again: the same text goes out.
    el.offlineFormAction = `${sandbox.baseUrl}/servlet/servlet.WebToCase`;
    const sent = oneEvent(el, 'live-chat-offline-message');
    submit(el);
    expect((await sent).detail.fields.description).to.equal('Please call me back.');
    expect(await offlineMessages(sandbox)).to.have.length(1);
  });

  it('agents going offline while the visitor fills the pre-chat form: what was typed fills the offline form', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox, { fields: PRECHAT, action: `${sandbox.baseUrl}/servlet/servlet.WebToCase` });
    el.open();
    await waitUntil(() => deep(el, 'live-chat-prechat', 'input[name="FirstName"]'), 'no pre-chat form', { timeout: 8000 });
    const field = (name: string) => deep<HTMLInputElement>(el, 'live-chat-prechat', `[name="${name}"]`)!;
    type(field('FirstName'), 'Ada');
    type(field('LastName'), 'Lovelace');
    type(field('Email'), 'ada@example.com');
    type(field('Question'), 'Can I change my delivery address?');
    for (const a of sandbox.agents) await sandbox.setAgent(a.id, 'offline');
    deep(el, 'live-chat-prechat', '[part="submit-button"]')!.click();
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 10_000 });
    await waitUntil(() => formOf(el)?.shadowRoot?.querySelector('[part="offline-form"]'), 'no offline form');
    expect(control(el, 'name').value).to.equal('Ada Lovelace');
    expect(control(el, 'email').value).to.equal('ada@example.com');
    expect(control(el, 'description').value).to.equal('Can I change my delivery address?');
    const sent = oneEvent(el, 'live-chat-offline-message');
    submit(el);
    expect((await sent).detail.fields).to.include({ name: 'Ada Lovelace', email: 'ada@example.com' });
    expect((await offlineMessages(sandbox))[0]).to.include({ description: 'Can I change my delivery address?' });
  });
});
