// Section 1, weight: bytes of the widget bundle next to the peers' bundles (read from disk and
// compressed here), and bytes a host page actually loads in the browser before the visitor
// touches the launcher, plus anything loaded lazily when the launcher is clicked.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measure } from '../../scripts/size.mjs';
import { ROOT, STATIC } from '../harness/server.mjs';
import { installHelpers } from '../harness/browser.mjs';
import { sandboxQuery } from '../harness/pages.mjs';
import { ratio, sleep } from '../harness/stats.mjs';

// live-chat is two files: the loader every page view downloads, and the widget it loads on intent.
const FILES = [
  { name: 'live-chat loader', file: 'dist/live-chat.iife.js', when: 'every page view' },
  { name: 'live-chat widget', file: 'dist/live-chat.widget.js', when: 'on intent' },
  { name: 'deep-chat', file: 'node_modules/deep-chat/dist/deepChat.bundle.js', when: 'every page view' },
  { name: '@livechat/customer-sdk', file: 'node_modules/@livechat/customer-sdk/dist/customer-sdk.min.js', when: 'every page view (no UI)' },
];

const ASSET_TYPES = new Set(['script', 'stylesheet', 'font', 'image', 'media', 'manifest', 'other']);

/** Records every response of `page` (except the document itself) with its measured body. */
function recordResponses(page) {
  const rows = [];
  const pending = [];
  page.on('response', (res) => {
    const req = res.request();
    if (req.resourceType() === 'document') return;
    pending.push(
      res
        .body()
        .then((body) => ({ body, ok: true }))
        .catch(() => ({ body: Buffer.alloc(0), ok: false }))
        .then(({ body }) => {
          const url = new URL(req.url());
          rows.push({
            type: req.resourceType(),
            method: req.method(),
            path: url.pathname.replace(/^\/s\/[^/]+/, '/s/{sandbox}'),
            status: res.status(),
            ...measure(body),
          });
        }),
    );
  });
  return { rows, settle: () => Promise.all(pending) };
}

const sum = (rows, k) => rows.reduce((a, r) => a + r[k], 0);
const totals = (rows) => ({ requests: rows.length, raw: sum(rows, 'raw'), gzip: sum(rows, 'gzip'), brotli: sum(rows, 'brotli') });

async function pageLoad(browser, url, { launcher } = {}) {
  const context = await browser.newContext();
  await installHelpers(context);
  const page = await context.newPage();
  const rec = recordResponses(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle').catch(() => {});
  await sleep(1500); // anything scheduled shortly after load (presence check, idle callbacks)
  await rec.settle();
  const initial = rec.rows.splice(0);
  let lazy = [];
  let afterOpen = [];
  if (launcher) {
    const handle = await page.evaluateHandle((sel) => window.__deep(document, sel), launcher);
    const el = handle.asElement();
    if (el) {
      await el.click();
      await sleep(2000);
      await rec.settle();
      afterOpen = rec.rows.splice(0);
      lazy = afterOpen.filter((r) => ASSET_TYPES.has(r.type));
    }
  }
  await context.close();
  return { initial, initialTotals: totals(initial), assets: totals(initial.filter((r) => ASSET_TYPES.has(r.type))), lazy, afterOpen };
}

export async function runWeight({ browser, server, log }) {
  const files = [];
  for (const f of FILES) files.push({ ...f, ...measure(await readFile(join(ROOT, f.file))) });
  // Ratios against the loader: what each costs a page view before the visitor does anything
  // (for live-chat's widget: what it costs once the visitor shows intent).
  const lc = files[0];
  for (const f of files) {
    f.ratio = { raw: ratio(f.raw, lc.raw), gzip: ratio(f.gzip, lc.gzip), brotli: ratio(f.brotli, lc.brotli) };
  }
  const whole = { raw: files[0].raw + files[1].raw, gzip: files[0].gzip + files[1].gzip, brotli: files[0].brotli + files[1].brotli };
  log(`  files: ${files.map((f) => `${f.name} ${f.brotli} B br`).join(', ')}`);

  const sb = await server.api.sandbox();
  const lcPage = await pageLoad(browser, `${server.url}/bench/live-chat.html?${sandboxQuery(sb)}`, { launcher: '[part~="launcher"]' });
  await sb.remove();
  const dcPage = await pageLoad(browser, `${server.url}/bench/deep-chat.html`);
  const lazyTotals = totals(lcPage.lazy);
  log(`  page before interaction: live-chat ${lcPage.initialTotals.brotli} B br in ${lcPage.initialTotals.requests} requests (assets ${lcPage.assets.brotli} B br), deep-chat ${dcPage.initialTotals.brotli} B br in ${dcPage.initialTotals.requests}; live-chat loaded ${lazyTotals.brotli} B br on the click`);
  return {
    files,
    liveChatWhole: whole,
    lazyTotals,
    beforeInteraction: {
      'live-chat': { requests: lcPage.initial, totals: lcPage.initialTotals, assets: lcPage.assets },
      'deep-chat': { requests: dcPage.initial, totals: dcPage.initialTotals, assets: dcPage.assets },
      ratio: {
        gzip: ratio(dcPage.initialTotals.gzip, lcPage.initialTotals.gzip),
        brotli: ratio(dcPage.initialTotals.brotli, lcPage.initialTotals.brotli),
        assetsBrotli: ratio(dcPage.assets.brotli, lcPage.assets.brotli),
        customerSdkToLoaderBrotli: ratio(files[3].brotli, lcPage.assets.brotli),
      },
    },
    lazy: { 'live-chat': lcPage.lazy, afterOpenRequests: lcPage.afterOpen },
    staticPaths: Object.keys(STATIC),
  };
}
