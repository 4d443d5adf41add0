// Section 2, host-page cost: the same article page blank, with live-chat's script tag and
// element, and with deep-chat, loaded with the CPU throttled 4× (a mid-range phone). Script
// time and task time come from CDP Performance.getMetrics, long tasks from a PerformanceObserver
// installed before any page script, "widget visible" from a requestAnimationFrame check; then a
// few traced loads for every main-thread task and the ones that ran each widget's code.
import { installHelpers } from '../harness/browser.mjs';
import { sandboxQuery } from '../harness/pages.mjs';
import { median, ratio, round, sleep } from '../harness/stats.mjs';
import { startProfile, stopProfile } from '../harness/profile.mjs';
import { startTrace, taskSummary } from '../harness/tasks.mjs';
import { ROOT } from '../harness/server.mjs';

/** Runs before page scripts: collects long tasks, paint timing and when the widget shows. */
const PROBE = `(() => {
  const probe = (window.__probe = { longtasks: [], visibleAt: null, fcp: null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') probe.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const visible = (el) => { if (!el) return false; const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const check = () => {
    const lc = document.querySelector('live-chat');
    const dc = document.querySelector('deep-chat');
    if (!lc && !dc && document.readyState !== 'loading') return; // blank page: nothing to wait for
    const target = lc ? lc.shadowRoot && lc.shadowRoot.querySelector('[part~="launcher"]')
      : dc ? dc.shadowRoot && dc.shadowRoot.querySelector('#text-input-container, #input') : null;
    // Said on the console (read by the bench through CDP's own channel): waiting with
    // page.waitForFunction would run Playwright's injected script in the page and count as its script time.
    if (visible(target)) { probe.visibleAt = performance.now(); console.debug('__probe_visible'); return; }
    if (performance.now() < 30000) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

const METRICS = ['ScriptDuration', 'TaskDuration', 'LayoutDuration', 'RecalcStyleDuration', 'JSHeapUsedSize'];

async function once(browser, url, { throttle, waitVisible, profiled = false, traced = null }) {
  const context = await browser.newContext();
  await installHelpers(context);
  // Traced loads run no probe: its checks touch the page's elements, and the first script to touch
  // an element pays the page's one-time cost of element wrappers, which would move it off the widget.
  const probing = traced === null;
  if (probing) await context.addInitScript(PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  if (profiled) await startProfile(cdp);
  const stopTrace = traced !== null ? await startTrace(cdp) : null;
  const shown = probing && waitVisible ? page.waitForEvent('console', { predicate: (m) => m.text() === '__probe_visible', timeout: 60_000 }) : null;
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await shown;
  await sleep(probing ? 750 : 1500); // let post-load work (presence check, deferred rendering) finish
  const profile = profiled ? await stopProfile(cdp, { mapPath: `${ROOT}/dist/live-chat.iife.js.map`, bundle: 'live-chat.iife.js' }) : undefined;
  const tasks = stopTrace ? taskSummary(await stopTrace(), traced) : undefined;
  if (!probing) {
    await context.close();
    return { tasks };
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.filter((x) => METRICS.includes(x.name)).map((x) => [x.name, x.value]));
  const probe = await page.evaluate(() => window.__probe);
  await context.close();
  const tbt = probe.longtasks.reduce((a, t) => a + Math.max(0, t.duration - 50), 0);
  return {
    scriptMs: m.ScriptDuration * 1000,
    taskMs: m.TaskDuration * 1000,
    layoutStyleMs: (m.LayoutDuration + m.RecalcStyleDuration) * 1000,
    heapBytes: m.JSHeapUsedSize,
    longTasks: probe.longtasks.length,
    longestTaskMs: probe.longtasks.reduce((a, t) => Math.max(a, t.duration), 0),
    tbtMs: tbt,
    fcpMs: probe.fcp,
    visibleMs: probe.visibleAt,
    ...(profile ? { profile } : {}),
    ...(tasks ? { tasks } : {}),
  };
}

export async function runHostCost({ browser, server, quick, log }) {
  const runs = quick ? 5 : 15;
  const throttle = 4;
  const sb = await server.api.sandbox();
  const pages = {
    blank: { url: `${server.url}/bench/blank.html`, waitVisible: false },
    // The README's tag (`async`), and the same loader with `defer`, which runs it inside the task that ends the page's parsing.
    'live-chat': { url: `${server.url}/bench/live-chat.html?${sandboxQuery(sb)}`, waitVisible: true },
    'live-chat-defer': { url: `${server.url}/bench/live-chat.html?${sandboxQuery(sb)}&script=defer`, waitVisible: true },
    'deep-chat': { url: `${server.url}/bench/deep-chat.html`, waitVisible: true },
  };
  const names = Object.keys(pages);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  // one warm-up of each (disk cache of the OS, V8 code cache is per context so stays cold)
  for (const n of names) await once(browser, pages[n].url, { throttle, waitVisible: pages[n].waitVisible });
  for (let i = 0; i < runs; i++) {
    // rotate the order so no page always runs first or last
    for (let j = 0; j < names.length; j++) {
      const n = names[(i + j) % names.length];
      samples[n].push(await once(browser, pages[n].url, { throttle, waitVisible: pages[n].waitVisible }));
    }
  }
  // one more live-chat load under the sampling profiler: where its main-thread time goes
  const { profile } = await once(browser, pages['live-chat'].url, { throttle, waitVisible: true, profiled: true });
  // Every main-thread task, from traced loads (the longtask API only sees tasks ≥ 50 ms): is any
  // task that runs the widget's code longer than 20 ms before the visitor's intent?
  const traceRuns = quick ? 3 : 9;
  const traced = Object.fromEntries(names.map((n) => [n, []]));
  const scriptOf = { blank: null, 'live-chat': '/dist/live-chat', 'live-chat-defer': '/dist/live-chat', 'deep-chat': 'deepChat.bundle.js' };
  for (let i = 0; i < traceRuns; i++) {
    for (const n of names) traced[n].push((await once(browser, pages[n].url, { throttle, waitVisible: pages[n].waitVisible, traced: scriptOf[n] ?? '' })).tasks);
  }
  await sb.remove();
  const tasks = Object.fromEntries(
    names.map((n) => [
      n,
      {
        runs: traceRuns,
        longestTaskMs: round(median(traced[n].map((t) => t.longestMs)), 1),
        tasksOver20: round(median(traced[n].map((t) => t.overThreshold)), 1),
        widgetLongestTaskMsMedian: round(median(traced[n].map((t) => t.widgetLongestMs)), 1),
        widgetLongestTaskMsMax: round(Math.max(...traced[n].map((t) => t.widgetLongestMs)), 1),
        widgetLongestTaskCpuMsMedian: round(median(traced[n].map((t) => t.widgetLongestCpuMs)), 1),
        widgetLongestTaskCpuMsMax: round(Math.max(...traced[n].map((t) => t.widgetLongestCpuMs)), 1),
        widgetTasksOver20Max: Math.max(...traced[n].map((t) => t.widgetOverThreshold)),
        widgetLongestScriptMsMedian: round(median(traced[n].map((t) => t.widgetLongestScriptMs)), 1),
        widgetLongestScriptMsMax: round(Math.max(...traced[n].map((t) => t.widgetLongestScriptMs)), 1),
        widgetScriptOver20Max: Math.max(...traced[n].map((t) => t.widgetScriptOverThreshold)),
        widgetScriptTimeMs: round(median(traced[n].map((t) => t.widgetScriptTotalMs)), 1),
        widgetLongestScriptCpuMsMedian: round(median(traced[n].map((t) => t.widgetLongestScriptCpuMs)), 1),
        widgetLongestScriptCpuMsMax: round(Math.max(...traced[n].map((t) => t.widgetLongestScriptCpuMs)), 1),
        widgetBlockingMsMedian: round(median(traced[n].map((t) => t.widgetBlockingMs)), 1),
        widgetBlockingMsMax: round(Math.max(...traced[n].map((t) => t.widgetBlockingMs)), 1),
        widgetMadeLongMax: Math.max(...traced[n].map((t) => t.widgetMadeLong)),
      },
    ]),
  );
  const t = tasks['live-chat'];
  log(`  traced (max of ${traceRuns}): live-chat's longest task with its code ${t.widgetLongestTaskMsMax} ms (thread time ${t.widgetLongestTaskCpuMsMax} ms), of which its script ${t.widgetLongestScriptMsMax} ms (thread time ${t.widgetLongestScriptCpuMsMax} ms; median ${t.widgetLongestScriptMsMedian} / ${t.widgetLongestScriptCpuMsMedian} ms); script slices over 20 ms: ${t.widgetScriptOver20Max}; blocking time its script adds: median ${t.widgetBlockingMsMedian} ms, max ${t.widgetBlockingMsMax} ms; long tasks it made: ${t.widgetMadeLongMax}; deep-chat's longest script slice ${tasks['deep-chat'].widgetLongestScriptMsMax} ms, blocking time ${tasks['deep-chat'].widgetBlockingMsMedian} ms`);
  const td = tasks['live-chat-defer'];
  log(`  with defer: longest script slice median ${td.widgetLongestScriptMsMedian} ms (thread ${td.widgetLongestScriptCpuMsMedian} ms), max ${td.widgetLongestScriptMsMax} ms; blocking time its script adds: median ${td.widgetBlockingMsMedian} ms, max ${td.widgetBlockingMsMax} ms`);
  const keys = ['scriptMs', 'taskMs', 'layoutStyleMs', 'tbtMs', 'longTasks', 'longestTaskMs', 'fcpMs', 'visibleMs', 'heapBytes'];
  const medians = {};
  for (const n of names) medians[n] = Object.fromEntries(keys.map((k) => [k, round(median(samples[n].map((s) => s[k])), 1)]));
  const diff = {};
  for (const n of names.slice(1)) {
    diff[n] = {
      scriptMs: round(medians[n].scriptMs - medians.blank.scriptMs, 1),
      taskMs: round(medians[n].taskMs - medians.blank.taskMs, 1),
      layoutStyleMs: round(medians[n].layoutStyleMs - medians.blank.layoutStyleMs, 1),
      tbtMs: round(medians[n].tbtMs - medians.blank.tbtMs, 1),
      longTasks: round(medians[n].longTasks - medians.blank.longTasks, 1),
      longestTaskMs: round(medians[n].longestTaskMs - medians.blank.longestTaskMs, 1),
      visibleAfterBlankFcpMs: round(medians[n].visibleMs - medians.blank.fcpMs, 1),
      heapBytes: round(medians[n].heapBytes - medians.blank.heapBytes, 0),
    };
  }
  const ratios = {
    scriptMs: ratio(diff['deep-chat'].scriptMs, diff['live-chat'].scriptMs),
    taskMs: ratio(diff['deep-chat'].taskMs, diff['live-chat'].taskMs),
    visibleMs: ratio(medians['deep-chat'].visibleMs, medians['live-chat'].visibleMs),
    heapBytes: ratio(diff['deep-chat'].heapBytes, diff['live-chat'].heapBytes),
  };
  log(`  live-chat +${diff['live-chat'].scriptMs} ms script, +${diff['live-chat'].tbtMs} ms TBT, visible at ${medians['live-chat'].visibleMs} ms; deep-chat +${diff['deep-chat'].scriptMs} ms script, +${diff['deep-chat'].tbtMs} ms TBT, visible at ${medians['deep-chat'].visibleMs} ms`);
  return { runs, cpuThrottling: throttle, liveChatProfile: profile, medians, diffFromBlank: diff, ratioDeepChatToLiveChat: ratios, tasks, samples };
}
