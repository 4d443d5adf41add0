/**
 * demo/csp.html under its strict Content-Security-Policy (no unsafe-inline, no unsafe-eval,
 * Trusted Types required): the built loader, then the widget it loads on the click, run a whole chat there against the reference
 * server and the page records no `securitypolicyviolation` at all.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { LiveChat } from '../../src/components/live-chat/live-chat.js';
import { createSandbox, type Sandbox } from '../helpers/reference-server.js';
import { q } from './helpers.js';

type CspWindow = Window & typeof globalThis & { __cspViolations: string[] };

let sandbox: Sandbox | undefined;
let frame: HTMLIFrameElement | undefined;

afterEach(async () => {
  frame?.remove();
  frame = undefined;
  sessionStorage.clear();
  await sandbox?.dispose();
  sandbox = undefined;
});

describe('e2e: strict CSP + Trusted Types page', () => {
  // English is built in; French comes from dist/locales/fr.js through a native import().
  for (const [language, launcherText] of [
    ['', 'Chat with us'],
    ['fr', 'Discutez avec nous'],
  ] as const) {
  it(`runs a chat with no CSP violations (${language || 'en'})`, async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    frame = document.createElement('iframe');
    frame.style.cssText = 'width:800px;height:700px;border:0';
    frame.src = `/demo/csp.html?endpoint=${encodeURIComponent(sandbox.endpointUrl)}${language ? `&language=${language}` : ''}`;
    document.body.append(frame);
    await new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
    const win = frame.contentWindow as CspWindow;
    const doc = win.document;

    // The policy really is in force: inline script is refused and Trusted Types are required.
    const policy = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    expect(policy).to.contain("require-trusted-types-for 'script'");
    expect(policy).not.to.contain('unsafe-inline');
    expect(policy).not.to.contain('unsafe-eval');
    expect(() => {
      doc.createElement('div').innerHTML = '<b>x</b>';
    }, 'Trusted Types not enforced').to.throw(/TrustedHTML/);
    expect(() => win.eval('1'), 'eval allowed').to.throw();
    await waitUntil(() => win.__cspViolations.length >= 2, 'probe violations were not reported');
    const probes = win.__cspViolations.length;

    await waitUntil(() => win.customElements.get('live-chat'), 'widget not defined', { timeout: 5000 });
    const el = doc.querySelector('live-chat') as LiveChat;
    await waitUntil(() => q(el, '[part~="launcher"]'), 'no launcher');
    expect(el.endpoint).to.equal(sandbox.endpointUrl);
    expect(q(el, '[part~="launcher"]')!.textContent!.trim()).to.equal(launcherText);

    // The loader alone until the visitor's intent; then the widget, imported from the loader's
    // directory (same origin, so `script-src 'self'` allows it; import() is no Trusted Types sink).
    const widget = () => win.performance.getEntriesByType('resource').filter((e) => e.name.includes('live-chat.widget.js')).length;
    expect(widget(), 'widget loaded before intent').to.equal(0);
    q(el, '[part~="launcher"]')!.click();
    await waitUntil(() => q(el, 'live-chat-prechat', 'input[name="name"]'), 'no pre-chat form', { timeout: 8000 });
    expect(widget()).to.equal(1);
    const name = q<HTMLInputElement>(el, 'live-chat-prechat', 'input[name="name"]')!;
    name.value = 'Strict Sam';
    name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const department = q<HTMLSelectElement>(el, 'live-chat-prechat', 'select[name="department"]')!;
    department.value = 'support';
    department.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    q(el, 'live-chat-prechat', '[part~="submit-button"]')!.click();

    const chat = await sandbox.waitForChat();
    await sandbox.accept(chat.id);
    await waitUntil(() => el.phase === 'active', 'never active', { timeout: 8000 });
    await sandbox.say(chat.id, 'Hello from a strict page <script>alert(1)</script>');
    await waitUntil(() => q(el, 'live-chat-transcript', '[part~="agent"]'), 'agent message not shown', { timeout: 8000 });
    expect(q(el, 'live-chat-transcript', '[part~="agent"]')!.textContent).to.contain('<script>alert(1)</script>');

    // Rich content comes in a chunk of its own (same directory, import()); it renders with DOM calls and a
    // constructed stylesheet, and uploads with XMLHttpRequest: nothing for the policy to refuse.
    await sandbox.richMessage(chat.id, 'cards', [
      { title: 'Card one', subtitle: 'A', buttons: [{ type: 'url', text: 'Open', value: 'https://example.com/' }] },
      { title: 'Card two', subtitle: 'B', buttons: [{ type: 'message', text: 'Pick two', postback_id: 'two' }] },
    ]);
    await sandbox.richMessage(chat.id, 'quick_replies', [{ title: 'Pick', buttons: [{ type: 'message', text: 'Yes please', postback_id: 'yes' }] }]);
    const { fileToken } = await sandbox.requestFile(chat.id);
    await waitUntil(() => q(el, 'live-chat-transcript', '[part~="quick-reply"]') && q(el, 'live-chat-transcript', '[part~="file-input"]'), 'rich content not rendered', { timeout: 8000 });
    expect(win.performance.getEntriesByType('resource').some((e) => e.name.includes('live-chat.rich-view.js'))).to.equal(true);
    expect(q(el, 'live-chat-transcript', '[part~="card"]')!.textContent).to.contain('Card one');
    q(el, 'live-chat-transcript', '[part~="quick-reply"]')!.click();
    const fileInput = q<HTMLInputElement>(el, 'live-chat-transcript', '[part~="file-input"]')!;
    const dt = new win.DataTransfer();
    dt.items.add(new win.File(['strict bytes'], 'strict.txt', { type: 'text/plain' }));
    fileInput.files = dt.files;
    fileInput.dispatchEvent(new win.Event('change'));
    q(el, 'live-chat-transcript', '[part~="upload-button"]')!.click();
    await waitUntil(() => q(el, 'live-chat-transcript', '[part~="file-request"].success'), 'upload never succeeded', { timeout: 8000 });
    expect(new TextDecoder().decode(await sandbox.download(chat.id, fileToken))).to.equal('strict bytes');

    const input = q<HTMLTextAreaElement>(el, 'live-chat-composer', 'textarea')!;
    input.value = 'works here too';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitUntil(() => !q<HTMLButtonElement>(el, 'live-chat-composer', '[part~="send-button"]')!.disabled);
    q(el, 'live-chat-composer', '[part~="send-button"]')!.click();
    await waitUntil(
      async () => (await sandbox!.received(chat.id)).some((r) => JSON.stringify(r.body).includes('works here too')),
      'message not received',
      { timeout: 8000 },
    );
    await sandbox.end(chat.id);
    await waitUntil(() => el.phase === 'ended', 'never ended', { timeout: 8000 });
    await waitUntil(() => q(el, 'live-chat-postchat', '[part~="postchat"]'));

    // Only the two probes above were violations; the widget caused none.
    expect(win.__cspViolations.slice(probes)).to.deep.equal([]);
    expect(doc.getElementById('violations')!.textContent).to.equal(String(probes));
  });
  }
});
