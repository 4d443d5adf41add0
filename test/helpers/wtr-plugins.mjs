// Extra web-test-runner plugins (loaded by web-test-runner.config.mjs when present).
// `lc-touch` switches touch emulation (coarse pointer) on the test page.
// `lc-tab-*` server commands open real extra tabs next to the test page (same browser
// context: shared Web Locks and BroadcastChannel, separate sessionStorage, as a tab the
// visitor opens by hand), evaluate expressions in them, and close them — for multi-tab
// tests that need more than frames. Playwright launcher only.
// `/lazy-test/<mode>/<token>/<file>` serves the built `dist/<file>` from another directory, so
// the loader imports the widget from there: mode `fail-once` answers the first request for
// the widget of each token with 503; `slow-<ms>` delays the widget by that many ms;
// `slow-form-<ms>` delays the leave-a-message form's chunk (live-chat.offline-form.js) instead.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Koa middleware (web-test-runner's `middleware`): the `/lazy-test/` paths described above. */
export function testMiddleware() {
  /** @type {Set<string>} */
  const failed = new Set();
  return [
    async (ctx, next) => {
      const m = /^\/lazy-test\/(fail-once|slow-(form-)?(\d+))\/([\w-]+)\/(live-chat[\w.-]*\.js)$/.exec(ctx.path);
      if (!m) return next();
      const [, mode, form, ms, token, file] = m;
      const widget = file === (form ? 'live-chat.offline-form.js' : 'live-chat.widget.js');
      if (widget && mode === 'fail-once' && !failed.has(token)) {
        failed.add(token);
        ctx.status = 503;
        ctx.body = 'unavailable (test)';
        return undefined;
      }
      if (widget && ms) await new Promise((r) => setTimeout(r, Number(ms)));
      ctx.type = 'text/javascript';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await readFile(DIST + file);
      return undefined;
    },
  ];
}

import { frameworkBundles } from './framework-bundles.mjs';

/** @param {{ serverUrl: string }} _options */
export function testPlugins(_options) {
  /** @type {Map<string, import('playwright').Page>} */
  const tabs = new Map();
  /** @type {WeakMap<import('playwright').Page, import('playwright').CDPSession>} */
  const touchSessions = new WeakMap();
  let next = 0;
  return [
    frameworkBundles(),
    {
      name: 'live-chat-tabs',
      async executeCommand({ command, payload, session }) {
        if (!command.startsWith('lc-tab-')) return undefined;
        if (session.browser.type !== 'playwright') throw new Error(`${command} needs the Playwright launcher`);
        const testPage = session.browser.getPage(session.id);
        switch (command) {
          case 'lc-tab-open': {
            const page = await testPage.context().newPage();
            page.on('console', (m) => {
              if (m.type() === 'error') console.error(`[tab] ${m.text()}`);
            });
            const url = new URL(payload.url, testPage.url()).href;
            await page.goto(url);
            const id = `tab${++next}`;
            tabs.set(id, page);
            return id;
          }
          case 'lc-tab-eval': {
            const page = tabs.get(payload.id);
            if (!page) throw new Error(`no tab ${payload.id}`);
            return await page.evaluate(payload.expression);
          }
          case 'lc-tab-close': {
            const page = tabs.get(payload.id);
            tabs.delete(payload.id);
            if (page) await page.close({ runBeforeUnload: true });
            return true;
          }
          default:
            throw new Error(`unknown command ${command}`);
        }
      },
    },
    {
      // `lc-touch` {enabled}: touch emulation on the test page through the DevTools protocol, which
      // also makes `(pointer: coarse)` and `(hover: none)` match (a phone's primary pointer).
      // Playwright's emulateMedia has no pointer feature. Playwright launcher only.
      name: 'live-chat-touch',
      async executeCommand({ command, payload, session }) {
        if (command !== 'lc-touch') return undefined;
        if (session.browser.type !== 'playwright') throw new Error(`${command} needs the Playwright launcher`);
        const page = session.browser.getPage(session.id);
        // The CDP session stays attached: detaching it would undo its emulation.
        let cdp = touchSessions.get(page);
        if (!cdp) touchSessions.set(page, (cdp = await page.context().newCDPSession(page)));
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: Boolean(payload?.enabled), maxTouchPoints: payload?.enabled ? 5 : 1 });
        return true;
      },
    },
  ];
}
