/**
 * A page with the BUILT classic-script loader (dist/live-chat.iife.js; run `npm run build` first)
 * and <live-chat> elements for a reference-server sandbox, in a same-origin frame placed top-left
 * so real pointer moves (sendMouse) reach the launcher; and what the tests of the handover read.
 */
import { waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { LiveChat } from '../../src/components/live-chat/live-chat.js';
import type { Sandbox } from '../helpers/reference-server.js';
import type { FrameWindow } from '../e2e/helpers.js';

export interface LoaderPage {
  frame: HTMLIFrameElement;
  win: FrameWindow;
  /** The <live-chat> elements, in document order. */
  els: LiveChat[];
}

const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * One <live-chat> per entry of `extras` (its extra attributes), each for the sandbox's first button unless they say
 * otherwise; the loader from `script` (a /lazy-test/ path serves the built files slowly: test/helpers/wtr-plugins.mjs).
 */
export async function loaderPage(sb: Sandbox, extras: string[] = [''], script = '/dist/live-chat.iife.js'): Promise<LoaderPage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'position:fixed;top:0;left:0;width:600px;height:420px;border:0';
  const chats = extras.map(
    (extra) => `<live-chat endpoint="${attr(sb.endpointUrl)}" org-id="${sb.orgId}" deployment-id="${sb.deploymentId}" language="en"
      ${/(^|\s)button-id=/.test(extra) ? '' : `button-id="${sb.buttonId}"`} ${extra}></live-chat>`,
  );
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>loader</title></head><body>
    <script>window.__errors = []; addEventListener('error', e => window.__errors.push(String(e.message)));
      addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));
      window.__chatErrors = []; addEventListener('live-chat-error', e => window.__chatErrors.push(e.detail.code));</script>
    <script src="${script}"></script>${chats.join('')}</body></html>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  const win = frame.contentWindow as FrameWindow;
  const els = [...win.document.querySelectorAll('live-chat')] as LiveChat[];
  for (const el of els) await waitUntil(() => launcher(el), 'no launcher', { timeout: 5000 });
  return { frame, win, els };
}

export const launcher = (el: Element) => el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="launcher"]') ?? null;
/** The widget has taken the element over: its panel exists (the loader has none). */
export const handedOver = (el: Element) => Boolean(el.shadowRoot?.querySelector('[part~="panel"]'));
export const resources = (win: Window) => win.performance.getEntriesByType('resource').map((e) => e.name);

/** A real pointer move onto `el`'s launcher (the intent that loads the widget). */
export async function hover(p: LoaderPage, el: Element): Promise<void> {
  const f = p.frame.getBoundingClientRect();
  const b = launcher(el)!.getBoundingClientRect();
  await sendMouse({ type: 'move', position: [Math.round(f.left + b.left + b.width / 2), Math.round(f.top + b.top + b.height / 2)] });
}

/** Resolves once `n` answers of the loader's presence checks have arrived in the frame (and the task that keeps them ran). */
export async function loaderAnswered(win: Window, n = 1): Promise<void> {
  await waitUntil(() => resources(win).filter((r) => r.includes('Visitor/Settings')).length >= n, 'the loader did not ask Settings', { timeout: 8000 });
  // The body is read (and kept) in a task right after the entry is recorded.
  await new Promise((r) => win.setTimeout(r, 50));
}
