import { startBenchServer } from '../bench/harness/server.mjs';
import { launchBrowser, installHelpers } from '../bench/harness/browser.mjs';
import { sandboxQuery } from '../bench/harness/pages.mjs';
import { startTrace } from '../bench/harness/tasks.mjs';
const server = await startBenchServer();
const browser = await launchBrowser();
const sb = await server.api.sandbox();
for (let i = 0; i < 4; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const stop = await startTrace(cdp);
  await page.goto(`${server.url}/bench/live-chat.html?${sandboxQuery(sb)}`, { waitUntil: 'load' });
  await new Promise((r) => setTimeout(r, 2500));
  const ev = await stop();
  const mainIds = new Set(ev.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = ev.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mainIds.has(`${e.pid}:${e.tid}`));
  const rows = [];
  for (const t of tasks) {
    const inside = ev.filter((e) => e.ph === 'X' && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e !== t);
    const mine = inside.some((e) => String(e.args?.data?.url ?? e.args?.data?.fileName ?? '').includes('/dist/live-chat'));
    if (!mine && t.dur < 15000) continue;
    const kinds = {};
    for (const e of inside) if (e.dur > 1000) kinds[e.name] = Math.round(((kinds[e.name] ?? 0) + e.dur / 1000) * 10) / 10;
    rows.push({ mine, dur: Math.round(t.dur / 100) / 10, cpu: Math.round((t.tdur ?? 0) / 100) / 10, kinds });
  }
  const lc = tasks.filter((t) => ev.some((e) => e.ph === 'X' && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur && String(e.args?.data?.url ?? '').includes('/dist/live-chat')));
  const big = lc.sort((a, b) => b.dur - a.dur)[0];
  if (i === 3 && big) for (const e of ev.filter((e) => e.ph === 'X' && e.pid === big.pid && e.tid === big.tid && e.ts >= big.ts && e.ts + (e.dur ?? 0) <= big.ts + big.dur && e.dur > 700).sort((a, b) => a.ts - b.ts))
    console.log('   +', Math.round((e.ts - big.ts) / 100) / 10, e.name, Math.round(e.dur / 100) / 10, JSON.stringify(e.args?.data ?? e.args?.beginData ?? {}).slice(0, 200));
  console.log(`run ${i}:`);
  for (const r of rows) console.log(' ', r.mine ? 'LC ' : '   ', r.dur, 'ms wall', r.cpu, 'ms cpu', JSON.stringify(r.kinds));
  await context.close();
}
await sb.remove();
await browser.close();
await server.close();
