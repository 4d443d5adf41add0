/**
 * The leave-a-message form is a chunk of its own in the script-tag build
 * (dist/live-chat.offline-form.js, src/components/offline/load-offline-form.ts): with the BUILT
 * loader and widget against the reference server, it is not part of the widget, it is imported once
 * when nobody is available and `offline-form-action` is set, and what the visitor types survives
 * minimising. Without `offline-form-action` it is never fetched.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse } from '@web/test-runner-commands';
import { createSandbox, type Sandbox } from '../helpers/reference-server.js';
import { q } from '../e2e/helpers.js';
import { handedOver, hover, launcher, loaderPage, resources } from './loader-page.js';

let sandbox: Sandbox | undefined;
const frames: HTMLIFrameElement[] = [];

afterEach(async () => {
  for (const f of frames.splice(0)) f.remove();
  sessionStorage.clear();
  await resetMouse();
  await sandbox?.dispose();
  sandbox = undefined;
});

const chunkLoads = (win: Window) => resources(win).filter((n) => n.includes('live-chat.offline-form.js')).length;

async function offlineSandbox(): Promise<Sandbox> {
  const sb = await createSandbox({ scriptedAgent: { enabled: false } });
  for (const a of sb.agents) await sb.setAgent(a.id, 'offline');
  return sb;
}

describe('script-tag widget: the leave-a-message form loads on first use', () => {
  it('is imported once when it is about to show; focus goes into it; typed text survives minimising', async () => {
    sandbox = await offlineSandbox();
    const p = await loaderPage(sandbox, [`offline-form-action="${sandbox.baseUrl}/servlet/servlet.WebToCase"`]);
    frames.push(p.frame);
    const el = p.els[0]!;
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    await hover(p, el);
    await waitUntil(() => handedOver(el), 'hover did not load the widget', { timeout: 8000 });
    launcher(el)!.click();
    await waitUntil(() => q(el, 'live-chat-offline-form', 'textarea[name="description"]'), 'no offline form', { timeout: 8000 });
    expect(chunkLoads(p.win)).to.equal(1);
    await waitUntil(() => el.shadowRoot!.activeElement?.localName === 'live-chat-offline-form', 'focus did not go into the form', { timeout: 4000 });
    const description = q<HTMLTextAreaElement>(el, 'live-chat-offline-form', 'textarea[name="description"]')!;
    description.value = 'Please call me back.';
    description.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    el.minimize();
    await el.updateComplete;
    el.open();
    await el.updateComplete;
    expect(q<HTMLTextAreaElement>(el, 'live-chat-offline-form', 'textarea[name="description"]')!.value).to.equal('Please call me back.');
    expect(chunkLoads(p.win)).to.equal(1);
    expect(p.win.__errors).to.deep.equal([]);
  });

  it('opened before its code has arrived: the view fills in and focus goes into it once it is defined', async () => {
    sandbox = await offlineSandbox();
    const action = `offline-form-action="${sandbox.baseUrl}/servlet/servlet.WebToCase"`;
    const p = await loaderPage(sandbox, [action], `/lazy-test/slow-form-1500/${Date.now()}/live-chat.iife.js`);
    frames.push(p.frame);
    const el = p.els[0]!;
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    launcher(el)!.click();
    await waitUntil(() => el.expanded && handedOver(el), 'the click did not open the panel', { timeout: 8000 });
    expect(Boolean(p.win.customElements.get('live-chat-offline-form')), 'the form is still on its way').to.equal(false);
    await waitUntil(() => q(el, 'live-chat-offline-form', 'textarea[name="description"]'), 'no offline form', { timeout: 8000 });
    await waitUntil(() => el.shadowRoot!.activeElement?.localName === 'live-chat-offline-form', 'focus did not go into the form', { timeout: 4000 });
    expect(chunkLoads(p.win)).to.equal(1);
  });

  it('is never fetched without offline-form-action', async () => {
    sandbox = await offlineSandbox();
    const p = await loaderPage(sandbox);
    frames.push(p.frame);
    const el = p.els[0]!;
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    launcher(el)!.click();
    await waitUntil(() => el.expanded && handedOver(el), 'the click did not open the panel', { timeout: 8000 });
    await waitUntil(() => q(el, 'live-chat-postchat'), 'no unavailable view', { timeout: 8000 });
    expect(chunkLoads(p.win)).to.equal(0);
    expect(Boolean(p.win.customElements.get('live-chat-offline-form'))).to.equal(false);
  });
});
