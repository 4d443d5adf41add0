// Section 4, transcript scale: the cost of appending one agent message when the transcript
// already holds 100, 1,000 and 10,000 messages (filled with bursts from the agent API), the JS
// heap after GC at each size, and the time to restore a 1,000-message transcript after a
// reload. Per append: end to end (agent API call → entry in the DOM), the client's own step
// (the poll response's last byte → entry in the DOM, from Resource Timing) and the main
// thread's busy time over a fixed window that includes the debounced sessionStorage write.
// At 100 and 10,000 the appends are measured again with a second tab of the same chat open
// (the leader shares its state with other tabs over BroadcastChannel).
import { installHelpers, startChat, watchArrivals, observeArrivals, clockOffset, nowMs, waitFor } from '../harness/browser.mjs';
import { sandboxQuery } from '../harness/pages.mjs';
import { median, ratio, round, sleep, summary } from '../harness/stats.mjs';
import { startProfile, stopProfile } from '../harness/profile.mjs';
import { ROOT } from '../harness/server.mjs';

const MAP = `${ROOT}/dist/live-chat.widget.js.map`;
const PROFILED_APPENDS = 5;

const WINDOW_MS = 600;
/** CDP Performance metrics (seconds) split out of the main thread's busy time. */
const BREAKDOWN = ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];
const KEY_RE = /(scale-\d+-\w+-\d+)\b/;

/** Runs in every document: large Resource Timing buffer, restore probe for reloads. */
const PROBE = `(() => {
  try { performance.setResourceTimingBufferSize(100000); } catch {}
  const want = Number(sessionStorage.getItem('__bench_restore') || 0);
  if (!want) return;
  window.__restore = { want, at: null };
  const check = () => {
    if (window.__entries && window.__entries() >= want) { window.__restore.at = performance.now(); return; }
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

const entries = (page) => page.evaluate(() => window.__entries());

export async function runScale({ browser, server, quick, log }) {
  const sizes = [100, 1000, 10000];
  const appends = quick ? 8 : 15;
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
    await watchArrivals(page, KEY_RE, (key, t) => {
      arrivals.set(key, t);
      waiters.get(key)?.();
    });
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

    /** `appends` single messages; main-thread time of the leader (and of `other`, a second tab). */
    const measureAppends = async (label, other) => {
      const { offset } = await clockOffset(page);
      const e2e = [];
      const client = [];
      const busy = [];
      const otherBusy = [];
      const parts = Object.fromEntries(BREAKDOWN.map((k) => [k, []]));
      for (let i = 0; i < appends; i++) {
        const key = `scale-${label}-${i}`;
        const wait = arrived(key);
        const before = await metrics(cdp);
        const otherBefore = other && (await metrics(other));
        const t0 = nowMs();
        await sb.message(chatId, `${key} one more message`);
        await wait;
        const rest = WINDOW_MS - (nowMs() - t0);
        if (rest > 0) await sleep(rest);
        const after = await metrics(cdp);
        if (other) otherBusy.push(((await metrics(other)).TaskDuration - otherBefore.TaskDuration) * 1000);
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
      return {
        endToEndMs: summary(e2e, 2),
        clientStepMs: summary(client, 2),
        mainThreadPerAppendMs: summary(busy, 2),
        breakdownMedianMs: Object.fromEntries(BREAKDOWN.map((k) => [k, round(median(parts[k]), 2)])),
        ...(other ? { secondTabMainThreadPerAppendMs: summary(otherBusy, 2) } : {}),
      };
    };

    /** A few appends under the sampling profiler (of the leader, and of `other` if given). */
    const profiledAppends = async (label, other) => {
      await startProfile(cdp);
      if (other) await startProfile(other);
      for (let i = 0; i < PROFILED_APPENDS; i++) {
        const key = `scale-${label}-${i}`;
        const wait = arrived(key);
        await sb.message(chatId, `${key} one more message`);
        await wait;
        await sleep(WINDOW_MS);
      }
      const mine = await stopProfile(cdp, { mapPath: MAP, bundle: 'live-chat.widget.js' });
      return other ? { leader: mine, secondTab: await stopProfile(other, { mapPath: MAP, bundle: 'live-chat.widget.js' }) } : mine;
    };

    /** The same appends with a second tab of the chat open (it follows over BroadcastChannel). */
    const withSecondTab = async (size, want) => {
      const follower = await context.newPage();
      try {
        await follower.goto(page.url());
        await waitFor(async () => (await entries(follower).catch(() => 0)) >= want, 60_000, 'the second tab to show the transcript', 100);
        const fcdp = await context.newCDPSession(follower);
        await fcdp.send('Performance.enable');
        await sleep(1000);
        const measured = await measureAppends(`${size}-tabs`, fcdp);
        if (size === sizes[sizes.length - 1]) measured.profile = await profiledAppends(`${size}-tabsprof`, fcdp);
        return measured;
      } finally {
        await follower.close();
        await sleep(500);
      }
    };

    const rows = [];
    let restore = null;
    for (const size of sizes) {
      const have = await fillTo(size);
      await sleep(1000); // debounced save and any follow-up work settle
      const heapBytes = await heap(cdp);
      const idle = [];
      for (let i = 0; i < 3; i++) {
        const a = await metrics(cdp);
        await sleep(WINDOW_MS);
        const b = await metrics(cdp);
        idle.push((b.TaskDuration - a.TaskDuration) * 1000);
      }
      const one = await measureAppends(`${size}-one`);
      const row = {
        size,
        entriesInDom: have,
        heapBytes,
        domNodes: (await metrics(cdp)).Nodes,
        idleMainThreadPerWindowMs: round(median(idle), 2),
        ...one,
      };
      log(`  ${size}: e2e p50 ${row.endToEndMs.p50} ms, client step p50 ${row.clientStepMs.p50} ms, main thread ${row.mainThreadPerAppendMs.p50} ms/append ${JSON.stringify(row.breakdownMedianMs)}, heap ${(heapBytes / 1e6).toFixed(1)} MB`);
      if (size === sizes[sizes.length - 1]) row.profile = await profiledAppends(`${size}-prof`);
      if (size !== 1000) {
        row.twoTabs = await withSecondTab(size, have);
        log(`  ${size} with a second tab: leader ${row.twoTabs.mainThreadPerAppendMs.p50} ms/append, second tab ${row.twoTabs.secondTabMainThreadPerAppendMs.p50} ms/append`);
      }
      rows.push(row);

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
        await observeArrivals(page, KEY_RE);
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
      scriptPerAppend: ratio(last.breakdownMedianMs.ScriptDuration, first.breakdownMedianMs.ScriptDuration),
      heap: ratio(last.heapBytes, first.heapBytes),
      twoTabsLeaderMainThread: ratio(last.twoTabs?.mainThreadPerAppendMs.p50, first.twoTabs?.mainThreadPerAppendMs.p50),
      twoTabsSecondTabMainThread: ratio(last.twoTabs?.secondTabMainThreadPerAppendMs.p50, first.twoTabs?.secondTabMainThreadPerAppendMs.p50),
    };
    log(`  10,000/100: e2e ${ratios.endToEnd}, client step ${ratios.clientStep}, main thread ${ratios.mainThreadPerAppend}`);
    return { appendsPerSize: appends, profiledAppends: PROFILED_APPENDS, windowMs: WINDOW_MS, rows, restore, ratio10000to100: ratios };
  } finally {
    await context.close();
    await sb.remove();
  }
}
