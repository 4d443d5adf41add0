/**
 * The loader's Settings answer goes with the handover (src/controller/loader-settings.ts): with the
 * BUILT loader against the reference server, the widget's first presence check uses the answer
 * the loader got (no second Visitor/Settings) while it is fresh and to the same question, asks
 * again otherwise, and reads a broken answer exactly as its own. What the server received
 * (`sandbox.requests()`) is the measure; the visitor id and the first breadcrumb, which follow the
 * widget's first check, say when it has run.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse } from '@web/test-runner-commands';
import { LOADER_SETTINGS_MAX_AGE_MS } from '../../src/controller/loader-settings.js';
import { createSandbox, type RequestRow, type Sandbox } from '../helpers/reference-server.js';
import { handedOver, hover, launcher, loaderAnswered, loaderPage, type LoaderPage } from './loader-page.js';

let sandbox: Sandbox | undefined;
const frames: HTMLIFrameElement[] = [];

afterEach(async () => {
  for (const f of frames.splice(0)) f.remove();
  sessionStorage.clear();
  await resetMouse();
  await sandbox?.dispose();
  sandbox = undefined;
});

async function open(sb: Sandbox, extras?: string[]): Promise<LoaderPage> {
  const p = await loaderPage(sb, extras);
  frames.push(p.frame);
  return p;
}

const settings = (rows: RequestRow[]) => rows.filter((r) => r.resource === 'Visitor/Settings');
/** The buttons each Settings request asked for, in order. */
const asked = (rows: RequestRow[]) => settings(rows).map((r) => r.query['Settings.buttonIds']);

/** Hovers the first launcher, waits for the handover and for the breadcrumb that follows the widget's first check of every element. */
async function handOver(sb: Sandbox, p: LoaderPage): Promise<RequestRow[]> {
  await hover(p, p.els[0]!);
  for (const el of p.els) await waitUntil(() => handedOver(el), 'hover did not load the widget', { timeout: 8000 });
  let rows: RequestRow[] = [];
  await waitUntil(
    async () => (rows = await sb.requests()).filter((r) => r.resource === 'Visitor/Breadcrumb').length >= p.els.length,
    'the widget never finished its first check',
    { timeout: 8000 },
  );
  return rows;
}

/** The frame's clock moves on by `ms` (what the loader stamped its answer with stays as it was). */
function advanceClock(win: Window & typeof globalThis, ms: number): void {
  const now = win.Date.now.bind(win.Date);
  win.Date.now = () => now() + ms;
}

describe('loader → widget: the Settings answer is handed over', () => {
  it('online: the widget asks no second Settings; visitor id and breadcrumb still follow; the click opens a chat', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const p = await open(sandbox);
    const el = p.els[0]!;
    await loaderAnswered(p.win);
    const rows = await handOver(sandbox, p);
    expect(asked(rows)).to.deep.equal([`[${sandbox.buttonId}]`]);
    expect(rows.some((r) => r.resource === 'Visitor/VisitorId'), 'the visitor id').to.equal(true);
    expect(el.phase).to.equal('idle');
    expect(launcher(el)!.textContent).to.contain('Chat with us');
    launcher(el)!.click();
    await waitUntil(() => el.phase === 'connecting' || el.phase === 'queued', 'the click did not start a chat', { timeout: 8000 });
    expect(settings(await sandbox.requests()).length).to.equal(1);
    expect(p.win.__errors).to.deep.equal([]);
  });

  it('offline: the widget is unavailable at once from the loader\'s answer, with no second Settings', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    for (const a of sandbox.agents) await sandbox.setAgent(a.id, 'offline');
    const p = await open(sandbox);
    const el = p.els[0]!;
    await waitUntil(() => el.phase === 'unavailable', 'the loader never found the button offline', { timeout: 8000 });
    const rows = await handOver(sandbox, p);
    expect(asked(rows)).to.deep.equal([`[${sandbox.buttonId}]`]);
    expect(el.phase).to.equal('unavailable');
    expect(launcher(el)!.textContent).to.contain("We're offline");
    expect(p.win.__errors).to.deep.equal([]);
  });

  it('the invitation button is part of the question: asked together once, reused', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const invite = sandbox.buttons[1]!.id;
    const p = await open(sandbox, [`invite-button-id="${invite}"`]);
    await loaderAnswered(p.win);
    const rows = await handOver(sandbox, p);
    expect(asked(rows)).to.deep.equal([`[${sandbox.buttonId},${invite}]`]);
  });
});

