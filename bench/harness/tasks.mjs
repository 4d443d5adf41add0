// Main-thread tasks of a page from a CDP trace (the `RunTask` events of the renderer's main
// thread), and which of them ran a given script: a task ran it when a script event inside the
// task's time span (EvaluateScript, FunctionCall, v8.compile, …) names a URL containing `urlPart`.
// The longtask API only sees tasks of 50 ms and more; this sees every task.

/** Starts a trace on `cdp` (a page session); returns `stop()`, which resolves to the events. */
export async function startTrace(cdp) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'v8.compileModule', 'v8.evaluateModule', 'v8.run']);
const urlOf = (e) => String(e.args?.data?.url ?? e.args?.data?.fileName ?? e.args?.fileName ?? '');

/**
 * Tasks of the page's renderer main thread (the one that committed `pagePath`): the longest,
 * how many exceed `overMs`, and for the tasks that ran `urlPart`'s code, the same plus the
 * script time inside them (outermost script events of that file; the rest of such a task is
 * the page's own parsing, style and layout that happened to share it). All in ms.
 */
export function taskSummary(events, urlPart, pagePath = '/bench/', overMs = 20) {
  const names = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const page = new Set(events.filter((e) => names.has(`${e.pid}:${e.tid}`) && e.name === 'CommitLoad' && urlOf(e).includes(pagePath)).map((e) => `${e.pid}:${e.tid}`));
  const main = page.size ? page : names;
  const onMain = (e) => main.has(`${e.pid}:${e.tid}`);
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && onMain(e) && typeof e.dur === 'number');
  const scripts = urlPart ? events.filter((e) => e.ph === 'X' && onMain(e) && SCRIPT_EVENTS.has(e.name) && urlOf(e).includes(urlPart)) : [];
  const inside = (t, e) => e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + t.dur;
  const ms = (us) => us / 1000;
  const ours = [];
  for (const t of tasks) {
    const mine = scripts.filter((e) => inside(t, e)).sort((a, b) => a.ts - b.ts);
    if (!mine.length) continue;
    let scriptUs = 0;
    let scriptCpuUs = 0;
    let end = -Infinity;
    for (const e of mine) {
      if (e.ts >= end) {
        scriptUs += e.dur ?? 0; // outermost only: nested events are already inside this one
        scriptCpuUs += e.tdur ?? e.dur ?? 0;
        end = e.ts + (e.dur ?? 0);
      }
    }
    ours.push({ taskMs: ms(t.dur), cpuMs: ms(t.tdur ?? t.dur), scriptMs: ms(scriptUs), scriptCpuMs: ms(scriptCpuUs) });
  }
  const max = (xs) => xs.reduce((a, v) => Math.max(a, v), 0);
  // Blocking time (the part of a task over 50 ms) that the widget's own script adds: what the
  // task's blocking time would shrink by without it. The page's own parsing, style and layout
  // that share a task with it (a deferred script runs in the task that ends parsing) stay the page's.
  const blocking = (d) => Math.max(0, d - 50);
  return {
    tasks: tasks.length,
    longestMs: max(tasks.map((t) => ms(t.dur))),
    overThreshold: tasks.filter((t) => ms(t.dur) > overMs).length,
    widgetTasks: ours.length,
    widgetLongestMs: max(ours.map((o) => o.taskMs)),
    // Thread (CPU) time of the longest such task: what the task itself costs, less sensitive to a
    // busy machine than wall time (CPU throttling stretches wall time only: scale it by the rate).
    widgetLongestCpuMs: max(ours.map((o) => o.cpuMs)),
    widgetOverThreshold: ours.filter((o) => o.taskMs > overMs).length,
    widgetLongestScriptMs: max(ours.map((o) => o.scriptMs)),
    widgetScriptOverThreshold: ours.filter((o) => o.scriptMs > overMs).length,
    widgetScriptTotalMs: ours.reduce((a, o) => a + o.scriptMs, 0),
    widgetLongestScriptCpuMs: max(ours.map((o) => o.scriptCpuMs)),
    widgetBlockingMs: ours.reduce((a, o) => a + blocking(o.taskMs) - blocking(o.taskMs - o.scriptMs), 0),
    // Long tasks (over 50 ms) that would not be long without the widget's script.
    widgetMadeLong: ours.filter((o) => o.taskMs > 50 && o.taskMs - o.scriptMs <= 50).length,
    thresholdMs: overMs,
  };
}
