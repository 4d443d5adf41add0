// Renders BENCHMARKS.md from bench/results.json (the object scripts/bench.mjs writes).
// Owns the wording and layout of the report; every figure comes from the results object.
import { LOADER_BUDGET, WIDGET_BUDGET } from '../scripts/size.mjs';

const fmt = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v) ? '–' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ms = (v) => (v === null || v === undefined ? '–' : `${fmt(v, v < 10 ? 1 : 0)} ms`);
const signed = (v) => (v === null || v === undefined ? '–' : `${v >= 0 ? '+' : '−'}${fmt(Math.abs(v), Math.abs(v) < 10 ? 1 : 0)} ms`);
const x = (v) => (v === null || v === undefined ? '–' : `${fmt(v, 2)}×`);
const mb = (b) => (b === null || b === undefined ? '–' : `${fmt(b / 1e6, 2)} MB`);
const kb = (b) => (b === null || b === undefined ? '–' : `${fmt(b / 1000, 1)} kB`);
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function failed(r, key) {
  return r.errors?.[key] ? `**Not measured in this run** — the section failed:\n\n\`\`\`\n${r.errors[key]}\n\`\`\`\n` : '_Not run._\n';
}

function quickNote(s) {
  return s?.quick ? '\n_Run with `--quick` (fewer repetitions): indicative only._\n' : '';
}

/** A file row by name (results before the loader had one `live-chat` file). */
const file = (s, name) => s.files.find((f) => f.name === name);

function weight(r) {
  const s = r.sections.weight;
  if (!s) return failed(r, 'weight');
  const files = table(
    ['file', 'loaded', 'raw', 'gzip -9', 'brotli 11', 'brotli vs live-chat loader'],
    s.files.map((f, i) => [`${f.name} \`${f.file}\``, f.when ?? '', kb(f.raw), kb(f.gzip), kb(f.brotli), i === 0 ? '1×' : x(f.ratio.brotli)]),
  );
  const pages = ['live-chat', 'deep-chat'].map((n) => {
    const p = s.beforeInteraction[n];
    return [n, fmt(p.totals.requests), kb(p.totals.raw), kb(p.totals.gzip), kb(p.totals.brotli), kb(p.assets.brotli), n === 'live-chat' ? '1×' : x(s.beforeInteraction.ratio.assetsBrotli)];
  });
  const list = s.beforeInteraction['live-chat'].requests.map((q) => `\`${q.method} ${q.path}\` (${q.type}, ${fmt(q.raw)} B raw, ${fmt(q.brotli)} B brotli)`);
  const lazy = s.lazy['live-chat'];
  const whole = s.liveChatWhole;
  const dc = file(s, 'deep-chat');
  return `${quickNote(s)}
${files}

${whole ? `live-chat as a whole (loader + widget): ${kb(whole.brotli)} brotli; deep-chat is ${x(dc.brotli / whole.brotli)} that.` : ''}

What the page loads before the visitor touches the launcher, recorded in the browser (every
request after the HTML document, each response body compressed on its own; "script/style"
counts only script, style, font and image responses, not the API's answers):

${table(['page', 'requests', 'raw', 'gzip', 'brotli', 'script/style brotli', 'script/style vs live-chat'], pages)}

live-chat's requests before any interaction: ${list.join('; ')}.
@livechat/customer-sdk, a headless SDK with no UI at all, is ${x(s.beforeInteraction.ratio.customerSdkToLoaderBrotli)} live-chat's script/style before interaction.

Loaded on the click on the launcher (script, style, font or image requests):
${lazy.length ? lazy.map((q) => `\`${q.path}\` ${kb(q.raw)} raw, ${kb(q.brotli)} brotli`).join('; ') : '**none**'}.
Opening the chat made ${s.lazy.afterOpenRequests.length} requests in all (${[...new Set(s.lazy.afterOpenRequests.map((q) => q.path.replace('/s/{sandbox}/chat/rest/', '')))].join(', ')}).
`;
}

function hostCost(r) {
  const s = r.sections.hostCost;
  if (!s) return failed(r, 'hostCost');
  const m = s.medians;
  const d = s.diffFromBlank;
  const rows = [
    ['script evaluation (CDP ScriptDuration)', ms(m.blank.scriptMs), signed(d['live-chat'].scriptMs), signed(d['deep-chat'].scriptMs), x(s.ratioDeepChatToLiveChat.scriptMs)],
    ['main-thread tasks (CDP TaskDuration)', ms(m.blank.taskMs), signed(d['live-chat'].taskMs), signed(d['deep-chat'].taskMs), x(s.ratioDeepChatToLiveChat.taskMs)],
    ['style + layout', ms(m.blank.layoutStyleMs), signed(d['live-chat'].layoutStyleMs), signed(d['deep-chat'].layoutStyleMs), ''],
    ['total blocking time (long tasks − 50 ms)', ms(m.blank.tbtMs), signed(d['live-chat'].tbtMs), signed(d['deep-chat'].tbtMs), ''],
    ['long tasks', fmt(m.blank.longTasks, 1), `${d['live-chat'].longTasks >= 0 ? '+' : ''}${fmt(d['live-chat'].longTasks, 1)}`, `${d['deep-chat'].longTasks >= 0 ? '+' : ''}${fmt(d['deep-chat'].longTasks, 1)}`, ''],
    ['longest task', ms(m.blank.longestTaskMs), ms(m['live-chat'].longestTaskMs), ms(m['deep-chat'].longestTaskMs), ''],
    ['JS heap after load', mb(m.blank.heapBytes), `+${mb(d['live-chat'].heapBytes)}`, `+${mb(d['deep-chat'].heapBytes)}`, x(s.ratioDeepChatToLiveChat.heapBytes)],
    ['widget visible (from navigation start)', `FCP ${ms(m.blank.fcpMs)}`, ms(m['live-chat'].visibleMs), ms(m['deep-chat'].visibleMs), x(s.ratioDeepChatToLiveChat.visibleMs)],
    ['… after the blank page\'s first paint', '', signed(d['live-chat'].visibleAfterBlankFcpMs), signed(d['deep-chat'].visibleAfterBlankFcpMs), ''],
  ];
  return `${quickNote(s)}
