/**
 * The BUILT script-tag loader (dist/live-chat.iife.js, dist/live-chat.js; run `npm run build`
 * first) in fresh same-origin frames against the reference server: what it requests before
 * the visitor's intent, each trigger that loads the widget, the handover of the same element,
 * queued calls, resume of a stored chat, two loaders, and a failed load.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand, resetMouse, sendMouse } from '@web/test-runner-commands';
import type { LiveChat } from '../../src/components/live-chat/live-chat.js';
import { createSandbox, type Sandbox } from '../helpers/reference-server.js';
import { PRECHAT_FIELDS, q, type FrameWindow } from '../e2e/helpers.js';

let sandbox: Sandbox | undefined;
const frames: HTMLIFrameElement[] = [];

afterEach(async () => {
  for (const f of frames.splice(0)) f.remove();
  sessionStorage.clear(); // the frames share this page's session storage (stored chats)
  await resetMouse();
  await sandbox?.dispose();
  sandbox = undefined;
});

const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Page {
  frame: HTMLIFrameElement;
  win: FrameWindow;
  el: LiveChat;
}

function pageHtml(sb: Sandbox, scripts: string, extra: string, after = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>loader</title></head><body>
    <script>window.__errors = []; addEventListener('error', e => window.__errors.push(String(e.message)));
      addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));
      window.__phases = []; addEventListener('live-chat-phase-change', e => window.__phases.push(e.detail.previous + '→' + e.detail.phase));</script>
    ${scripts}
    <live-chat endpoint="${attr(sb.endpointUrl)}" org-id="${sb.orgId}" deployment-id="${sb.deploymentId}"
      button-id="${sb.buttonId}" language="en" prechat-fields="${attr(JSON.stringify(PRECHAT_FIELDS))}" ${extra}></live-chat>
    ${after}</body></html>`;
}

/** A page with `scripts` and one <live-chat> for the sandbox; resolves once the launcher shows. */
async function page(sb: Sandbox, { scripts = '<script src="/dist/live-chat.iife.js"></script>', extra = '', firstVisit = false, after = '' } = {}): Promise<Page> {
  const frame = document.createElement('iframe');
  // No referrer and a history of one entry: what a visitor arriving from another site looks like.
  if (firstVisit) frame.referrerPolicy = 'no-referrer';
  // Top-left and fixed, so real pointer moves (sendMouse) can reach the launcher.
  frame.style.cssText = 'position:fixed;top:0;left:0;width:600px;height:420px;border:0';
  frame.srcdoc = pageHtml(sb, scripts, extra, after);
  document.body.append(frame);
  frames.push(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as FrameWindow;
  const el = win.document.querySelector('live-chat') as LiveChat;
  await waitUntil(() => launcher(el), 'no launcher', { timeout: 5000 });
  return { frame, win, el };
}

const launcher = (el: Element) => el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="launcher"]') ?? null;
const resources = (win: Window) => win.performance.getEntriesByType('resource').map((e) => e.name);
const widgetLoads = (win: Window) => resources(win).filter((n) => n.includes('live-chat.widget.js')).length;
/** The widget has taken the element over: its panel exists (the loader has none). */
const handedOver = (el: Element) => Boolean(el.shadowRoot?.querySelector('[part~="panel"]'));
const prechatForm = (el: Element) => q(el, 'live-chat-prechat', 'input[name="name"]');