describe('loader → widget: when the widget asks again', () => {
  it(`the answer is older than ${LOADER_SETTINGS_MAX_AGE_MS / 1000} s: just younger is reused, just older is asked again`, async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const young = await open(sandbox);
    await loaderAnswered(young.win);
    advanceClock(young.win, LOADER_SETTINGS_MAX_AGE_MS - 2000);
    expect(asked(await handOver(sandbox, young)), 'just fresh').to.deep.equal([`[${sandbox.buttonId}]`]);
    young.frame.remove();
    await resetMouse();

    const before = (await sandbox.requests()).length;
    const old = await open(sandbox);
    await loaderAnswered(old.win);
    advanceClock(old.win, LOADER_SETTINGS_MAX_AGE_MS + 1000);
    await hover(old, old.els[0]!);
    await waitUntil(() => handedOver(old.els[0]!), 'hover did not load the widget', { timeout: 8000 });
    let rows: RequestRow[] = [];
    await waitUntil(async () => settings((rows = (await sandbox!.requests()).slice(before))).length >= 2, 'the widget did not ask again', { timeout: 8000 });
    expect(asked(rows)).to.deep.equal([`[${sandbox.buttonId}]`, `[${sandbox.buttonId}]`]);
    expect(old.els[0]!.phase).to.equal('idle');
  });

  it('a pre-chat department chooser: the loader asks for its buttons too, in the widget\'s order, and the widget reuses the answer', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const other = sandbox.buttons[1]!.id;
    const fields = JSON.stringify([{ type: 'group_chooser', id: 'dep', label: 'Department', required: true, options: [{ id: 'x', label: 'X', buttonId: other }] }]);
    const p = await open(sandbox, [`prechat-fields="${fields.replace(/"/g, '&quot;')}"`]);
    await loaderAnswered(p.win);
    const rows = await handOver(sandbox, p);
    expect(asked(rows)).to.deep.equal([`[${sandbox.buttonId},${other}]`]);
  });

  it('the question changed after the loader asked (the page set other pre-chat fields): that element asks again, its neighbour does not', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const other = sandbox.buttons[1]!.id;
    const p = await open(sandbox, ['', '']);
    await loaderAnswered(p.win, 2);
    p.els[1]!.prechatFields = [{ type: 'group_chooser', id: 'dep', label: 'Department', required: true, options: [{ id: 'x', label: 'X', buttonId: other }] }] as never;
    const rows = await handOver(sandbox, p);
    // The loader asked for each launcher's button; the widget only for the question the loader did not ask.
    expect(asked(rows)).to.deep.equal([`[${sandbox.buttonId}]`, `[${sandbox.buttonId}]`, `[${sandbox.buttonId},${other}]`]);
  });
});

describe('loader → widget: a broken answer is read as the widget reads its own', () => {
  for (const [what, body, code] of [
    ['not JSON', '{"buttons": [', 'malformed-response'],
    ['a hostile body with no buttons list', '{"buttons":"<img src=x onerror=alert(1)>","pingRate":"x"}', 'malformed-response'],
  ] as const) {
    it(`${what}: reported as an error of the first check (no second Settings), and the widget still opens`, async () => {
      sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
      // One broken answer: the loader's. Had the widget asked again, it would have heard a good one.
      await sandbox.fault({ resource: 'Visitor/Settings', kind: 'status', status: 200, body });
      const p = await open(sandbox);
      const el = p.els[0]!;
      await loaderAnswered(p.win);
      expect(el.phase, 'the loader reads it as unknown').to.equal('idle');
      const rows = await handOver(sandbox, p);
      expect(settings(rows).length).to.equal(1);
      expect((p.win as unknown as { __chatErrors: string[] }).__chatErrors).to.deep.equal([code]);
      launcher(el)!.click();
      await waitUntil(() => el.expanded, 'the click did not open the panel', { timeout: 8000 });
      expect(p.win.__errors).to.deep.equal([]);
    });
  }
});