Medians of ${s.runs} loads of each page (order rotated every round, a fresh browser context each
load), CPU throttled ${s.cpuThrottling}× through CDP \`Emulation.setCPUThrottlingRate\`.
Both widgets load the way their docs say: live-chat as the README's \`<script async>\` plus
\`<live-chat>\` pointed at a sandbox (so its availability check runs too), deep-chat as a module
script plus \`<deep-chat demo>\`. "live-chat (defer)" is the same loader with \`<script defer>\`, which
the browser runs inside the task that ends the page's parsing. "Visible" is the first animation frame in which live-chat's launcher, or
deep-chat's input, has a non-zero box.

${table(['', 'blank page', 'live-chat (diff)', 'deep-chat (diff)', 'deep-chat / live-chat'], rows)}

${tasksTable(s)}
${profileTable('Where live-chat\'s load time goes (one more load, 4× CPU, sampling profiler, self time source-mapped to the loader; `(anonymous) (live-chat.iife.js)` is its top-level evaluation)', s.liveChatProfile)}`;
}

function tasksTable(s) {
  const t = s.tasks;
  if (!t) return '';
  const w = (n, v) => (n === 'blank' ? '' : v);
  const row = (n) => [
    n,
    ms(t[n].longestTaskMs),
    fmt(t[n].tasksOver20, 1),
    w(n, ms(t[n].widgetLongestTaskMsMax)),
    w(n, ms(t[n].widgetLongestScriptMsMedian)),
    w(n, ms(t[n].widgetLongestScriptMsMax)),
    w(n, fmt(t[n].widgetScriptOver20Max)),
    w(n, ms(t[n].widgetScriptTimeMs)),
    w(n, t[n].widgetLongestScriptCpuMsMedian === undefined ? '' : `${ms(t[n].widgetLongestScriptCpuMsMedian)} / ${ms(t[n].widgetLongestScriptCpuMsMax)}`),
    w(n, t[n].widgetBlockingMsMedian === undefined ? '' : `${ms(t[n].widgetBlockingMsMedian)} / ${ms(t[n].widgetBlockingMsMax)}`),
    w(n, t[n].widgetMadeLongMax === undefined ? '' : fmt(t[n].widgetMadeLongMax)),
  ];
  return `Every main-thread task, from ${t.blank.runs} traced loads of each page (CDP trace, \`RunTask\` on the page's renderer main
thread, 4× CPU, no interaction: this is before the visitor's intent). A task "runs the widget" when a script event
inside it names the widget's file (live-chat: \`/dist/live-chat*\`; deep-chat: its bundle); its "script" is the time of
those events, the rest of such a task being the page's own parsing, style and layout that shared it. Its thread time
is the same slice without the time the thread waited for a core (the machine is shared). "Blocking time it adds" is
how much the total blocking time of the tasks it ran in would shrink without its script (a task's time over 50 ms
counts; the page's own work in the same task stays the page's), and "long tasks it made" counts tasks over 50 ms that
would be shorter without it:

${table(['page', 'longest task (median)', 'tasks > 20 ms (median)', 'longest task running the widget (max)', "widget's longest script slice (median)", '… (max)', 'script slices > 20 ms (max)', "widget's script time (median)", 'its longest slice, thread time (median / max)', 'blocking time it adds (median / max)', 'long tasks it made (max)'], Object.keys(t).map(row))}
`;
}

