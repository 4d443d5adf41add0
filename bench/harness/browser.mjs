// Headless Chromium for the benchmarks (Playwright + CDP), and the in-page helpers every
// section uses: finding elements through shadow roots, the clock offset between this
// process and a page, and starting a chat through <live-chat>'s public API.
// Owns: browser lifecycle and page plumbing. Leaves the measurements to bench/sections/.
import { chromium } from 'playwright';
import { findChromium, CHROMIUM_ARGS, BROWSER_HINT } from '../../scripts/browser.mjs';
import { sleep } from './stats.mjs';

export async function launchBrowser() {
  const executablePath = await findChromium();
  if (!executablePath) throw new Error(BROWSER_HINT);
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  return browser;
}

/** Node's clock on the same scale as a page's `performance.timeOrigin + performance.now()`. */
export const nowMs = () => performance.timeOrigin + performance.now();

/**
 * Offset (page clock − node clock, ms) and its uncertainty (half the best round trip),
 * from several samples; both clocks read the same system clock on this machine.
 */
export async function clockOffset(page, samples = 15) {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < samples; i++) {
    const a = nowMs();
    const t = await page.evaluate(() => performance.timeOrigin + performance.now());
    const b = nowMs();
    if (b - a < best.rtt) best = { rtt: b - a, offset: t - (a + b) / 2 };
  }
  return { offset: best.offset, uncertainty: best.rtt / 2 };
}

/** In-page source of `deep(root, selector)`: querySelector that also looks inside open shadow roots. */
export const DEEP_QUERY = `
  function deepAll(root, selector, out = []) {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(selector)) out.push(el);
      if (el.shadowRoot) deepAll(el.shadowRoot, selector, out);
    }
    return out;
  }
  function deep(root, selector) {
    const direct = root.querySelector(selector);
    if (direct) return direct;
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) {
        const hit = deep(el.shadowRoot, selector);
        if (hit) return hit;
      }
    }
    return null;
  }`;

/** Installs DEEP_QUERY as window.__deep / window.__deepAll in every document of the context. */
export async function installHelpers(context) {
  await context.addInitScript(`${DEEP_QUERY}; window.__deep = deep; window.__deepAll = deepAll;
    window.__entries = () => {
      const log = deep(document, '[part~="transcript"]');
      return log ? log.getRootNode().querySelectorAll('[part~="message"]').length : 0;
    };`);
}

/**
 * Opens the live-chat page on `sb`, starts a chat through the public API (open() + start()),
 * accepts it as the sandbox's first agent and waits for phase `active`. Returns the chat id.
 */
export async function startChat(page, baseUrl, sb, query, { agentId, timeoutMs = 30_000 } = {}) {
  await page.goto(`${baseUrl}/bench/live-chat.html?${query}`);
  await page.waitForFunction(() => customElements.get('live-chat') && document.querySelector('live-chat'), null, { timeout: timeoutMs });
  await page.evaluate(async () => {
    const el = document.querySelector('live-chat');
    await el.updateComplete;
    await el.start();
  });
  const id = await waitFor(async () => {
    const st = await sb.state();
    return st.chats?.find((c) => c.status === 'queued' || c.status === 'active')?.id;
  }, timeoutMs, 'the chat to reach the server');
  await sb.accept(id, agentId);
  await page.waitForFunction(() => document.querySelector('live-chat').phase === 'active', null, { timeout: timeoutMs });
  return id;
}

/**
 * Watches the transcript (the shadow root holding the `part="transcript"` element inside <live-chat>)
 * and calls `onArrive(key, time)` for each new `part~="message"` entry whose text matches
 * `pattern` (first capture group = key), with the page-clock time of the DOM insertion.
 */
export async function watchArrivals(page, pattern, onArrive) {
  await page.exposeFunction('__arrived', onArrive);
  await observeArrivals(page, pattern);
}

/** (Re-)attaches the observer of watchArrivals, e.g. after a reload (the exposed function stays). */
export async function observeArrivals(page, pattern) {
  await page.evaluate((source) => {
    const re = new RegExp(source);
    const log = window.__deep(document, '[part~="transcript"]');
    if (!log) throw new Error('no transcript log in <live-chat>');
    const root = log.getRootNode();
    new MutationObserver((records) => {
      const t = performance.timeOrigin + performance.now();
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          const items = n.matches('[part~="message"]') ? [n] : n.querySelectorAll('[part~="message"]');
          for (const item of items) {
            const m = re.exec(item.textContent);
            if (m) window.__arrived(m[1], t);
          }
        }
      }
    }).observe(root, { childList: true, subtree: true });
  }, pattern.source);
}

/** Polls `fn` (async) until it returns a truthy value; throws after `timeoutMs`. */
export async function waitFor(fn, timeoutMs, what, intervalMs = 25) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
