// Section 3, message latency: from the moment this process asks the reference server (in the
// same process) to release an agent message to the moment that message's entry is inserted
// into the visitor's transcript DOM (MutationObserver in the page). Both clocks are this
// machine's; their offset is calibrated and removed. Single messages are spaced so each one
// is its own long-poll round trip; bursts release 50 messages in one call.
import { installHelpers, startChat, watchArrivals, clockOffset, nowMs } from '../harness/browser.mjs';
import { sandboxQuery } from '../harness/pages.mjs';
import { round, sleep, summary } from '../harness/stats.mjs';

const TIMEOUT_MS = 15_000;

/**
 * The server's own release time (`at` in the agent API's answer; Date.now() in this same
 * process) when it gives one, else the time just before the agent API call.
 */
const sources = { server: 0, client: 0, skewMs: [] };
function releaseTime(res, t0) {
  if (typeof res?.at === 'number') {
    sources.server++;
    sources.skewMs.push(res.at - t0);
    return res.at;
  }
  sources.client++;
  return t0;
}

export async function runLatency({ browser, server, quick, log }) {
  const singles = quick ? 100 : 500;
  const bursts = quick ? 3 : 10;
  const burstSize = 50;
  const gapMs = 30;

  Object.assign(sources, { server: 0, client: 0, skewMs: [] });
  const sb = await server.api.sandbox();
  const context = await browser.newContext();
  await installHelpers(context);
  const page = await context.newPage();
  try {
    const chatId = await startChat(page, server.url, sb, sandboxQuery(sb));
    const arrivals = new Map();
    const waiters = new Map();
    await watchArrivals(page, /(lat-\d+|burst-\d+ #\d+)\b/, (key, t) => {
      arrivals.set(key, t);
      waiters.get(key)?.();
    });
    const arrived = (key) =>
      arrivals.has(key)
        ? Promise.resolve(true)
        : new Promise((done) => {
            const timer = setTimeout(() => done(false), TIMEOUT_MS);
            waiters.set(key, () => {
              clearTimeout(timer);
              done(true);
            });
          });
    const clockA = await clockOffset(page);

    // single messages, one poll round trip each
    const sent = new Map();
    let lost = 0;
    for (let i = 0; i < singles; i++) {
      const key = `lat-${i}`;
      const wait = arrived(key);
      const t0 = nowMs();
      const res = await sb.message(chatId, `${key} hello from the agent`);
      sent.set(key, releaseTime(res, t0));
      if (!(await wait) && ++lost >= 3) throw new Error(`3 agent messages never reached the transcript DOM (last ${key})`);
      await sleep(gapMs + (i % 7) * 3);
    }
    // bursts: one agent API call releases 50 messages
    const burstSent = new Map();
    const lastOfBurst = [];
    for (let b = 0; b < bursts; b++) {
      const keys = Array.from({ length: burstSize }, (_, j) => `burst-${b} #${j + 1}`);
      const waits = keys.map(arrived);
      const t0 = nowMs();
      const res = await sb.message(chatId, `burst-${b}`, burstSize);
      burstSent.set(b, releaseTime(res, t0));
      const ok = await Promise.all(waits);
      lost += ok.filter((x) => !x).length;
      lastOfBurst.push(Math.max(...keys.map((k) => arrivals.get(k) ?? NaN)) - burstSent.get(b));
      await sleep(300);
    }
    const clockB = await clockOffset(page);
    const offset = (clockA.offset + clockB.offset) / 2;
    const single = [...sent].map(([k, t]) => arrivals.get(k) - offset - t);
    const burst = [];
    for (const [b, t0] of burstSent) for (let j = 1; j <= burstSize; j++) burst.push(arrivals.get(`burst-${b} #${j}`) - offset - t0);
    const result = {
      singles,
      gapMs,
      burstSize,
      bursts,
      lost,
      releaseTimeSource: sources.server && !sources.client ? 'server' : sources.client && !sources.server ? 'agent API call' : 'mixed',
      serverReleaseAfterCallMs: summary(sources.skewMs, 2),
      clock: { offsetMs: round(offset, 3), uncertaintyMs: round(Math.max(clockA.uncertainty, clockB.uncertainty), 3), driftMs: round(clockB.offset - clockA.offset, 3) },
      singleMs: summary(single, 1),
      burstPerMessageMs: summary(burst, 1),
      burstLastMs: summary(lastOfBurst.map((x) => x - offset), 1),
    };
    log(`  single p50/p95/p99 ${result.singleMs.p50}/${result.singleMs.p95}/${result.singleMs.p99} ms over ${result.singleMs.n}; burst of ${burstSize}: last at p50 ${result.burstLastMs.p50} ms; lost ${lost}`);
    return result;
  } finally {
    await context.close();
    await sb.remove();
  }
}