function openLatency(r) {
  const s = r.sections.open;
  if (!s) return failed(r, 'open');
  const rows = s.rows.map((w) => [`${w.cpuThrottling}×`, ms(w.coldMs.p50), ms(w.coldMs.max), ms(w.warmMs.p50), ms(w.warmMs.max), ms(w.coldWidgetFetchMs.p50), w.warmFromHttpCache, `${w.notOpenedIn60s?.cold ?? 0} / ${w.notOpenedIn60s?.warm ?? 0}`]);
  const early = s.rows.reduce((a, w) => a + w.widgetLoadedBeforeIntent, 0);
  return `${quickNote(s)}
From the visitor's first pointer event on the launcher to the first frame with the panel and its pre-chat form
rendered, when the widget's code is loaded by that intent. The pointer moves onto the launcher and clicks at once
(no hover head start). Cold: a fresh browser context; warm: the same page reloaded (widget from the HTTP cache).
${s.runs} runs each; the widget was requested before the pointer event in **${early}** of them.

${table(['CPU', 'cold p50', 'cold max', 'warm p50', 'warm max', 'widget fetch (cold, p50)', 'warm from HTTP cache', 'not open after 60 s (cold / warm)'], rows)}
`;
}

function latency(r) {
  const s = r.sections.latency;
  if (!s) return failed(r, 'latency');
  const row = (name, v) => [name, fmt(v.n), ms(v.p50), ms(v.p95), ms(v.p99), ms(v.max)];
  return `${quickNote(s)}
From ${s.releaseTimeSource === 'server' ? "the reference server's release of an agent message (`at` in the agent API's answer)" : 'the agent API call that releases a message (this process, just before the HTTP call)'} to
the MutationObserver callback that sees its entry in the transcript's shadow DOM, both on this
machine's clock (page/process offset calibrated: ${fmt(s.clock.offsetMs, 2)} ms ± ${fmt(s.clock.uncertaintyMs, 2)} ms).
Singles are spaced ${s.gapMs}–${s.gapMs + 18} ms apart, so each is its own long-poll round trip;
bursts release ${s.burstSize} messages in one agent call. Messages lost: **${s.lost}**.

${table(['', 'messages', 'p50', 'p95', 'p99', 'max'], [row('single message', s.singleMs), row(`burst of ${s.burstSize}, each message`, s.burstPerMessageMs), row(`burst of ${s.burstSize}, last message`, s.burstLastMs)])}
`;
}

