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

const server = useServer();
const executablePath = await findChromium();
let browser: Browser | undefined;

before(async () => {
  if (executablePath) browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
});

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
