/**
 * <live-chat> against the real reference server: the messenger header (title, subtitle,
 * the agent's avatar once joined), avatars reaching the transcript, the title badge while
 * minimised and while the page is hidden (visibility emulated), the sound toggle, axe.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/define.js';
import type { LiveChat } from '../../../src/components/live-chat/live-chat.js';
import { MUTE_KEY } from '../../../src/components/live-chat/away.js';
import { createSandbox, type Sandbox } from '../../helpers/reference-server.js';

let sandbox: Sandbox | undefined;
let current: LiveChat | undefined;
const realTitle = document.title;

async function widget(sb: Sandbox, extra: { title?: string; subtitle?: string; sound?: boolean; avatars?: Record<string, string> } = {}) {
  current = await fixture<LiveChat>(html`<live-chat
    endpoint=${sb.endpointUrl}
    org-id=${sb.orgId}
    deployment-id=${sb.deploymentId}
    button-id=${sb.buttonId}
    language="en"
    chat-title=${extra.title ?? ''}
    chat-subtitle=${extra.subtitle ?? ''}
    ?sound=${extra.sound ?? false}
    .agentAvatars=${extra.avatars ?? null}
  ></live-chat>`);
  await current.updateComplete;
  return current;
}
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const inTranscript = (el: LiveChat, sel: string) => $(el, 'live-chat-transcript')?.shadowRoot?.querySelector<HTMLElement>(sel) ?? null;

async function startActive(el: LiveChat, sb: Sandbox) {
  el.open();
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
  localStorage.removeItem(MUTE_KEY);
  document.title = realTitle;
  await sandbox?.dispose();
  sandbox = undefined;
});

describe('<live-chat> messenger chrome', () => {
  it('shows the localised default title and subtitle, or the page’s own', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    el.open();
    await el.updateComplete;
    // Before anything runs the subtitle line is the default one (or the status while there is one).
    expect($(el, 'h2')!.textContent).to.equal('Chat');
    const sub = $(el, 'header .sub')?.textContent ?? '';
    expect(["We're here to help", 'Connecting…']).to.include(sub);
    el.remove();
    const own = await widget(sandbox, { title: 'Acme Support', subtitle: 'Replies in minutes' });
    expect($(own, 'h2')!.textContent).to.equal('Acme Support');
    expect($(own, 'header .sub')!.textContent).to.equal('Replies in minutes');
    expect($(own, '[part="panel"]')!.getAttribute('aria-labelledby')).to.equal('title');
  });

  it('shows the agent’s avatar and name in the header once joined, and the same avatar in the transcript', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox, { title: 'Acme Support', avatars: { 'Ada L.': 'https://img.example/ada.png' } });
    expect($(el, 'header [part="avatar"]')).to.equal(null);
    const chat = await startActive(el, sandbox);
    const avatar = $(el, 'header [part="avatar"]')!;
    expect(avatar.querySelector('img')!.alt).to.equal('Ada L.');
    expect(avatar.querySelector('img')!.getAttribute('src')).to.equal('https://img.example/ada.png');
    expect($(el, 'header .sub')!.textContent!.replace(/[\u2068\u2069]/g, '')).to.equal('Chatting with Ada L.');
    await sandbox.say(chat.id, 'Hello from Ada');
    await waitUntil(() => inTranscript(el, '[part="avatar"] img'), 'no avatar in the transcript');
    expect(inTranscript(el, '[part="avatar"] img')!.getAttribute('src')).to.equal('https://img.example/ada.png');
    await expect(el).to.be.accessible();
  });

  it('badges the document title while minimised, and while the page is hidden; restores it on return', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const el = await widget(sandbox);
    const chat = await startActive(el, sandbox);
    document.title = 'Acme shop';
    el.minimize();
    await el.updateComplete;
    await sandbox.say(chat.id, 'one');
    await sandbox.say(chat.id, 'two');
    await waitUntil(() => document.title === '(2) Acme shop', `title is "${document.title}"`, { timeout: 10_000 });
    el.open();
    await el.updateComplete;
    expect(document.title).to.equal('Acme shop');

    let hidden = true;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    try {
      document.dispatchEvent(new Event('visibilitychange'));
      await sandbox.say(chat.id, 'three');
      await waitUntil(() => document.title === '(1) Acme shop', `title is "${document.title}"`, { timeout: 10_000 });
      hidden = false;
      document.dispatchEvent(new Event('visibilitychange'));
      expect(document.title).to.equal('Acme shop');
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
  });

  it('offers a remembered mute toggle in the header only when `sound` is on', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const plain = await widget(sandbox);
    plain.open();
    await plain.updateComplete;
    expect($(plain, '[part="sound-button"]')).to.equal(null);
    plain.remove();
    const el = await widget(sandbox, { sound: true });
    el.open();
    await el.updateComplete;
    const button = () => $<HTMLButtonElement>(el, '[part="sound-button"]')!;
    expect(button().getAttribute('aria-pressed')).to.equal('true');
    expect(button().getAttribute('aria-label')).to.equal('Notification sound');
    button().click();
    await el.updateComplete;
    expect(button().getAttribute('aria-pressed')).to.equal('false');
    expect(localStorage.getItem(MUTE_KEY)).to.equal('1');
    await expect(el).to.be.accessible();
  });
});