describe('script-tag loader: before intent', () => {
  it('loads nothing but itself and asks Settings once, after load', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { win, el } = await page(sandbox);
    await waitUntil(() => launcher(el)!.textContent!.includes('Chat with us'), 'launcher text');
    await waitUntil(() => resources(win).some((n) => n.includes('Visitor/Settings')), 'no presence check', { timeout: 8000 });
    await sleep(800); // time for anything else the page might still start
    const scripts = resources(win).filter((n) => !n.startsWith(sandbox!.endpointUrl));
    expect(scripts.map((n) => new URL(n).pathname)).to.deep.equal(['/dist/live-chat.iife.js']);
    const server = await sandbox.requests();
    expect(server.map((r) => r.resource)).to.deep.equal(['Visitor/Settings']);
    expect(win.customElements.get('live-chat-prechat'), 'widget parts defined').to.equal(undefined);
    expect(handedOver(el)).to.equal(false);
    expect(el.phase).to.equal('idle');
    expect(el.transcript).to.deep.equal([]);
    expect(win.__errors).to.deep.equal([]);
  });

  it('defines the element as it runs, and draws the launcher in tasks of its own after that', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    // A classic script after the loader's (synchronous) tag runs right after the loader's evaluation,
    // before any task the loader queued: the element is already defined (and its methods callable),
    // but nothing of the launcher exists yet: shadow root, stylesheet and nodes come in later tasks.
    const probe = `<script>{ const el = document.querySelector('live-chat');
      window.__atEval = { defined: !!customElements.get('live-chat'), callable: typeof el.open === 'function', shadow: el.shadowRoot !== null }; }</script>`;
    const { win, el } = await page(sandbox, { scripts: '', extra: '', after: `<script src="/dist/live-chat.iife.js"></script>${probe}` });
    expect(JSON.stringify((win as unknown as { __atEval: unknown }).__atEval)).to.equal(JSON.stringify({ defined: true, callable: true, shadow: false }));
    expect(launcher(el)!.textContent).to.contain('Chat with us');
    expect(win.__errors).to.deep.equal([]);
  });

  it('from an async tag, defines the element in a task after its own evaluation (the page can await whenDefined)', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    // A classic script's load event fires in the task that evaluated it, right after the evaluation.
    const tag = `<script async src="/dist/live-chat.iife.js" onload="window.__atEval = !!customElements.get('live-chat')"></script>`;
    const { win, el } = await page(sandbox, { scripts: '', after: tag });
    expect((win as unknown as { __atEval: boolean }).__atEval, 'defined while the script ran').to.equal(false);
    await win.customElements.whenDefined('live-chat');
    expect(launcher(el)!.textContent).to.contain('Chat with us');
    expect(typeof el.open).to.equal('function');
    expect(win.__errors).to.deep.equal([]);
  });

  it('is a 44×44 px target for a finger, even with a small theme font', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    await executeServerCommand('lc-touch', { enabled: true });
    try {
      const { win, el } = await page(sandbox, { extra: 'style="--live-chat-font-size: 10px"' });
      expect(win.matchMedia('(pointer: coarse)').matches, 'coarse pointer emulation').to.equal(true);
      await waitUntil(() => launcher(el)!.textContent!.includes('Chat with us'), 'launcher text');
      const r = launcher(el)!.getBoundingClientRect();
      expect(`${Math.round(r.width)}×${Math.round(r.height)}`, 'launcher size').to.satisfy((v: string) => v.split('×').every((n) => Number(n) >= 44));
      expect(handedOver(el), 'still the loader').to.equal(false);
    } finally {
      await executeServerCommand('lc-touch', { enabled: false });
    }
  });

  it('shows an offline launcher and reports `unavailable` when no agent is online', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    for (const a of sandbox.agents) await sandbox.setAgent(a.id, 'offline');
    const { win, el } = await page(sandbox);
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    // No offline-form-action: the launcher says so and promises nothing (the widget's words).
    expect(launcher(el)!.textContent).to.contain("We're offline");
    // Heard by the page from the start (the check may answer before the launcher is looked at).
    expect((win as unknown as { __phases: string[] }).__phases).to.deep.equal(['idle→unavailable']);
    expect(widgetLoads(win)).to.equal(0);
  });

  it('offers to leave a message when offline with offline-form-action, before the widget loads', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    for (const a of sandbox.agents) await sandbox.setAgent(a.id, 'offline');
    const { win, el } = await page(sandbox, { extra: `offline-form-action="${attr(`${sandbox.baseUrl}/servlet/servlet.WebToCase`)}"` });
    await waitUntil(() => el.phase === 'unavailable', 'never unavailable', { timeout: 8000 });
    expect(launcher(el)!.textContent).to.contain('Leave us a message');
    expect(widgetLoads(win)).to.equal(0);
  });
});