function scale(r) {
  const s = r.sections.scale;
  if (!s) return failed(r, 'scale');
  const rows = s.rows.map((w) => [
    fmt(w.size),
    ms(w.endToEndMs.p50),
    ms(w.clientStepMs.p50),
    ms(w.mainThreadPerAppendMs.p50),
    ms(w.breakdownMedianMs?.ScriptDuration),
    mb(w.heapBytes),
    fmt(w.domNodes),
  ]);
  const tabs = s.rows
    .filter((w) => w.twoTabs)
    .map((w) => [fmt(w.size), ms(w.twoTabs.endToEndMs.p50), ms(w.twoTabs.mainThreadPerAppendMs.p50), ms(w.twoTabs.secondTabMainThreadPerAppendMs.p50)]);
  const q = s.ratio10000to100;
  const restore = s.restore ? `Restoring ${fmt(s.restore.entries)} entries after a reload (navigation start → the last entry in the DOM, ${s.restore.reloads} reloads): **p50 ${ms(s.restore.navigationToLastEntryMs.p50)}**, max ${ms(s.restore.navigationToLastEntryMs.max)}.` : '';
  return `${quickNote(s)}
${s.appendsPerSize} single agent messages appended at each size (medians). *End to end*: the
server's release of the message → its entry in the DOM. *Client step*: last byte of the poll
response that carried it (Resource Timing) → entry in the DOM. *Main thread per append*: CDP
TaskDuration over a ${s.windowMs} ms window from the agent call, which includes the widget's
debounced sessionStorage write. Heap: \`Runtime.getHeapUsage\` after \`HeapProfiler.collectGarbage\`.

${table(['messages already shown', 'end to end p50', 'client step p50', 'main thread / append', 'of which script', 'JS heap', 'DOM nodes'], rows)}

**10,000 / 100 ratios**: end to end ${x(q.endToEnd)}, client step ${x(q.clientStep)}, main thread per append ${x(q.mainThreadPerAppend)} (script ${x(q.scriptPerAppend)}), heap ${x(q.heap)}.

With a second tab of the same chat open (the leading tab polls and shares its state with the other over BroadcastChannel):

${table(['messages already shown', 'end to end p50', 'leading tab: main thread / append', 'second tab: main thread / append'], tabs)}

10,000 / 100 with two tabs: leading tab ${x(q.twoTabsLeaderMainThread)}, second tab ${x(q.twoTabsSecondTabMainThread)}.

${profiles(s)}
${restore}
`;
}

function profileTable(title, pr) {
  if (!pr) return '';
  return `${title} — ${fmt(pr.sampledBusyMs, 0)} ms of sampled main-thread time (${fmt(pr.gcMs, 0)} ms GC):

${table(['function (self time, source-mapped)', 'ms'], pr.top.map((t) => [`\`${t.fn}\``, fmt(t.ms, 1)]))}
`;
}

function profiles(s) {
  const last = s.rows[s.rows.length - 1];
  if (!last?.profile) return '';
  const n = fmt(last.size);
  return `Where the time goes at ${n} messages: CDP sampling profiler over ${s.profiledAppends} appends (each followed by a
${s.windowMs} ms window), self time per function mapped to \`src/\` through the bundle's source map;
built-ins (\`setItem\`, \`postMessage\`…) are named with their caller.

${profileTable('One tab', last.profile)}
${profileTable('Two tabs, the leading tab', last.twoTabs?.profile?.leader)}
${profileTable('Two tabs, the second tab', last.twoTabs?.profile?.secondTab)}`;
}

