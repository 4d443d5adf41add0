/**
 * Loads the *built* bundles the way website owners do (a classic <script> and a
 * module <script>) into a fresh page and proves <live-chat> is defined and renders
 * its launcher. The dev compiler (esbuild) and the build compiler (Vite/Oxc)
 * differ, so only this test sees a broken production bundle.
 */
import { expect, waitUntil } from '@open-wc/testing';

async function loadInFrame(scriptTag: string, pageLang = 'en'): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><html lang="${pageLang}"><body>
    <script>window.__errors = []; addEventListener('error', e => window.__errors.push(String(e.message)));</script>
    ${scriptTag}
    <live-chat endpoint="/chat/rest/"></live-chat></body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame;
}

for (const [label, tag] of [
  ['classic IIFE script', '<script src="/dist/live-chat.iife.js"></script>'],
  ['ES module script', '<script type="module" src="/dist/live-chat.js"></script>'],
] as const) {
  describe(`built bundle: ${label}`, () => {
    it('defines <live-chat> and renders its launcher', async () => {
      const frame = await loadInFrame(tag);
      const win = frame.contentWindow as Window & typeof globalThis & { __errors: string[] };
      await waitUntil(() => win.customElements.get('live-chat'), 'live-chat was never defined', { timeout: 5000 });
      const el = win.document.querySelector('live-chat')!;
      await waitUntil(() => el.shadowRoot?.querySelector('[part~="launcher"]'), 'no launcher rendered', { timeout: 5000 });
      expect(win.__errors).to.deep.equal([]);
      frame.remove();
    });

    it('loads a locale file from dist/locales/, next to the bundle (not next to the page)', async () => {
      const frame = await loadInFrame(tag, 'ja');
      const win = frame.contentWindow as Window & typeof globalThis & { __errors: string[] };
      await waitUntil(() => win.customElements.get('live-chat'), 'live-chat was never defined', { timeout: 5000 });
      const el = win.document.querySelector('live-chat')!;
      await waitUntil(() => el.shadowRoot?.querySelector('[part~="launcher"]'), 'no launcher rendered', { timeout: 5000 });
      // The loader speaks the visitor's language without any file of its own…
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="launcher"]')!.textContent!.trim() === 'チャットで相談する', 'launcher not in Japanese', { timeout: 5000 });
      const files = () => win.performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname);
      expect(files()).to.not.include('/dist/locales/ja.js');
      // …and the widget, loaded on intent, fetches the locale file from next to itself.
      (el as HTMLElement & { open(): void }).open();
      await waitUntil(() => files().includes('/dist/locales/ja.js'), 'the widget did not load ja.js from dist/locales/', { timeout: 8000 });
      await waitUntil(() => el.shadowRoot!.querySelector('[part~="panel"]'), 'the widget never took over', { timeout: 8000 });
      expect(win.__errors).to.deep.equal([]);
      frame.remove();
    });
  });
}

describe('built bundle: double load', () => {
  it('tolerates both bundles on one page', async () => {
    const frame = await loadInFrame(
      '<script src="/dist/live-chat.iife.js"></script><script type="module" src="/dist/live-chat.js"></script>',
    );
    const win = frame.contentWindow as Window & typeof globalThis & { __errors: string[] };
    await waitUntil(() => win.customElements.get('live-chat'), 'live-chat was never defined', { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 200));
    expect(win.__errors).to.deep.equal([]);
    frame.remove();
  });
});

describe('built npm library (lib/)', () => {
  // The dev server resolves lib's bare `lit` imports the way a consumer's bundler would.
  it('lib/index.js exports the classes and registers nothing; lib/define.js registers every tag', async () => {
    const frame = await loadInFrame(`<script type="module">
      const lib = await import('/lib/index.js');
      window.__exported = typeof lib.LiveChat === 'function' && typeof lib.LiveChatTranscript === 'function';
      window.__definedAfterIndex = !!customElements.get('live-chat');
      await import('/lib/define.js');
      window.__done = true;
    </script>`);
    const win = frame.contentWindow as Window &
      typeof globalThis & { __errors: string[]; __exported?: boolean; __definedAfterIndex?: boolean; __done?: boolean };
    await waitUntil(() => win.__done, 'lib/define.js never finished loading', { timeout: 5000 });
    expect(win.__exported).to.equal(true);
    expect(win.__definedAfterIndex).to.equal(false);
    for (const tag of ['live-chat', 'live-chat-prechat', 'live-chat-queue', 'live-chat-transcript', 'live-chat-composer', 'live-chat-postchat', 'live-chat-invitation']) {
      expect(win.customElements.get(tag), tag).to.be.a('function');
    }
    const el = win.document.querySelector('live-chat')!;
    await waitUntil(() => el.shadowRoot?.querySelector('[part~="launcher"]'), 'no launcher rendered', { timeout: 5000 });
    expect(win.__errors).to.deep.equal([]);
    frame.remove();
  });

  it('loads a locale file from lib/i18n/locales/', async () => {
    const frame = await loadInFrame(`<script type="module">import('/lib/define.js');</script>`, 'uk');
    const win = frame.contentWindow as Window & typeof globalThis & { __errors: string[] };
    await waitUntil(() => win.customElements.get('live-chat'), 'live-chat was never defined', { timeout: 5000 });
    const el = win.document.querySelector('live-chat')!;
    await waitUntil(() => el.shadowRoot?.querySelector('[part~="launcher"]'), 'no launcher rendered', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('[part~="launcher"]')!.textContent!.trim()).to.equal('Напишіть нам');
    expect(win.__errors).to.deep.equal([]);
    frame.remove();
  });
});
