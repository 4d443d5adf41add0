/**
 * End-to-end helpers: load the BUILT script-tag bundle (/dist/live-chat.iife.js; run
 * `npm run build` first) into a fresh same-origin iframe the way a website does, point it
 * at a reference-server sandbox, and run axe inside that frame.
 */
import { waitUntil } from '@open-wc/testing';
import type { LiveChat } from '../../src/components/live-chat/live-chat.js';
import type { Sandbox } from '../helpers/reference-server.js';

export type FrameWindow = Window & typeof globalThis & { __errors: string[]; axe?: { run(ctx: unknown, opts?: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } };

export interface Loaded {
  frame: HTMLIFrameElement;
  win: FrameWindow;
  el: LiveChat;
}

export const PRECHAT_FIELDS = [
  { type: 'name', id: 'name', label: 'Your name', required: true },
  {
    type: 'group_chooser',
    id: 'department',
    label: 'Department',
    required: true,
    options: [
      { id: 'support', label: 'Support', buttonId: '573DEMO00000001' },
      { id: 'sales', label: 'Sales', buttonId: '573DEMO00000002' },
    ],
  },
];

const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export async function loadWidget(sb: Sandbox, extra = ''): Promise<Loaded> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width:800px;height:700px;border:0';
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>e2e</title></head><body>
    <main><h1>Shop</h1><p>A page with a chat.</p></main>
    <script>window.__errors = []; addEventListener('error', e => window.__errors.push(String(e.message)));</script>
    <script src="/dist/live-chat.iife.js"></script>
    <live-chat endpoint="${attr(sb.endpointUrl)}" org-id="${sb.orgId}" deployment-id="${sb.deploymentId}"
      button-id="${sb.buttonId}" language="en" prechat-fields="${attr(JSON.stringify(PRECHAT_FIELDS))}" ${extra}></live-chat>
    </body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as FrameWindow;
  await waitUntil(() => win.customElements.get('live-chat'), 'live-chat never defined (did you run npm run build?)', { timeout: 5000 });
  const el = win.document.querySelector('live-chat') as LiveChat;
  await waitUntil(() => el.shadowRoot?.querySelector('[part~="launcher"]'), 'no launcher', { timeout: 5000 });
  return { frame, win, el };
}

/** Runs axe inside the frame on the whole document (the widget's shadow trees included). */
export async function axeViolations(win: FrameWindow): Promise<string[]> {
  if (!win.axe) {
    const script = win.document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    win.document.head.append(script);
    await new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = reject;
    });
  }
  const result = await win.axe!.run(win.document, { resultTypes: ['violations'] });
  return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** The element inside a nested shadow root: q(el, 'live-chat-prechat', 'input[name=name]'). */
export function q<T extends Element = HTMLElement>(host: Element, ...selectors: string[]): T | null {
  let node: Element | null = host;
  for (const sel of selectors) {
    node = node?.shadowRoot?.querySelector(sel) ?? null;
  }
  return node as T | null;
}

/** The deepest focused element, through shadow roots. */
export function deepActive(doc: Document): Element | null {
  let a: Element | null = doc.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