function network(r) {
  const s = r.sections.network;
  if (!s) return failed(r, 'network');
  const i = s.idle;
  const t = s.typing;
  const list = (o) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return `${quickNote(s)}
Counted from the reference server's request log (Chat REST API only).

- **Idle chat, ${i.seconds} s, default long-poll timeout ${i.clientPollTimeoutS} s**: ${fmt(i.requests)} requests =
  **${fmt(i.requestsPerMinute, 2)} per minute** (${list(i.byResource)}); long polls alone would be
  ${fmt(i.expectedPollsPerMinute, 2)} per minute.
- **Typing ${fmt(t.keystrokes)} characters** in ${fmt(t.typedSeconds, 1)} s (${fmt(t.charsPerSecond, 2)} characters/s) to an agent
  with sneak peek on: ${fmt(t.requests)} requests, of which ${fmt(t.postRequests)} POSTs =
  **${fmt(t.postRequestsPerKeystroke, 3)} POSTs per keystroke** (${fmt(t.postRequestsPerSecondTyping, 2)} per second).
  By resource: ${list(t.byResource)}. Nouns received: ${list(t.byNoun)} — typing
  state ${fmt(t.typingNouns)}, sneak peek ${fmt(t.sneakPeekNouns)} (${fmt(t.sneakPeeksPerKeystroke, 3)} per keystroke).
  The draft was ${t.draftKept ? 'intact' : '**not** intact'} in the composer afterwards.
`;
}

function recovery(r) {
  const s = r.sections.recovery;
  if (!s) return failed(r, 'recovery');
  const row = (name, v) => [name, ms(v.p50), ms(v.p95), ms(v.max)];
  return `${quickNote(s)}
${s.rounds} handovers in a row: a \`handover\` fault on System/Messages answers 503 and moves the
session; the visitor sends a message as soon as the widget reports \`reconnecting\`. Times on
the server's clock from the 503.

${table(['', 'p50', 'p95', 'max'], [
    row('**recovered**: message received and a new poll open', s.recoveredMs),
    row('ReconnectSession received', s.reconnectSessionMs),
    row('message (sent during the outage) received', s.resentMs),
    row('`reconnecting` → `active` in the page', s.reconnectingPhaseMs),
  ])}

Chat REST requests per handover round (p50): ${fmt(s.requestsPerRound.p50)}.
`;
}

