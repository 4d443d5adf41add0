// The agent console driven by a real headless Chromium (Playwright) against a real server: a
// visitor (raw Chat REST client) chats with a "person" clicking in the console. Visitor strings
// must render as text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright';
import { api, createSandbox, useServer, Visitor, waitFor } from './helpers.js';

// scripts/browser.mjs is untyped JavaScript (the lead's): describe the two exports used here.
const browserScript = '../../scripts/browser.mjs';
const { findChromium, CHROMIUM_ARGS } = (await import(browserScript)) as { findChromium(): Promise<string | null>; CHROMIUM_ARGS: string[] };

// The demo server, as `npm start` runs it: its human agent (Grace H.) has sneak peek on.
const server = useServer({ demo: true });
const executablePath = await findChromium();
let browser: Browser | undefined;

before(async () => {
  if (executablePath) browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
});

/** axe-core (already installed for the browser tests' accessibility checks) run inside the page. */
async function axeViolations(page: Page): Promise<string[]> {
  const { createRequire } = await import('node:module');
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const { violations } = await axe.run();
    return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

const HOSTILE = '<img src=x onerror="window.__pwned=1">bold <b>text</b>';

test('a person accepts, reads visitor info, replies, sends an event, transfers and ends from the console', { skip: executablePath ? false : 'no Chromium on this machine (set CHROME_PATH)' }, async () => {
  const url = server().url;
  const sb = await createSandbox(url);
  const v = new Visitor(url, sb);
  await v.start({ visitorName: HOSTILE, prechatDetails: [{ label: 'Order', value: '<script>1</script>#42', transcriptFields: [], displayToAgent: true }] });
  await v.raw('POST', 'Visitor/Breadcrumb', { headers: { ...v.sessionHeaders(), 'Content-Type': 'application/json' }, body: JSON.stringify({ location: 'https://shop.example/checkout' }) });
  const page: Page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${url}${sb.base}/console/`);
    await page.selectOption('#agent', '005DEMO00000001');
    await page.locator('#queue button.chat').first().click();
    await page.locator('#accept').click();
    await v.until('ChatEstablished');

    // Visitor info, pre-chat details and the page trail, all as text.
    await page.locator('#info', { hasText: 'Mozilla/5.0' }).waitFor();
    assert.match(await page.locator('#info').innerText(), /1920x1080/);
    assert.match(await page.locator('#info').innerText(), /en-US/);
    assert.match(await page.locator('#prechat').innerText(), /<script>1<\/script>#42/);
    assert.match(await page.locator('#trail').innerText(), /shop\.example\/checkout/);

    // Typing and the sneak-peek draft show live; messages render as text.
    await v.post('Chasitor/ChasitorTyping', {});
    await v.post('Chasitor/ChasitorSneakPeek', { position: 0, text: 'my card is' });
    await page.locator('#peek', { hasText: 'my card is' }).waitFor();
    await page.locator('#typing', { hasText: 'typing' }).waitFor();
    await v.post('Chasitor/ChatMessage', { text: HOSTILE });
    await page.locator('#transcript p', { hasText: 'onerror' }).waitFor();
    assert.equal(await page.locator('#transcript img, #transcript b, #prechat script, #chat-title img').count(), 0, 'no markup from visitor strings');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);

    // Reply and custom event reach the visitor.
    await page.fill('#reply-text', 'Hello from a person');
    await page.click('#reply button[type=submit]');
    let msgs = await v.until('ChatMessage');
    assert.equal(msgs.find((m) => m.type === 'ChatMessage')!.message.text, 'Hello from a person');
    await page.fill('#event-type', 'ShowForm');
    await page.fill('#event-data', 'address');
    await page.click('#event button[type=submit]');
    msgs = await v.until('CustomEvent');
    assert.deepEqual(msgs.find((m) => m.type === 'CustomEvent')!.message, { type: 'ShowForm', data: 'address' });

    // Transfer, then end.
    await page.selectOption('#transfer-to', '005DEMO00000002');
    await page.click('#transfer');
    msgs = await v.until('ChatTransferred');
    assert.equal(msgs.find((m) => m.type === 'ChatTransferred')!.message.name, 'Grace H.');
    await page.click('#end');
    await v.until('ChatEnded');
    const state = await waitFor(async () => {
      const s = await api<{ chats: { status: string }[] }>(url, 'GET', `${sb.base}/api/state`);
      return s.body.chats[0]!.status === 'ended' ? s.body : null;
    }, 'chat ended');
    assert.equal(state.chats.length, 1);

    // Presence from the console.
    await page.selectOption('#presence', 'away');
    await waitFor(async () => {
      const s = await api<{ agents: { id: string; status: string }[] }>(url, 'GET', `${sb.base}/api/state`);
      return s.body.agents.find((a) => a.id === '005DEMO00000001')!.status === 'away';
    }, 'agent away');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('demo capabilities: new-chat highlight and chime, times, safe links, sneak peek on the human path, ended list with time and reason, the widget\'s tokens', { skip: executablePath ? false : 'no Chromium on this machine (set CHROME_PATH)' }, async () => {
  const url = server().url;
  const sb = await createSandbox(url);
  const page: Page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Count the chime's tones: every oscillator the console creates goes through this subclass.
  await page.addInitScript(() => {
    const w = window as unknown as { __tones: number; AudioContext: typeof AudioContext };
    w.__tones = 0;
    const Real = w.AudioContext;
    w.AudioContext = class extends Real {
      override createOscillator(): OscillatorNode {
        w.__tones++;
        return super.createOscillator();
      }
    };
  });
  try {
    await page.goto(`${url}${sb.base}/console/`);
    // The demo's human path: the visitor picks Sales, the person in the console is Grace H.
    await page.selectOption('#agent', '005DEMO00000002');
    await page.check('#sound');
    await page.locator('#status', { hasText: 'Grace H.' }).waitFor();
    assert.equal(await page.locator('#mode').innerText(), 'strict', 'the mode of the sandbox is shown');

    const v = new Visitor(url, sb);
    await v.start({ buttonId: '573DEMO00000002', visitorName: 'Sam' });
    const fresh = page.locator('#queue button.chat.new');
    await fresh.waitFor();
    assert.match(await fresh.innerText(), /New/);
    assert.match(await page.title(), /^\(1\) Agent console/);
    await page.waitForFunction(() => (window as unknown as { __tones: number }).__tones >= 2);
    const chat = (await api<{ requestedAt: number }>(url, 'GET', `${sb.base}/api/chats/${v.id}`)).body;
    assert.equal(await fresh.locator('time').getAttribute('datetime'), new Date(chat.requestedAt).toISOString(), 'waiting since');

    await fresh.click();
    assert.equal(await page.locator('#queue button.chat.new').count(), 0, 'opened: no longer new');
    assert.doesNotMatch(await page.title(), /^\(/);
    await page.click('#accept');
    await v.until('ChatEstablished');

    // Sneak peek is on for Grace: the draft shows live, no "off" note.
    await v.post('Chasitor/ChasitorSneakPeek', { position: 0, text: 'where is my parcel' });
    await page.locator('#peek', { hasText: 'where is my parcel' }).waitFor();
    assert.equal(await page.locator('#peek-off').isVisible(), false);

    // Times on messages; only http(s) URLs become links, opening apart.
    await v.post('Chasitor/ChatMessage', { text: 'see https://shop.example/orders/42. not javascript:alert(1) nor <a href="javascript:alert(2)">x</a>' });
    const msg = page.locator('#transcript .msg.Chasitor').last();
    await msg.waitFor();
    const links = msg.locator('a');
    assert.equal(await links.count(), 1);
    assert.equal(await links.getAttribute('href'), 'https://shop.example/orders/42');
    assert.equal(await links.innerText(), 'https://shop.example/orders/42');
    assert.equal(await links.getAttribute('target'), '_blank');
    assert.match((await links.getAttribute('rel')) ?? '', /noopener/);
    assert.match(await msg.innerText(), /<a href="javascript:alert\(2\)">x<\/a>/, 'markup stays text');
    const sent = (await api<{ transcript: { type: string; timestamp: number }[] }>(url, 'GET', `${sb.base}/api/chats/${v.id}`)).body.transcript.find((t) => t.type === 'Chasitor')!;
    assert.equal(await msg.locator('time').getAttribute('datetime'), new Date(sent.timestamp).toISOString());
    assert.match(await msg.locator('time').innerText(), /\d{1,2}.\d{2}/);

    // No axe violations with an active chat on screen (light scheme, then dark).
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      assert.deepEqual(await axeViolations(page), [], `axe, ${colorScheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // The look: the widget's tokens, and a page-level --live-chat-* value wins as it does in the widget.
    const send = page.locator('#reply button[type=submit]');
    assert.equal(await send.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(11, 92, 171)');
    await page.evaluate(() => document.documentElement.style.setProperty('--live-chat-color-accent', '#7c5cff'));
    assert.equal(await send.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(124, 92, 255)');

    // The visitor ends: the Ended list says when and why.
    await v.post('Chasitor/ChatEnd', { reason: 'client' });
    const ended = page.locator('#ended button.chat', { hasText: 'visitor ended' });
    await ended.waitFor();
    const endedAt = (await api<{ endedAt: number }>(url, 'GET', `${sb.base}/api/chats/${v.id}`)).body.endedAt;
    assert.equal(await ended.locator('time').getAttribute('datetime'), new Date(endedAt).toISOString());
    assert.match(await ended.innerText(), /Sam/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('an agent without sneak peek: the console says drafts are not sent', { skip: executablePath ? false : 'no Chromium on this machine (set CHROME_PATH)' }, async () => {
  const url = server().url;
  const sb = await createSandbox(url, {
    scriptedAgent: { enabled: false },
    agents: [{ id: '005X', name: 'Quiet Q.', buttons: ['573DEMO00000001'], sneakPeekEnabled: false }],
  });
  const v = new Visitor(url, sb);
  await v.start();
  await api(url, 'POST', `${sb.base}/api/chats/${v.id}/accept`, { agentId: '005X' });
  const page: Page = await browser!.newPage();
  try {
    await page.goto(`${url}${sb.base}/console/`);
    await page.locator('#mine button.chat').first().click();
    await page.locator('#peek-off', { hasText: 'Sneak peek is off for Quiet Q.' }).waitFor();
  } finally {
    await page.close();
  }
});

test('the console\'s look uses the widget\'s token names and defaults', async () => {
  const { readFile } = await import('node:fs/promises');
  const read = (rel: string) => readFile(new URL(`../../${rel}`, import.meta.url), 'utf8');
  const tokens = (css: string) => new Map([...css.matchAll(/(--_[\w-]+): var\((--live-chat-[\w-]+), (.+)\);/g)].map((m) => [m[2]!, `${m[1]} ${m[3]}`]));
  const widget = tokens(await read('src/components/shared/tokens.css.ts'));
  const console_ = tokens(await read('server/console/console.css'));
  assert.ok(widget.size >= 10, 'found the widget tokens');
  widget.delete('--live-chat-z-index'); // the console has nothing to stack above a page
  assert.deepEqual(console_, widget);
});

test('rich content from the console: quick replies and a card reach the visitor, a file is requested, uploaded and downloaded, postbacks are listed', { skip: executablePath ? false : 'no Chromium on this machine (set CHROME_PATH)' }, async () => {
  const url = server().url;
  const sb = await createSandbox(url);
  const v = new Visitor(url, sb);
  await v.start({ visitorName: 'Sam' });
  const page: Page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${url}${sb.base}/console/`);
    await page.selectOption('#agent', '005DEMO00000001');
    await page.locator('#queue button.chat').first().click();
    await page.locator('#accept').click();
    await v.until('ChatEstablished');

    await page.selectOption('#rich-kind', 'quick_replies');
    await page.click('#rich button[type=submit]');
    let msgs = await v.until('CustomEvent');
    const ev = msgs.find((m) => m.type === 'CustomEvent')!.message as { type: string; data: string };
    assert.equal(ev.type, 'rich_message');
    assert.deepEqual(JSON.parse(ev.data).elements[0].buttons.map((b: { text: string }) => b.text), ['Track my order', 'Talk to a person']);
    await page.selectOption('#rich-kind', 'file');
    await page.click('#rich button[type=submit]');
    msgs = await v.until('CustomEvent');
    assert.equal((msgs.find((m) => m.type === 'CustomEvent')!.message as { type: string }).type, 'file');

    await v.post('Chasitor/CustomEvent', { type: 'rich_message_postback', data: JSON.stringify({ postback_id: 'qr_0', value: 'Track my order', text: 'Track my order' }) });
    await page.locator('#postbacks', { hasText: 'Track my order → qr_0' }).waitFor();

    await page.click('#request-file');
    msgs = await v.until('FileTransfer');
    const ft = msgs.find((m) => m.type === 'FileTransfer')!.message as Record<string, string>;
    const body = new FormData();
    body.append('file', new Blob(['from the visitor']), 'proof.txt');
    const q = new URLSearchParams({ orgId: sb.orgId, chatKey: v.id, fileToken: ft.fileToken!, encoding: 'UTF-8' });
    assert.equal((await fetch(`${ft.uploadServletUrl}?${q}`, { method: 'POST', body })).status, 200);
    const link = page.locator('#files a', { hasText: 'proof.txt' });
    await link.waitFor();
    const href = await link.getAttribute('href');
    assert.equal(await (await fetch(new URL(href!, page.url()))).text(), 'from the visitor');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
