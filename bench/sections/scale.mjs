// Section 4, transcript scale: the cost of appending one agent message when the transcript
// already holds 100, 1,000 and 10,000 messages (filled with bursts from the agent API), the JS
// heap after GC at each size, and the time to restore a 1,000-message transcript after a
// reload. Per append: end to end (agent API call → entry in the DOM), the client's own step
// (the poll response's last byte → entry in the DOM, from Resource Timing) and the main
// thread's busy time over a fixed window that includes the debounced sessionStorage write.
import { installHelpers, startChat, watchArrivals, clockOffset, nowMs, waitFor } from '../lib/browser.mjs';
import { sandboxQuery } from '../lib/pages.mjs';
import { median, ratio, round, sleep, summary } from '../lib/stats.mjs';

const WINDOW_MS = 700;
/** CDP Performance metrics (seconds) split out of the main thread's busy time. */
const BREAKDOWN = ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];

/** Runs in every document: large Resource Timing buffer, restore probe for reloads. */
const PROBE = `(() => {
  try { performance.setResourceTimingBufferSize(100000); } catch {}
  const want = Number(sessionStorage.getItem('__bench_restore') || 0);
  if (!want) return;
  window.__restore = { want, at: null };
  const check = () => {
    const log = window.__deep && window.__deep(document, '[role="log"]');
    if (log && log.childElementCount >= want) { window.__restore.at = performance.now(); return; }
    if (performance.now() < 60000) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function heap(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

const entries = (page) => page.evaluate(() => window.__deep(document, '[role="log"]')?.childElementCount ?? 0);

export async function runScale({ browser, server, quick, log }) {
  const sizes = [100, 1000, 10000];
  const appends = quick ? 8 : 25;
  const reloads = quick ? 2 : 5;

  const sb = await server.api.sandbox();
  const context = await browser.newContext();
  await installHelpers(context);
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  try {
    const chatId = await startChat(page, server.url, sb, sandboxQuery(sb));
    let cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const arrivals = new Map();
    const waiters = new Map();
    const onArrive = (key, t) => {
      arrivals.set(key, t);
      waiters.get(key)?.();
    };
    await watchArrivals(page, /(scale-\d+-\d+)\b/, onArrive);
    const arrived = (key) =>
      new Promise((done, fail) => {
        if (arrivals.has(key)) return done();
        const timer = setTimeout(() => fail(new Error(`${key} never reached the transcript DOM`)), 30_000);
        waiters.set(key, () => {
          clearTimeout(timer);
          done();
        });
      });

    let burst = 0;
    const fillTo = async (target) => {
      for (;;) {
        const have = await entries(page);
        if (have >= target) return have;
        const n = Math.min(1000, target - have);
        await sb.message(chatId, `fill-${burst++}`, n);
        await waitFor(async () => (await entries(page)) >= have + n, 60_000, `a burst of ${n} to render`, 50);
      }
    };

    const rows = [];
    let restore = null;
    for (const size of sizes) {
      const have = await fillTo(size);
      await sleep(1000); // debounced save and any follow-up work settle
      const heapBytes = await heap(cdp);
      const { offset } = await clockOffset(page);
      // idle baseline: main-thread time over the same window with nothing arriving
      const idle = [];
      for (let i = 0; i < 3; i++) {
        const a = await metrics(cdp);
        await sleep(WINDOW_MS);
        const b = await metrics(cdp);
        idle.push((b.TaskDuration - a.TaskDuration) * 1000);
      }
      const e2e = [];
      const client = [];
      const busy = [];
      const parts = Object.fromEntries(BREAKDOWN.map((k) => [k, []]));
      for (let i = 0; i < appends; i++) {
        const key = `scale-${size}-${i}`;
        const wait = arrived(key);
        const before = await metrics(cdp);
        const t0 = nowMs();
        await sb.message(chatId, `${key} one more message`);
        await wait;
        const rest = WINDOW_MS - (nowMs() - t0);
        if (rest > 0) await sleep(rest);
        const after = await metrics(cdp);
        const at = arrivals.get(key);
        e2e.push(at - offset - t0);
        busy.push((after.TaskDuration - before.TaskDuration) * 1000);
        for (const k of BREAKDOWN) parts[k].push((after[k] - before[k]) * 1000);
        client.push(
          await page.evaluate((domTime) => {
            const t = domTime - performance.timeOrigin;
            let best = -Infinity;
            for (const r of performance.getEntriesByType('resource')) {
              if (r.name.includes('/System/Messages') && r.responseEnd <= t && r.responseEnd > best) best = r.responseEnd;
            }
            return best > 0 ? t - best : NaN;
          }, at),
        );
        await sleep(100);
      }
      const domNodes = (await metrics(cdp)).Nodes;
      const row = {
        size,
        entriesInDom: have,
        heapBytes,
        domNodes,
        endToEndMs: summary(e2e, 2),
        clientStepMs: summary(client, 2),
        mainThreadPerAppendMs: summary(busy, 2),
        breakdownMedianMs: Object.fromEntries(BREAKDOWN.map((k) => [k, round(median(parts[k]), 2)])),
        idleMainThreadPerWindowMs: round(median(idle), 2),
      };
      rows.push(row);
      log(`  ${size}: e2e p50 ${row.endToEndMs.p50} ms, client step p50 ${row.clientStepMs.p50} ms, main thread ${row.mainThreadPerAppendMs.p50} ms/append ${JSON.stringify(row.breakdownMedianMs)}, heap ${(heapBytes / 1e6).toFixed(1)} MB`);

      if (size === 1000) {
        // reload with 1,000+ entries: navigation start → the last entry in the DOM
        const want = await entries(page);
        const times = [];
        await page.evaluate((n) => sessionStorage.setItem('__bench_restore', String(n)), want);
        for (let r = 0; r < reloads; r++) {
          await sleep(500);
          await page.reload({ waitUntil: 'load' });
          await page.waitForFunction(() => window.__restore && window.__restore.at !== null, null, { timeout: 60_000, polling: 100 });
          times.push(await page.evaluate(() => window.__restore.at));
        }
        await page.evaluate(() => sessionStorage.removeItem('__bench_restore'));
        await page.waitForFunction(() => document.querySelector('live-chat').phase === 'active', null, { timeout: 30_000 });
        await watchArrivals(page, /(scale-\d+-\d+)\b/, onArrive).catch(async (e) => {
          if (!String(e).includes('already registered')) throw e;
          await page.evaluate(() => {
            const log = window.__deep(document, '[role="log"]');
            new MutationObserver((records) => {
              const t = performance.timeOrigin + performance.now();
              for (const rec of records) for (const n of rec.addedNodes) {
                const m = n.nodeType === 1 && /(scale-\d+-\d+)\b/.exec(n.textContent);
                if (m) window.__arrived(m[1], t);
              }
            }).observe(log, { childList: true });
          });
        });
        cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        restore = { entries: want, reloads, navigationToLastEntryMs: summary(times, 1) };
        log(`  restore ${want} entries after reload: p50 ${restore.navigationToLastEntryMs.p50} ms`);
      }
    }
    const first = rows[0];
    const last = rows[rows.length - 1];
    const ratios = {
      endToEnd: ratio(last.endToEndMs.p50, first.endToEndMs.p50),
      clientStep: ratio(last.clientStepMs.p50, first.clientStepMs.p50),
      mainThreadPerAppend: ratio(last.mainThreadPerAppendMs.p50, first.mainThreadPerAppendMs.p50),
      heap: ratio(last.heapBytes, first.heapBytes),
    };
    log(`  10,000/100: e2e ${ratios.endToEnd}, client step ${ratios.clientStep}, main thread ${ratios.mainThreadPerAppend}`);
    return { appendsPerSize: appends, windowMs: WINDOW_MS, rows, restore, ratio10000to100: ratios };
  } finally {
    await context.close();
    await sb.remove();
  }
}
