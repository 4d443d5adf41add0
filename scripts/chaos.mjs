// npm run chaos — the seeded chaos soak: the built widget in a real browser against the reference
// server, whose fault API hits ~3 % of requests at random (from the seed) with every kind of
// fault at once: 503 handovers, out-of-sync 409s, 500s before and after a POST was applied,
// connections cut before and after a POST was applied, late answers, malformed and failing
// polls. Visitor and agent exchange N messages each way; with --tabs a second tab joins and the
// leading tab reloads mid-run; with --reload the only tab reloads mid-run.
//
// It prints, per side: applied, lost, duplicated, failed, out of order — and exits non-zero
// unless every one of those is zero (applied must equal sent).
//
//   npm run chaos                          seed 1, 1000 messages each way, one tab
//   npm run chaos -- --seed=2 --tabs       two tabs and a reload of the leader mid-run
//   npm run chaos -- --seed=3 --reload --messages=300 --rate=0.05
import { chromium } from 'playwright';
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';
import { findChromium, CHROMIUM_ARGS, BROWSER_HINT } from './browser.mjs';
import { run } from './run.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k, v ?? 'true'];
  }),
);
const seed = Number(args.seed ?? 1);
const total = Number(args.messages ?? 1000);
const rate = Number(args.rate ?? 0.03);
const twoTabs = args.tabs === 'true';
const reloadOnly = args.reload === 'true';
const deadlineMs = Number(args.timeout ?? 15 * 60_000);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
const log = (...a) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s]`, ...a);

if (!existsSync('dist/live-chat.js') || args.build !== 'false') await run('node', ['scripts/build.mjs']);
const executablePath = await findChromium();
if (!executablePath) {
  console.error(BROWSER_HINT);
  process.exit(2);
}

register();
const { startServer } = await import('../server/index.ts');
// The driver's own choices (pacing) come from the seed too, with the server's own PRNG.
const { seededRandom } = await import('../server/util.ts');
const random = seededRandom(seed * 7919);
const server = await startServer({ port: 0, host: '127.0.0.1', demo: true, quiet: true, config: { scriptedAgent: { enabled: false }, clientPollTimeout: 5 } });
const api = async (method, path, body) => {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
};
const config = await api('GET', '/config');

const page = (tab) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>chaos ${tab}</title>
<script type="module" src="/dist/live-chat.js"></script></head><body>
<live-chat open endpoint="/chat/rest/" org-id="${config.orgId}" deployment-id="${config.deploymentId}" button-id="${config.buttons[0].id}" visitor-name="Chaos"></live-chat>
</body></html>`;

const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const context = await browser.newContext();
await context.route(`${server.url}/chaos*.html`, (route) => route.fulfill({ contentType: 'text/html', body: page(new URL(route.request().url()).pathname) }));
const pageErrors = [];
async function openTab(name) {
  const p = await context.newPage();
  p.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
  await p.goto(`${server.url}/chaos-${name}.html`);
  await p.waitForFunction(() => customElements.get('live-chat') && document.querySelector('live-chat')?.phase !== undefined);
  return p;
}
const tabs = [{ name: 'A', page: await openTab('A'), busy: false }];
await tabs[0].page.evaluate(() => document.querySelector('live-chat').start());
let chatId = null;
for (let i = 0; i < 100 && !chatId; i++) {
  const state = await api('GET', '/state');
  chatId = state.chats.find((c) => c.status === 'queued' || c.status === 'active')?.id ?? null;
  if (!chatId) await sleep(100);
}
if (!chatId) throw new Error('the chat never reached the server');
await api('POST', `/chats/${chatId}/accept`, {});
await tabs[0].page.waitForFunction(() => document.querySelector('live-chat').phase === 'active');
log(`chat ${chatId} active; seed ${seed}; ${total} messages each way; fault rate ≈ ${(rate * 100).toFixed(1)} %; ${twoTabs ? 'two tabs + a reload' : reloadOnly ? 'one tab + a reload' : 'one tab'}`);