function headline(r) {
  const w = r.sections.weight;
  const h = r.sections.hostCost;
  const l = r.sections.latency;
  const sc = r.sections.scale;
  const n = r.sections.network;
  const rc = r.sections.recovery;
  const rows = [];
  if (w && file(w, 'live-chat widget')) {
    rows.push(['loaded before interaction (script/style), brotli', kb(w.beforeInteraction['live-chat'].assets.brotli), `deep-chat ${x(w.beforeInteraction.ratio.assetsBrotli)} more`]);
    rows.push(['widget loaded on intent, brotli', kb(file(w, 'live-chat widget').brotli), `loader + widget ${kb(w.liveChatWhole.brotli)}; deep-chat ${kb(file(w, 'deep-chat').brotli)}`]);
  } else if (w) rows.push(['bundle, brotli', kb(w.files[0].brotli), `deep-chat ${x(w.files[1].ratio.brotli)} heavier`]);
  if (h) rows.push(['script time added to a page (4× CPU)', signed(h.diffFromBlank['live-chat'].scriptMs), `deep-chat ${signed(h.diffFromBlank['deep-chat'].scriptMs)} (${x(h.ratioDeepChatToLiveChat.scriptMs)})`]);
  if (h) rows.push(['total blocking time added (4× CPU)', signed(h.diffFromBlank['live-chat'].tbtMs), `deep-chat ${signed(h.diffFromBlank['deep-chat'].tbtMs)}`]);
  if (h?.tasks) rows.push(["widget's longest script slice before intent (4× CPU, median / max)", `${ms(h.tasks['live-chat'].widgetLongestScriptMsMedian)} / ${ms(h.tasks['live-chat'].widgetLongestScriptMsMax)}${h.tasks['live-chat'].widgetLongestScriptCpuMsMedian === undefined ? '' : ` (thread time ${ms(h.tasks['live-chat'].widgetLongestScriptCpuMsMedian)} / ${ms(h.tasks['live-chat'].widgetLongestScriptCpuMsMax)})`}`, `deep-chat ${ms(h.tasks['deep-chat'].widgetLongestScriptMsMedian)} / ${ms(h.tasks['deep-chat'].widgetLongestScriptMsMax)}`]);
  if (h?.tasks?.['live-chat'].widgetBlockingMsMedian !== undefined) rows.push(["blocking time the widget's script adds before intent (4× CPU, median / max)", `${ms(h.tasks['live-chat'].widgetBlockingMsMedian)} / ${ms(h.tasks['live-chat'].widgetBlockingMsMax)}`, `deep-chat ${ms(h.tasks['deep-chat'].widgetBlockingMsMedian)} / ${ms(h.tasks['deep-chat'].widgetBlockingMsMax)}`]);
  const o = r.sections.open;
  if (o) for (const w of o.rows) rows.push([`pointer → panel open, ${w.cpuThrottling}× CPU, p50 cold / warm`, `${ms(w.coldMs.p50)} / ${ms(w.warmMs.p50)}`, `${o.runs} runs`]);
  if (l) rows.push(['agent message → visitor DOM, p50 / p99', `${ms(l.singleMs.p50)} / ${ms(l.singleMs.p99)}`, `${fmt(l.singleMs.n)} messages`]);
  if (sc) rows.push(['append at 10,000 vs 100 messages', `${x(sc.ratio10000to100.endToEnd)} end to end`, `main thread ${x(sc.ratio10000to100.mainThreadPerAppend)}`]);
  if (n) rows.push(['requests per keystroke while typing', fmt(n.typing.postRequestsPerKeystroke, 3), `idle: ${fmt(n.idle.requestsPerMinute, 2)} requests/min`]);
  if (rc) rows.push(['503 handover → recovered, p50 / p95', `${ms(rc.recoveredMs.p50)} / ${ms(rc.recoveredMs.p95)}`, `${rc.rounds} handovers`]);
  return rows.length ? table(['', 'live-chat', 'context'], rows) : '';
}

