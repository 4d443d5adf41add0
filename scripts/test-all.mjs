// npm test: everything that must hold before a change lands, in one command.
// Runs every step even when one fails, so the summary is complete, then exits
// non-zero if anything failed. The last line is a plain `N passed, N failed`
// adding up every runner's counts (single checks such as lint count as one).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run.mjs';
import { serverTestFiles } from './test-files.mjs';
import { findChromium, BROWSER_HINT } from './browser.mjs';

// eslint-disable-next-line no-control-regex -- strips ANSI colour codes from runner output
const strip = (s) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
const results = [];

async function check(name, cmd, args) {
  console.log(`\n── ${name}: ${cmd} ${args.join(' ')}`);
  const { code } = await run(cmd, args, { allowFail: true });
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
}

async function nodeTests(name, files) {
  console.log(`\n── ${name}`);
  const tap = join(mkdtempSync(join(tmpdir(), 'live-chat-')), 'node.tap');
  const { code } = await run(
    'node',
    [
      '--import', 'tsx', '--test', '--test-concurrency=2',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { allowFail: true },
  );
  let passed = 0;
  let failed = 0;
  try {
    const text = readFileSync(tap, 'utf8');
    passed = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
    failed = Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0);
  } catch {
    /* no report: counted below */
  }
  if (code !== 0 && failed === 0) failed = 1;
  results.push({ name, passed, failed });
}

async function browserTests() {
  const name = 'browser tests (web-test-runner)';
  console.log(`\n── ${name}`);
  if (!(await findChromium())) {
    console.error(BROWSER_HINT);
    results.push({ name, passed: 0, failed: 1 });
    return;
  }
  const { code, output } = await run('npx', ['web-test-runner'], { capture: true, allowFail: true });
  const matches = [...strip(output).matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = matches.at(-1);
  let passed = Number(last?.[1] ?? 0);
  let failed = Number(last?.[2] ?? 0);
  if (code !== 0 && failed === 0) failed = 1;
  if (passed + failed === 0) failed = 1; // a run that ran nothing is a failure
  results.push({ name, passed, failed });
}

await check('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
await check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
await check('structure', 'node', ['scripts/structure.mjs']);
await nodeTests('node tests (server)', serverTestFiles());
await check('build', 'node', ['scripts/build.mjs']);
await check('size budget', 'node', ['scripts/size.mjs', '--check']);
if (process.env.CI) {
  // The build regenerates custom-elements.json; in CI a difference means the committed manifest is stale.
  await check('custom-elements.json is current', 'git', ['diff', '--exit-code', '--stat', 'custom-elements.json']);
}
// After the build: packs it and type-checks user files against the tarball.
await nodeTests('node tests (packed package)', ['test/package/packed.test.ts']);
await browserTests();

console.log('\n── summary');
for (const r of results) console.log(`${r.failed ? 'FAIL' : 'ok  '} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
