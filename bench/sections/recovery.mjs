// Section 6, recovery: repeated 503 handovers (the reference server's `handover` fault on
// System/Messages). The visitor sends a message while the widget is reconnecting; each round
// is timed on the server's clock from the 503 to the moment the server has both received
// that message and seen a new long poll after ReconnectSession.
import { installHelpers, startChat, waitFor } from '../harness/browser.mjs';
import { sandboxQuery } from '../harness/pages.mjs';
import { round, sleep, summary } from '../harness/stats.mjs';

const resourceOf = (row) => row.resource ?? row.path.replace(/^.*\/chat\/rest\//, '');

export async function runRecovery({ browser, server, quick, log }) {
  const rounds = quick ? 5 : 20;
  const sb = await server.api.sandbox();
  const context = await browser.newContext();
  await installHelpers(context);
  const page = await context.newPage();
  try {
    const chatId = await startChat(page, server.url, sb, sandboxQuery(sb));
    // the visitor writes during the outage: as soon as the widget says it is reconnecting
    await page.evaluate(() => {
      const el = document.querySelector('live-chat');
      window.__phases = [];
      el.addEventListener('live-chat-phase-change', (e) => {
        window.__phases.push({ phase: e.detail.phase, at: performance.now() });
        if (e.detail.phase === 'reconnecting' && window.__round !== undefined && !window.__sent[window.__round]) {
          window.__sent[window.__round] = el.send(`recovery-${window.__round} sent during the outage`);
        }
      });
      window.__sent = {};
    });
    await sleep(500);
    const rows = [];
    for (let k = 0; k < rounds; k++) {
      const mark = (await sb.requests()).at(-1)?.n ?? 0;
      await page.evaluate((r) => {
        window.__round = r;
        window.__phases = [];
      }, k);
      await sb.fault({ resource: 'System/Messages', kind: 'handover', times: 1 });
      await sb.message(chatId, `nudge-${k}`); // ends the open poll so the next one meets the fault
      const want = `recovery-${k} sent during the outage`;
      const got = await waitFor(
        async () => (await sb.received(chatId)).find((r) => r.noun === 'ChatMessage' && r.body?.text === want),
        30_000,
        `the message of round ${k} to reach the server`,
        20,
      );
      const measured = await waitFor(
        async () => {
          const log = await sb.requests(mark);
          const fault = log.find((r) => resourceOf(r) === 'System/Messages' && r.status === 503);
          const reconnect = log.find((r) => resourceOf(r) === 'System/ReconnectSession' && (!fault || r.n > fault.n));
          // the loop runs again: a poll opened after ReconnectSession that is still open when
          // the resent message arrives, or opened after it
          const poll = reconnect && log.find((r) => resourceOf(r) === 'System/Messages' && r.n > reconnect.n && (r.status === 0 || r.at >= got.at));
          return fault && reconnect && poll ? { fault, reconnect, poll, requests: log.length } : null;
        },
        30_000,
        `a new poll after round ${k}`,
        20,
      );
      await page.waitForFunction(() => document.querySelector('live-chat').phase === 'active', null, { timeout: 30_000 });
      const phases = await page.evaluate(() => window.__phases);
      const rec = phases.find((p) => p.phase === 'reconnecting');
      const act = phases.find((p) => p.phase === 'active' && rec && p.at >= rec.at);
      rows.push({
        recoveredMs: Math.max(got.at, measured.poll.at) - measured.fault.at,
        resentMs: got.at - measured.fault.at,
        reconnectSessionMs: measured.reconnect.at - measured.fault.at,
        newPollMs: measured.poll.at - measured.fault.at,
        reconnectingShownMs: rec && act ? round(act.at - rec.at, 1) : null,
        requests: measured.requests,
      });
      await sleep(300);
    }
    const pick = (k) => summary(rows.map((r) => r[k]), 1);
    const result = {
      rounds,
      recoveredMs: pick('recoveredMs'),
      resentMs: pick('resentMs'),
      reconnectSessionMs: pick('reconnectSessionMs'),
      reconnectingPhaseMs: pick('reconnectingShownMs'),
      requestsPerRound: pick('requests'),
      rows,
    };
    log(`  ${rounds} handovers: recovered p50 ${result.recoveredMs.p50} ms, p95 ${result.recoveredMs.p95} ms; ReconnectSession after p50 ${result.reconnectSessionMs.p50} ms`);
    return result;
  } finally {
    await context.close();
    await sb.remove();
  }
}