/** Costs that grow with the work, and budgets passed: stated from the figures of this run. */
function findings(r) {
  const out = [];
  const w = r.sections.weight;
  if (w && w.files[0].brotli > LOADER_BUDGET) {
    out.push(`**Loader over budget**: \`dist/live-chat.iife.js\` is ${kb(w.files[0].brotli)} brotli, over the ${kb(LOADER_BUDGET)} budget of \`scripts/size.mjs\`.`);
  }
  const widget = w && file(w, 'live-chat widget');
  if (widget && widget.brotli > WIDGET_BUDGET) {
    out.push(`**Widget over budget**: \`dist/live-chat.widget.js\` is ${kb(widget.brotli)} brotli, over the ${kb(WIDGET_BUDGET)} budget of \`scripts/size.mjs\`.`);
  }
  const sc = r.sections.scale;
  if (sc) {
    const q = sc.ratio10000to100;
    const last = sc.rows[sc.rows.length - 1];
    const top = last.profile?.top?.[0];
    if (q.mainThreadPerAppend > 2) {
      out.push(
        `**Per-message main-thread work grows with the transcript**: ${q.endToEnd < 1.5 ? `the entry reaches the DOM about as fast at 10,000 messages as at 100 (end to end ${x(q.endToEnd)})` : `end to end, 10,000 / 100 is ${x(q.endToEnd)}`}, but the main thread spends ${x(q.mainThreadPerAppend)} as long per message (${ms(sc.rows[0].mainThreadPerAppendMs.p50)} → ${ms(last.mainThreadPerAppendMs.p50)})` +
          (top ? `; the largest self time at 10,000 is \`${top.fn}\` (${fmt(top.ms, 0)} ms over ${sc.profiledAppends} appends).` : '.'),
      );
    } else {
      out.push(`Appends stay flat: 10,000 / 100 is ${x(q.endToEnd)} end to end and ${x(q.mainThreadPerAppend)} in main-thread time.`);
    }
    const tabs = last.twoTabs;
    if (tabs && (q.twoTabsLeaderMainThread > 2 || q.twoTabsSecondTabMainThread > 2)) {
      const t2 = tabs.profile?.secondTab?.top?.slice(0, 2).map((t) => `\`${t.fn}\``).join(', ');
      const t1 = tabs.profile?.leader?.top?.slice(0, 2).map((t) => `\`${t.fn}\``).join(', ');
      out.push(
        `**With a second tab open it grows in both tabs**: per message at 10,000, the leading tab spends ${ms(tabs.mainThreadPerAppendMs.p50)} and the second tab ${ms(tabs.secondTabMainThreadPerAppendMs.p50)} (${x(q.twoTabsLeaderMainThread)} and ${x(q.twoTabsSecondTabMainThread)} the figures at 100)` +
          (t1 ? `; top self time: leading tab ${t1}; second tab ${t2}.` : '.'),
      );
    }
  }
  const n = r.sections.network;
  if (n) {
    const t = n.typing;
    out.push(
      `**Typing costs ${fmt(t.postRequestsPerKeystroke, 2)} requests per keystroke** (${fmt(t.postRequestsPerSecondTyping, 1)} per second at ~5 characters/s): ${fmt(t.sneakPeekNouns)} sneak peeks and ${fmt(t.typingNouns)} typing-state nouns for ${fmt(t.keystrokes)} keystrokes — the sneak-peek rate is set by its throttle interval, not by the keystrokes.`,
    );
    if (n.idle.requestsPerMinute > n.idle.expectedPollsPerMinute * 1.5 + 0.5) {
      out.push(`**Idle traffic above the long polls alone**: ${fmt(n.idle.requestsPerMinute, 2)} requests/min against ${fmt(n.idle.expectedPollsPerMinute, 2)} expected (${Object.entries(n.idle.byResource).map(([k, v]) => `${k} ${v}`).join(', ')}).`);
    }
  }
  return out.length ? out.map((f) => `- ${f}`).join('\n') : '_Nothing grows with the work in this run._';
}

export function renderReport(r) {
  const m = r.machine;
  const sections = [
    ['1. Weight', weight],
    ['2. Host-page cost', hostCost],
    ['3. Message latency', latency],
    ['4. Transcript scale', scale],
    ['5. Network economy', network],
    ['6. Recovery', recovery],
    ['7. Open on intent', openLatency],
  ];
  return `# Benchmarks

<!-- Generated by \`npm run bench\` (scripts/bench.mjs, bench/report.mjs). Do not edit by hand. -->

What live-chat costs a host page and a visitor, next to peer widgets measured in the same run.
Every comparison is a ratio of figures taken in the same run on the same machine; absolute
numbers move with the machine and its load. Method: [docs/benchmarks.md](docs/benchmarks.md).
Raw figures: [bench/results.json](bench/results.json).

| run | |
|---|---|
| command | \`${r.command}\`${r.quick ? ' (quick: fewer repetitions)' : ''} |
| date | ${r.date} |
| code | commit ${r.commit ?? '?'}${r.dirty ? ' with uncommitted changes in src/' : ''} |
| machine | ${m.cpuModel}, ${m.cores} cores, ${fmt(m.memoryGiB, 1)} GiB, ${m.platform}; load average at start ${m.loadAverageAtStart.join(' / ')} |
| browser | ${m.browser}, headless |
| node | ${m.node} |
| duration | ${fmt(r.totalSeconds)} s |

## Summary

${headline(r)}

### What grows with the work

${findings(r)}

${sections.map(([title, fn]) => `## ${title}\n${fn(r)}`).join('\n')}`;
}
