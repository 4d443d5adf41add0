// Section 7, open on intent: from the visitor's first pointer event on the launcher to the
// panel open, when the widget's code is only loaded on that intent. The pointer moves onto the
// launcher and clicks at once (no hover head start: the worst case for a loader that starts on
// pointerenter). "Open" is the first animation frame in which the panel has a box and its
// pre-chat form is rendered. Cold: a fresh browser context (empty HTTP cache). Warm: the same
// context reloaded (the widget from the HTTP cache; the page's own code cache too). 1× and 4×
// CPU through CDP. The page has a pre-chat form, so opening starts nothing and stores nothing.
import { installHelpers } from '../harness/browser.mjs';
import { sandboxQuery } from '../harness/pages.mjs';
import { round, sleep, summary } from '../harness/stats.mjs';

/** In the page: resolves to ms from the first pointer event on the launcher to the panel open. */
const ARM = `new Promise((resolve) => {
  const host = document.querySelector('live-chat');
  let t0 = null;
  const first = (e) => { if (t0 === null) t0 = e.timeStamp; };
  // On the host: the launcher's pointer events reach it (composed), before and after the handover.
  for (const type of ['pointerover', 'pointerdown']) host.addEventListener(type, first, { once: true });
  const open = () => {
    const panel = host.shadowRoot.querySelector('[part~="panel"]');
    const form = window.__deep(host.shadowRoot, '[part~="prechat-form"]');
    return panel && !panel.hidden && panel.getBoundingClientRect().height > 0 && form && form.getBoundingClientRect().height > 0;
  };
  const check = () => (t0 !== null && open() ? resolve(performance.now() - t0) : requestAnimationFrame(check));
  requestAnimationFrame(check);
})`;

async function openOnce(page, url, { reload }) {
  await page.mouse.move(0, 0); // away from the launcher: no hover before the measured intent
  if (reload) await page.reload({ waitUntil: 'load' });
  else await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('live-chat')?.shadowRoot?.querySelector('[part~="launcher"]'), null, { timeout: 30_000 });
  await sleep(1200); // the page has settled (presence check done); the visitor arrives
  const widgetBefore = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('live-chat.widget.js')).length);
  const result = page.evaluate(ARM);
  const box = await page.evaluate(() => {
    const r = document.querySelector('live-chat').shadowRoot.querySelector('[part~="launcher"]').getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  await page.mouse.down();
  await page.mouse.up();
  // Not open after 60 s: recorded as such (a figure of its own), not as a time.
  const ms = await Promise.race([result, sleep(60_000).then(() => null)]);
  const transfer = await page.evaluate(() => {
    const e = performance.getEntriesByType('resource').find((x) => x.name.includes('live-chat.widget.js'));
    return e ? { transferSize: e.transferSize, durationMs: e.duration } : null;
  });
  return { ms, widgetBefore, fromCache: transfer ? transfer.transferSize === 0 : null, widgetFetchMs: transfer?.durationMs ?? null };
}

export async function runOpen({ browser, server, quick, log }) {
  const runs = quick ? 3 : 8;
  const sb = await server.api.sandbox();
  const url = `${server.url}/bench/live-chat.html?${sandboxQuery(sb)}&prechat=1`;
  const result = { runs, rows: [] };
  try {
    for (const throttle of [1, 4]) {
      const cold = [];
      const warm = [];
      let loadedBeforeIntent = 0;
      let warmFromCache = 0;
      const fetchMs = [];
      const notOpened = { cold: 0, warm: 0 };
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext();
        await installHelpers(context);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        const c = await openOnce(page, url, { reload: false });
        const w = await openOnce(page, url, { reload: true });
        await context.close();
        if (c.ms === null) notOpened.cold++;
        else cold.push(c.ms);
        if (w.ms === null) notOpened.warm++;
        else warm.push(w.ms);
        if (c.widgetFetchMs !== null) fetchMs.push(c.widgetFetchMs);
        loadedBeforeIntent += c.widgetBefore + w.widgetBefore;
        if (w.fromCache) warmFromCache++;
      }
      const row = {
        cpuThrottling: throttle,
        coldMs: summary(cold, 1),
        warmMs: summary(warm, 1),
        coldWidgetFetchMs: summary(fetchMs, 1),
        warmFromHttpCache: `${warmFromCache}/${runs}`,
        widgetLoadedBeforeIntent: loadedBeforeIntent,
        notOpenedIn60s: notOpened,
      };
      result.rows.push(row);
      log(`  ${throttle}× CPU: pointer → panel open p50 cold ${round(row.coldMs.p50, 0)} ms, warm ${round(row.warmMs.p50, 0)} ms`);
    }
  } finally {
    await sb.remove();
  }
  return result;
}
