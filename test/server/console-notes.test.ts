// The agent console's Ratings and Offline messages lists, in a real headless Chromium against a real
// server: a visitor's rating (CustomEvent chat_rating) and a Web-to-Case message show, as text only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright';
import { activeChat, useServer } from './helpers.js';

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

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

test('the console lists ratings and offline messages as text', { skip: executablePath ? false : 'no Chromium on this machine (set CHROME_PATH)' }, async () => {
  const url = server().url;
  const { sb, v } = await activeChat(url);
  const r = await v.post('Chasitor/CustomEvent', { type: 'chat_rating', data: JSON.stringify({ rating: 'good', comment: `Great ${HOSTILE}` }) });
  assert.equal(r.status, 200, r.text);
  const form = new URLSearchParams({ orgid: sb.orgId, name: 'Sam', email: 'sam@example.com', subject: `Refund ${HOSTILE}`, description: 'Please call me\nafter 5 pm' });
  const posted = await fetch(`${url}${sb.base}/servlet/servlet.WebToCase`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  assert.equal(posted.status, 200);
  const page: Page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${url}${sb.base}/console/`);
    await page.locator('#ratings li', { hasText: 'good' }).waitFor();
    assert.match(await page.locator('#ratings').innerText(), /Great <img src=x onerror="window.__pwned=1">/);
    await page.locator('#offline li', { hasText: 'Refund' }).waitFor();
    const offline = await page.locator('#offline').innerText();
    assert.match(offline, /Refund <img/);
    assert.match(offline, /sam@example\.com/);
    assert.match(offline, /Please call me\nafter 5 pm/);
    assert.equal(await page.locator('#ratings img, #offline img').count(), 0, 'no markup from visitor strings');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