describe('script-tag loader: what loads the widget', () => {
  it('the pointer entering the launcher (a real mouse move)', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { win, el, frame } = await page(sandbox);
    await sleep(300);
    expect(widgetLoads(win)).to.equal(0);
    const f = frame.getBoundingClientRect();
    const b = launcher(el)!.getBoundingClientRect();
    await sendMouse({ type: 'move', position: [Math.round(f.left + b.left + b.width / 2), Math.round(f.top + b.top + b.height / 2)] });
    await waitUntil(() => handedOver(el), 'hover did not load the widget', { timeout: 8000 });
    expect(widgetLoads(win)).to.equal(1);
    expect(el.expanded, 'a hover does not open the panel').to.equal(false);
    expect(launcher(el)!.hidden).to.equal(false);
    expect(win.__errors).to.deep.equal([]);
  });

  it('a press that the handover interrupts still opens the panel (down on the loader, up on the widget)', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { el, frame } = await page(sandbox, { scripts: `<script src="/lazy-test/slow-600/${Date.now()}/live-chat.iife.js"></script>` });
    const f = frame.getBoundingClientRect();
    const b = launcher(el)!.getBoundingClientRect();
    const at: [number, number] = [Math.round(f.left + b.left + b.width / 2), Math.round(f.top + b.top + b.height / 2)];
    await sendMouse({ type: 'move', position: at }); // starts the load
    await sendMouse({ type: 'down' });
    await waitUntil(() => handedOver(el), 'the widget never arrived', { timeout: 8000 });
    await sendMouse({ type: 'up' });
    await waitUntil(() => prechatForm(el), 'the interrupted press did not open the panel', { timeout: 8000 });
    expect(el.expanded).to.equal(true);
  });

  it('focus on the launcher, which keeps the focus through the handover', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { win, el } = await page(sandbox);
    win.focus();
    launcher(el)!.focus();
    await waitUntil(() => handedOver(el), 'focus did not load the widget', { timeout: 8000 });
    await waitUntil(() => el.shadowRoot!.activeElement === launcher(el), 'focus lost at the handover');
    expect(el.expanded).to.equal(false);
  });

  it('a click, which opens the panel when the code arrives (pending state while it is slow)', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { win, el } = await page(sandbox, { scripts: `<script src="/lazy-test/slow-1500/${Date.now()}/live-chat.iife.js"></script>` });
    launcher(el)!.click();
    await waitUntil(() => launcher(el)?.getAttribute('aria-busy') === 'true', 'no pending state', { timeout: 1400 });
    expect(launcher(el)!.textContent).to.contain('Opening the chat');
    expect(q(el, '[role="status"]')!.textContent).to.contain('Opening the chat');
    await waitUntil(() => prechatForm(el), 'the click did not open the panel', { timeout: 8000 });
    expect(el.expanded).to.equal(true);
    expect(el.phase).to.equal('prechat');
    expect(widgetLoads(win)).to.equal(1);
  });

  it('a click while no agent is online opens the offline view, never the form', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    for (const a of sandbox.agents) await sandbox.setAgent(a.id, 'offline');
    const { el } = await page(sandbox);
    const phases: string[] = [];
    el.addEventListener('live-chat-phase-change', (e) => phases.push(e.detail.phase));
    launcher(el)!.click(); // at once: before the loader's own presence check
    await waitUntil(() => q(el, 'live-chat-postchat', '[part~="postchat"]'), 'no offline view', { timeout: 8000 });
    expect(q(el, 'live-chat-postchat', '[part~="postchat"]')!.textContent).to.contain('No one is available');
    expect(el.phase).to.equal('unavailable');
    expect(phases).not.to.include('prechat');
  });

  it('a public method call', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { el, win } = await page(sandbox);
    el.open();
    await waitUntil(() => prechatForm(el), 'open() did not load and open the widget', { timeout: 8000 });
    expect(el.expanded).to.equal(true);
    // From now on the registered class is the widget: a new element is one from the start.
    const later = win.document.createElement('live-chat') as LiveChat;
    later.setAttribute('no-launcher', '');
    win.document.body.append(later);
    await later.updateComplete;
    expect(handedOver(later)).to.equal(true);
    expect(later.noLauncher).to.equal(true);
    expect(widgetLoads(win)).to.equal(1);
  });

  it('preload="idle", with no interaction', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { el, win } = await page(sandbox, { extra: 'preload="idle"' });
    await waitUntil(() => handedOver(el), 'preload=idle did not load the widget', { timeout: 8000 });
    expect(el.expanded).to.equal(false);
    expect(widgetLoads(win)).to.equal(1);
  });
});

describe('script-tag loader: calls before the code arrived', () => {
  it('are replayed in order, with properties set early kept', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { el } = await page(sandbox, { scripts: `<script src="/lazy-test/slow-400/${Date.now()}/live-chat.iife.js"></script>` });
    el.prechatFields = []; // no form: start() goes straight to the queue
    el.visitorName = 'Early Eve';
    el.open();
    const started = el.start();
    el.minimize(); // after start: the chat runs with the panel minimized
    expect(el.phase, 'nothing runs before the code').to.equal('idle');
    await started;
    const chat = await sandbox.waitForChat();
    expect(chat.visitorName).to.equal('Early Eve');
    expect(el.expanded, 'minimize() came last').to.equal(false);
    expect(el.prechatFields).to.deep.equal([]);
    await waitUntil(() => el.phase === 'queued', 'never queued', { timeout: 8000 });
  });

  it('in the other order leave the panel open', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { el } = await page(sandbox);
    el.minimize();
    el.open();
    await waitUntil(() => prechatForm(el), 'open() (called last) did not open the panel', { timeout: 8000 });
    expect(el.expanded).to.equal(true);
  });
});