// Every kind of fault, each with its own seeded probability; together ≈ `rate` of requests.
// A request matches one POST spec (Chasitor/* or MultiNoun) of each of 7 kinds, or the 7 shares of poll faults.
const share = rate / 7;
const post = (spec, i) => [
  { resource: 'Chasitor/*', ...spec, probability: share, seed: seed * 100 + i },
  { resource: 'System/MultiNoun', ...spec, probability: share, seed: seed * 100 + 50 + i },
];
const faults = [
  ...post({ kind: 'status', status: 500 }, 1),
  ...post({ kind: 'status', status: 500, after: true }, 2),
  ...post({ kind: 'drop' }, 3),
  ...post({ kind: 'drop', after: true }, 4),
  ...post({ kind: 'delay', delayMs: 2500, after: true }, 5),
  ...post({ kind: 'conflict' }, 6),
  ...post({ kind: 'handover' }, 7),
  { resource: 'System/Messages', kind: 'status', status: 500, probability: share * 2, seed: seed * 100 + 90 },
  { resource: 'System/Messages', kind: 'drop', probability: share * 2, seed: seed * 100 + 91 },
  { resource: 'System/Messages', kind: 'malformed', probability: share, seed: seed * 100 + 92 },
  { resource: 'System/Messages', kind: 'handover', probability: share, seed: seed * 100 + 93 },
  { resource: 'System/Messages', kind: 'delay', delayMs: 1500, probability: share, seed: seed * 100 + 94 },
];
for (const f of faults) await api('POST', '/faults', f);

// The agent's side runs on its own, paced like the visitor's.
const agentSent = [];
const agentLoop = (async () => {
  for (let i = 0; i < total; i++) {
    const text = `agent ${String(i).padStart(4, '0')}`;
    await api('POST', `/chats/${chatId}/messages`, { text });
    agentSent.push(text);
    await sleep(10 + random() * 30);
  }
})();

// The visitor's side: sends from the tabs in turn (a follower hands its sends to the leader).
const visitorSent = []; // { text, tab }
let reloaded = false;
const refused = [];
async function reload(tab) {
  tab.busy = true;
  log(`reloading tab ${tab.name}`);
  await tab.page.reload();
  await tab.page.waitForFunction(() => customElements.get('live-chat') && document.querySelector('live-chat')?.phase !== undefined);
  tab.busy = false;
}
for (let i = 0; i < total; i++) {
  if (Date.now() - started > deadlineMs) throw new Error('deadline passed while sending');
  if (twoTabs && i === Math.floor(total * 0.3) && tabs.length === 1) {
    tabs.push({ name: 'B', page: await openTab('B'), busy: false });
    log('tab B joined');
  }
  if ((twoTabs || reloadOnly) && i === Math.floor(total * 0.6) && !reloaded) {
    reloaded = true;
    void reload(tabs[0]);
  }
  const ready = tabs.filter((t) => !t.busy);
  if (!ready.length) {
    i--;
    await sleep(50);
    continue;
  }
  const tab = ready[i % ready.length];
  const text = `visitor ${String(i).padStart(4, '0')} ${tab.name}`;
  try {
    await tab.page.evaluate((t) => document.querySelector('live-chat').send(t), text);
    visitorSent.push({ text, tab: tab.name });
  } catch (e) {
    // A send that throws is refused in the visitor's sight (not sent, draft kept): not "lost".
    refused.push({ text, error: String(e).slice(0, 160) });
  }
  await sleep(10 + random() * 30);
}
await agentLoop;
log(`all sent (${visitorSent.length} visitor, ${agentSent.length} agent); healing the network`);
await api('DELETE', '/faults');

// Let everything settle: every visitor message applied or failed, every agent message shown.
const received = async () => (await api('GET', `/chats/${chatId}/received`)).filter((r) => r.noun === 'ChatMessage').map((r) => r.body.text);
const view = async () => {
  for (const t of tabs) {
    try {
      return await t.page.evaluate(() => {
        const el = document.querySelector('live-chat');
        return { phase: el.phase, transcript: el.transcript.map((e) => ({ kind: e.kind, text: e.text, status: e.status ?? null })) };
      });
    } catch {
      /* reloading */
    }
  }
  return { phase: 'unknown', transcript: [] };
};
let applied = [];
let seen = { phase: '', transcript: [] };
for (let waited = 0; waited < 120_000; waited += 1000) {
  applied = await received();
  seen = await view();
  const pending = seen.transcript.filter((e) => e.kind === 'visitor' && e.status === 'pending').length;
  const agentShown = seen.transcript.filter((e) => e.kind === 'agent').length;
  if (pending === 0 && agentShown >= agentSent.length && applied.length >= visitorSent.length) break;
  await sleep(1000);
}

