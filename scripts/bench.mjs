// npm run bench: builds the script-tag files, starts the reference server with the bench
// pages on the same origin, runs the seven benchmark sections (bench/sections/) in headless
// Chromium, writes bench/results.json and regenerates BENCHMARKS.md.
//   --quick        fewer repetitions and shorter windows (for development; marked in the report)
//   --only=1,2     run only these sections (the others are kept from the previous results.json)
//   --no-build     use dist/ as it is
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { buildBundles } from './build-bundles.mjs';
import { ROOT, startBenchServer } from '../bench/harness/server.mjs';
import { launchBrowser } from '../bench/harness/browser.mjs';
import { renderReport } from '../bench/report.mjs';
import { runWeight } from '../bench/sections/weight.mjs';
import { runHostCost } from '../bench/sections/host-cost.mjs';
import { runLatency } from '../bench/sections/latency.mjs';
import { runScale } from '../bench/sections/scale.mjs';
import { runNetwork } from '../bench/sections/network.mjs';
import { runRecovery } from '../bench/sections/recovery.mjs';
import { runOpen } from '../bench/sections/open.mjs';

const SECTIONS = [
  ['weight', runWeight],
  ['hostCost', runHostCost],
  ['latency', runLatency],
  ['scale', runScale],
  ['network', runNetwork],
  ['recovery', runRecovery],
  ['open', runOpen],
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',').map(Number)) : null;
const resultsPath = join(ROOT, 'bench/results.json');
const log = (msg) => console.log(msg);

function git(...a) {
  try {
    return execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const started = Date.now();
if (!args.includes('--no-build')) await buildBundles();
if (!existsSync(join(ROOT, 'dist/live-chat.iife.js')) || !existsSync(join(ROOT, 'dist/live-chat.widget.js'))) {
  console.error('dist/live-chat.iife.js or dist/live-chat.widget.js is missing: run `npm run build`.');
  process.exit(1);
}

const previous = only && existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : null;
const server = await startBenchServer();
const browser = await launchBrowser();
const machine = {
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  platform: `${os.type()} ${os.release()} ${os.arch()}`,
  browser: `Chromium ${browser.version()}`,
  node: process.version,
};
const results = {
  date: new Date().toISOString(),
  command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
  quick,
  commit: git('rev-parse', '--short', 'HEAD'),
  dirty: Boolean(git('status', '--porcelain', '--', 'src')),
  machine,
  sections: previous?.sections ?? {},
  errors: {},
};

let failed = false;
try {
  for (let i = 0; i < SECTIONS.length; i++) {
    const [key, fn] = SECTIONS[i];
    if (only && !only.has(i + 1)) {
      if (previous?.errors?.[key]) results.errors[key] = previous.errors[key];
      continue;
    }
    const t0 = Date.now();
    log(`[${i + 1}/${SECTIONS.length}] ${key}…`);
    try {
      results.sections[key] = { ...(await fn({ browser, server, quick, log })), ranAt: new Date().toISOString(), quick, seconds: Math.round((Date.now() - t0) / 1000) };
      delete results.errors[key];
    } catch (e) {
      failed = true;
      delete results.sections[key];
      results.errors[key] = String(e?.stack ?? e).split('\n').slice(0, 4).join('\n');
      console.error(`  section ${key} failed: ${e?.stack ?? e}`);
    }
    log(`  (${Math.round((Date.now() - t0) / 1000)} s)`);
  }
} finally {
  await browser.close();
  await server.close();
}
results.totalSeconds = Math.round((Date.now() - started) / 1000);
writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
writeFileSync(join(ROOT, 'BENCHMARKS.md'), renderReport(results));
log(`wrote bench/results.json and BENCHMARKS.md in ${results.totalSeconds} s`);
process.exit(failed ? 1 : 0);