describe('script-tag loader: a stored chat', () => {
  it('resumes on the next page of the site without any interaction', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const first = await page(sandbox);
    first.el.prechatFields = [];
    await first.el.start();
    const chat = await sandbox.waitForChat();
    await sandbox.accept(chat.id);
    await waitUntil(() => first.el.phase === 'active', 'never active', { timeout: 8000 });
    await sandbox.say(chat.id, 'Still there?');
    await waitUntil(() => first.el.transcript.some((m) => m.text === 'Still there?'), 'agent message not received', { timeout: 8000 });
    const key = `live-chat:${sandbox.endpointUrl}|${sandbox.orgId}|${sandbox.deploymentId}|${sandbox.buttonId}:chat`;
    await waitUntil(() => sessionStorage.getItem(key), 'chat never stored', { timeout: 5000 });
    // The visitor goes to another page of the site in the same tab (a new history entry).
    const left = new Promise((resolve) => first.frame.addEventListener('load', resolve, { once: true }));
    first.frame.srcdoc = pageHtml(sandbox, '<script src="/dist/live-chat.iife.js"></script>', '');
    await left;
    const win = first.frame.contentWindow as FrameWindow;
    const second = { win, el: win.document.querySelector('live-chat') as LiveChat };
    await waitUntil(() => second.el.phase === 'active', 'the stored chat did not resume without interaction', { timeout: 8000 });
    expect(second.el.transcript.map((m) => m.text)).to.include('Still there?');
    expect(widgetLoads(second.win)).to.equal(1);
    expect(second.win.__errors).to.deep.equal([]);
  });
});

/** Counts this page's reads of `window.sessionStorage` (the access that can block on first use). */
const STORAGE_SPY = `<script>window.__storageReads = 0;
  const d = Object.getOwnPropertyDescriptor(window, 'sessionStorage') || Object.getOwnPropertyDescriptor(Window.prototype, 'sessionStorage');
  Object.defineProperty(window, 'sessionStorage', { configurable: true, get() { window.__storageReads++; return d.get.call(window); } });</script>`;

describe('script-tag loader: an invitation', () => {
  it('loads the widget for an available invitation, and not again on the next page once declined', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const invite = sandbox.buttons.find((b) => b.type === 'Invite')!;
    const extra = `invite-button-id="${invite.id}"`;
    const first = await page(sandbox, { extra });
    await waitUntil(() => widgetLoads(first.win) === 1, 'an available invitation did not load the widget', { timeout: 8000 });
    const decline = await waitUntil(
      () => q(first.el, 'live-chat-invitation', '[part="invitation-decline"]'),
      'no invitation shown',
      { timeout: 8000 },
    ).then(() => q<HTMLButtonElement>(first.el, 'live-chat-invitation', '[part="invitation-decline"]')!);
    decline.click();
    await waitUntil(() => !first.el.shadowRoot!.querySelector('live-chat-invitation'), 'invitation still shown');

    // The next page of the site in the same tab.
    const left = new Promise((resolve) => first.frame.addEventListener('load', resolve, { once: true }));
    first.frame.srcdoc = pageHtml(sandbox, '<script src="/dist/live-chat.iife.js"></script>', extra);
    await left;
    const win = first.frame.contentWindow as FrameWindow;
    await waitUntil(() => resources(win).some((n) => n.includes('Visitor/Settings')), 'no presence check', { timeout: 8000 });
    await sleep(800);
    expect(widgetLoads(win), 'declined: the launcher alone').to.equal(0);
    expect(win.__errors).to.deep.equal([]);
  });
});

describe('script-tag loader: a chat in another tab', () => {
  it("loads the widget at idle when another tab holds the chat's lock (and not otherwise)", async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const quiet = await page(sandbox, { firstVisit: true });
    await waitUntil(() => resources(quiet.win).some((n) => n.includes('Visitor/Settings')), 'no presence check', { timeout: 8000 });
    await sleep(300);
    expect(widgetLoads(quiet.win), 'no chat anywhere: nothing loads').to.equal(0);

    // This page stands for the other tab: it holds the lock the widget takes while it runs a chat.
    const key = `live-chat:${sandbox.endpointUrl}|${sandbox.orgId}|${sandbox.deploymentId}|${sandbox.buttonId}`;
    let release!: () => void;
    const held = new Promise<void>((granted) =>
      void navigator.locks.request(key, () => {
        granted();
        return new Promise<void>((r) => (release = r));
      }),
    );
    await held;
    try {
      const other = await page(sandbox, { firstVisit: true });
      await waitUntil(() => widgetLoads(other.win) === 1, 'the lock held elsewhere did not load the widget', { timeout: 8000 });
      expect(other.win.__errors).to.deep.equal([]);
    } finally {
      release();
    }
  });
});