function tally(sent, got, shownFailed) {
  const counts = new Map();
  for (const t of got) counts.set(t, (counts.get(t) ?? 0) + 1);
  const sentSet = new Set(sent);
  let lost = 0;
  let failed = 0;
  for (const t of sent) {
    if (counts.has(t)) continue;
    if (shownFailed.has(t)) failed++;
    else lost++;
  }
  const duplicated = [...counts.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
  const unknown = [...counts.keys()].filter((t) => !sentSet.has(t)).length;
  return { sent: sent.length, applied: [...counts.keys()].filter((t) => sentSet.has(t)).length, lost, duplicated, failed, unknown };
}
/** Inversions among `got` for each group of `sent` (a tab's own messages keep their order). */
const inversions = [];
function outOfOrder(got, groupOf) {
  const last = new Map();
  let n = 0;
  for (const t of got) {
    const g = groupOf(t);
    const idx = Number(t.split(' ')[1]);
    if (last.has(g) && idx < last.get(g)) {
      n++;
      inversions.push(`"${t}" after ${String(last.get(g)).padStart(4, '0')}`);
    }
    last.set(g, Math.max(idx, last.get(g) ?? -1));
  }
  return n;
}
const failedTexts = new Set(seen.transcript.filter((e) => e.kind === 'visitor' && e.status === 'failed').map((e) => e.text));
const visitor = tally(
  visitorSent.map((v) => v.text),
  applied,
  failedTexts,
);
visitor.outOfOrder = outOfOrder(applied, (t) => t.split(' ')[2]);
// The visitor's own view: every sent message in the transcript, shown "sent".
visitor.notShownSent = visitorSent.filter((v) => !seen.transcript.some((e) => e.kind === 'visitor' && e.text === v.text && e.status === 'sent')).length;
const agentShown = seen.transcript.filter((e) => e.kind === 'agent').map((e) => e.text);
const agent = tally(agentSent, agentShown, new Set());
agent.outOfOrder = outOfOrder(agentShown, () => 'agent');

const faultLog = (await api('GET', '/faults')).log;
const byKind = {};
for (const f of faultLog) byKind[`${f.kind} ${f.resource}`] = (byKind[`${f.kind} ${f.resource}`] ?? 0) + 1;
const requests = (await api('GET', '/requests')).length;

console.log('\nfaults injected:', faultLog.length, 'of about', requests, 'logged requests');
for (const [k, v] of Object.entries(byKind).sort()) console.log(`  ${k.padEnd(40)} ${v}`);
console.log(`\nfinal phase: ${seen.phase}; sends refused at the door: ${refused.length}; page errors: ${pageErrors.length}`);
console.log('\nside      sent  applied  lost  duplicated  failed  out-of-order  (not shown sent)');
const row = (name, r, extra = '') =>
  console.log(`${name.padEnd(8)} ${String(r.sent).padStart(5)} ${String(r.applied).padStart(8)} ${String(r.lost).padStart(5)} ${String(r.duplicated).padStart(11)} ${String(r.failed).padStart(7)} ${String(r.outOfOrder).padStart(13)}  ${extra}`);
row('visitor', visitor, String(visitor.notShownSent));
row('agent', agent);
for (const e of pageErrors.slice(0, 5)) console.log('page error:', e);
for (const e of inversions.slice(0, 5)) console.log('out of order:', e);
for (const r of refused.slice(0, 5)) console.log('refused at the door:', r.text, '—', r.error);

await browser.close();
await server.close();
const bad =
  visitor.lost + visitor.duplicated + visitor.failed + visitor.outOfOrder + visitor.notShownSent + visitor.unknown +
  agent.lost + agent.duplicated + agent.failed + agent.outOfOrder + agent.unknown +
  refused.length + (visitor.applied === visitor.sent ? 0 : 1);
console.log(bad === 0 ? `\nchaos seed ${seed}: nothing lost, duplicated, failed or out of order` : `\nchaos seed ${seed}: FAILED`);
process.exit(bad === 0 ? 0 : 1);
