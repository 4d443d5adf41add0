// Browser tests: headless Chromium through Playwright, TypeScript through esbuild,
// and the project's own reference server started on a free port for every run, in strict mode.
// Test pages find the server at window.__LIVE_CHAT_TEST__.serverUrl.
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { register } from 'tsx/esm/api';
import { findChromium, CHROMIUM_ARGS, BROWSER_HINT } from './scripts/browser.mjs';

const executablePath = await findChromium();
if (!executablePath) {
  console.error(BROWSER_HINT);
  process.exit(1);
}

register();
const { startServer } = await import('./server/index.ts');
// strict: the browser tests check the widget's own headers and sequences to the letter.
const server = await startServer({ port: 0, cors: '*', quiet: true, strict: true });
process.on('exit', () => void server.close());

const extraPlugins = [];
const extraMiddleware = [];
try {
  const { testPlugins, testMiddleware } = await import('./test/helpers/wtr-plugins.mjs');
  extraPlugins.push(...testPlugins({ serverUrl: server.url }));
  extraMiddleware.push(...(testMiddleware?.() ?? []));
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
}

// The widget loads locale files at run time by URL (src/i18n/load.ts): from the sources,
// `/src/i18n/locales/<tag>.js` is the TypeScript file next to it, which esbuild then compiles.
const localeSources = (ctx, next) => {
  const m = /^\/src\/i18n\/locales\/([\w-]+)\.js(\?.*)?$/.exec(ctx.url);
  if (m && existsSync(`src/i18n/locales/${m[1]}.ts`)) ctx.url = `/src/i18n/locales/${m[1]}.ts${m[2] ?? ''}`;
  return next();
};

export default {
  rootDir: '.',
  files: ['test/**/*.test.ts', '!test/server/**', '!test/package/**'],
  nodeResolve: true,
  middleware: [localeSources, ...extraMiddleware],
  concurrency: 2,
  // A safety net against a hung run, not a speed check: 560 browser tests take ~3 min on a quiet 2-core machine.
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: './tsconfig.json',
    }),
    ...extraPlugins,
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"></head>
  <body>
    <script>window.__LIVE_CHAT_TEST__ = ${JSON.stringify({ serverUrl: server.url })};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
