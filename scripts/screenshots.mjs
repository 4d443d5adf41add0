// node scripts/screenshots.mjs: the README's screenshots of an active chat (docs/screenshots/*.png), taken from the
// demo page against the reference server: desktop (1280×800) and phone (390×844), light, dark and Arabic. Builds the
// bundles first unless --no-build. The chat goes to the Sales button, whose agent (Grace H.) is played through the
// server's agent API, so every run shows the same conversation.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { chromium } from 'playwright';
import { buildBundles } from './build-bundles.mjs';
import { buildLocales } from './build-locales.mjs';
import { findChromium, CHROMIUM_ARGS, BROWSER_HINT } from './browser.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
// SHOTS_OUT, SHOTS_ONLY (a name) and SHOTS_SCALE (device pixel ratio) help when checking one up close.
const OUT = process.env.SHOTS_OUT ?? join(ROOT, 'docs/screenshots');
const SALES = '573DEMO00000002';

const LINES = {
  en: {
    title: 'Acme Support',
    agent: ["Hi Sam, I'm Grace. How can I help you today?", 'Let me look that up for you.'],
    visitor: ["My order #1042 hasn't arrived yet.", 'It was due on Monday.'],
    last: 'It left our warehouse yesterday and arrives tomorrow: https://track.example/1042',
  },
  ar: {
    title: 'دعم Acme',
    agent: ['مرحبًا سام، أنا Grace. كيف يمكنني مساعدتك اليوم؟', 'دعني أتحقق من ذلك.'],
    visitor: ['لم يصل طلبي رقم 1042 بعد.', 'كان من المفترض أن يصل يوم الاثنين.'],
    last: 'غادر المستودع أمس ويصل غدًا: https://track.example/1042',
  },
};

const SHOTS = [
  { name: 'desktop-light', viewport: { width: 1280, height: 800 }, scheme: 'light', lang: 'en' },
  { name: 'desktop-dark', viewport: { width: 1280, height: 800 }, scheme: 'dark', lang: 'en' },
  { name: 'desktop-ar', viewport: { width: 1280, height: 800 }, scheme: 'light', lang: 'ar' },
  { name: 'phone-light', viewport: { width: 390, height: 844 }, scheme: 'light', lang: 'en', mobile: true },
  { name: 'phone-dark', viewport: { width: 390, height: 844 }, scheme: 'dark', lang: 'en', mobile: true },
  { name: 'phone-ar', viewport: { width: 390, height: 844 }, scheme: 'light', lang: 'ar', mobile: true },
];

const api = async (base, method, path, body) => {
  const res = await fetch(base + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
  return res.json();
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(fn, what, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(100);
  }
}

if (!process.argv.includes('--no-build')) {
  await buildBundles();
  await buildLocales();
}
const executablePath = await findChromium();
if (!executablePath) throw new Error(BROWSER_HINT);
register();
const { startServer } = await import('../server/index.ts');
const server = await startServer({ port: 0, host: '127.0.0.1', demo: true, quiet: true });
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
mkdirSync(OUT, { recursive: true });
try {
  for (const shot of SHOTS.filter((s) => !process.env.SHOTS_ONLY || s.name === process.env.SHOTS_ONLY)) {
    const lines = LINES[shot.lang];
    const context = await browser.newContext({
      viewport: shot.viewport,
      deviceScaleFactor: Number(process.env.SHOTS_SCALE ?? 1),
      colorScheme: shot.scheme,
      isMobile: !!shot.mobile,
      hasTouch: !!shot.mobile,
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo/index.html?lang=${shot.lang}`);
    await page.waitForFunction(() => customElements.get('live-chat-transcript'), null, { timeout: 20000 }).catch(async () => {
      // The widget loads on intent: hover the launcher to bring it in.
      await page.hover('live-chat');
    });
    const before = new Set((await api(server.url, 'GET', '/api/state')).chats.map((c) => c.id));
    await page.evaluate(
      async ({ title, button }) => {
        const el = document.querySelector('live-chat');
        el.setAttribute('chat-title', title);
        await el.start({ visitorName: 'Sam', buttonId: button });
      },
      { title: lines.title, button: SALES },
    );
    const chat = await waitFor(async () => (await api(server.url, 'GET', '/api/state')).chats.find((c) => !before.has(c.id) && c.status === 'queued'), 'the chat in the queue');
    await api(server.url, 'POST', `/api/chats/${chat.id}/accept`, { agentId: '005DEMO00000002' });
    await page.waitForFunction(() => document.querySelector('live-chat').phase === 'active');
    const say = (text) => api(server.url, 'POST', `/api/chats/${chat.id}/messages`, { text });
    const count = (n) => page.waitForFunction((k) => document.querySelector('live-chat').transcript.length >= k, n);
    let n = (await page.evaluate(() => document.querySelector('live-chat').transcript.length));
    await say(lines.agent[0]);
    await count(++n);
    for (const text of lines.visitor) {
      await page.evaluate((t) => document.querySelector('live-chat').send(t), text);
      await count(++n);
    }
    await say(lines.agent[1]);
    await say(lines.last);
    await count((n += 2));
    await page.waitForFunction(() => document.querySelector('live-chat').transcript.every((e) => e.kind !== 'visitor' || e.status === 'sent'));
    await api(server.url, 'POST', `/api/chats/${chat.id}/typing`, { typing: true });
    await sleep(800); // typing indicator, fonts, pinned scroll settle
    await page.evaluate(() => document.activeElement?.blur?.());
    await page.screenshot({ path: join(OUT, `${shot.name}.png`) });
    console.log(join(OUT, `${shot.name}.png`));
    await context.close();
    await api(server.url, 'POST', `/api/chats/${chat.id}/end`); // frees Grace for the next one (capacity 3)
  }
} finally {
  await browser.close();
  await server.close();
}