describe('script-tag loader: a first visit from elsewhere', () => {
  it('does not touch sessionStorage before intent; a chat stored earlier resumes on intent, and by itself after a reload', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const first = await page(sandbox);
    first.el.prechatFields = [];
    await first.el.start();
    const chat = await sandbox.waitForChat();
    await sandbox.accept(chat.id);
    await sandbox.say(chat.id, 'Welcome back');
    await waitUntil(() => first.el.transcript.some((m) => m.text === 'Welcome back'), 'agent message not received', { timeout: 8000 });
    const key = `live-chat:${sandbox.endpointUrl}|${sandbox.orgId}|${sandbox.deploymentId}|${sandbox.buttonId}:chat`;
    await waitUntil(() => sessionStorage.getItem(key), 'chat never stored', { timeout: 5000 });
    first.frame.remove();

    const second = await page(sandbox, { firstVisit: true, scripts: `${STORAGE_SPY}<script src="/dist/live-chat.iife.js"></script>` });
    expect(second.win.document.referrer, 'the frame looks like a first visit').to.equal('');
    await waitUntil(() => resources(second.win).some((n) => n.includes('Visitor/Settings')), 'no presence check', { timeout: 8000 });
    await sleep(500);
    expect((second.win as unknown as { __storageReads: number }).__storageReads, 'sessionStorage read before intent').to.equal(0);
    expect(widgetLoads(second.win)).to.equal(0);

    launcher(second.el)!.focus(); // intent
    await waitUntil(() => second.el.phase === 'active', 'the stored chat did not resume on intent', { timeout: 8000 });
    expect(second.el.transcript.map((m) => m.text)).to.include('Welcome back');

    // A reload is a visit of this site: the chat comes back without interaction.
    const reloaded = new Promise((resolve) => second.frame.addEventListener('load', resolve, { once: true }));
    second.win.location.reload();
    await reloaded;
    const win = second.frame.contentWindow as FrameWindow;
    const el = win.document.querySelector('live-chat') as LiveChat;
    await waitUntil(() => el.phase === 'active', 'the stored chat did not resume after the reload', { timeout: 8000 });
    expect(win.performance.getEntriesByType('navigation')[0]).to.have.property('type', 'reload');
    expect(win.__errors).to.deep.equal([]);
  });
});

describe('script-tag loader: two loaders on one page', () => {
  it('are harmless: one definition, one widget load, the click opens the panel', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { win, el } = await page(sandbox, {
      scripts: `<script src="/dist/live-chat.iife.js"></script><script type="module" src="/dist/live-chat.js"></script>
        <script src="/lazy-test/slow-0/${Date.now()}/live-chat.iife.js"></script>`,
    });
    await sleep(300); // the module loader runs after the classic ones
    launcher(el)!.click();
    await waitUntil(() => prechatForm(el), 'the click did not open the panel', { timeout: 8000 });
    expect(widgetLoads(win)).to.equal(1);
    expect(el.shadowRoot!.querySelectorAll('[part~="launcher"]').length).to.equal(1);
    expect(win.__errors).to.deep.equal([]);
  });
});

describe('script-tag loader: a failed load', () => {
  it('says so on the launcher, reports live-chat-error, and tries again on the next intent', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const { win, el } = await page(sandbox, { scripts: `<script src="/lazy-test/fail-once/${Date.now()}/live-chat.iife.js"></script>` });
    const errors: string[] = [];
    el.addEventListener('live-chat-error', (e) => errors.push(e.detail.code));
    const started = el.start().then(
      () => 'resolved',
      () => 'rejected',
    );
    await waitUntil(() => launcher(el)!.textContent!.includes('could not load'), 'no failure on the launcher', { timeout: 8000 });
    expect(errors).to.deep.equal(['network']);
    expect(await started, 'a queued call is not left hanging').to.equal('rejected');
    expect(q(el, '[role="status"]')!.textContent).to.contain('could not load');
    expect(el.phase).to.equal('idle');
    expect(handedOver(el)).to.equal(false);

    launcher(el)!.click();
    await waitUntil(() => prechatForm(el), 'the retry did not load and open the widget', { timeout: 8000 });
    expect(widgetLoads(win)).to.equal(2);
    expect(el.expanded).to.equal(true);
  });
});
