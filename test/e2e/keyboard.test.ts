/**
 * The whole journey from the keyboard alone (sendKeys), through the built bundle against
 * the reference server: Tab to the launcher, Enter, fill the pre-chat form, choose a
 * department, submit, chat, Escape to minimize, reopen, end with the confirmation.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createSandbox, type Sandbox } from '../helpers/reference-server.js';
import { axeViolations, deepActive, loadWidget, q, type Loaded } from './helpers.js';

let sandbox: Sandbox | undefined;
let loaded: Loaded | undefined;

afterEach(async () => {
  loaded?.frame.remove();
  loaded = undefined;
  sessionStorage.clear();
  await sandbox?.dispose();
  sandbox = undefined;
});

/** Presses `key` until the focused element matches, at most `max` times. */
async function pressUntil(doc: Document, key: string, match: (el: Element | null) => boolean, what: string, max = 8) {
  for (let i = 0; i < max && !match(deepActive(doc)); i++) await sendKeys({ press: key });
  expect(match(deepActive(doc)), `${what} (focused: ${deepActive(doc)?.outerHTML.slice(0, 80)})`).to.equal(true);
}

const part = (name: string) => (el: Element | null) => !!el?.getAttribute('part')?.split(' ').includes(name);

describe('e2e: keyboard-only journey', () => {
  it('goes from the launcher to a finished chat with the keyboard alone', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    loaded = await loadWidget(sandbox);
    const { el, win, frame } = loaded;
    const doc = win.document;

    // Tab into the page until the launcher has focus, then open with Enter.
    frame.focus();
    win.focus();
    await pressUntil(doc, 'Tab', part('launcher'), 'launcher never focused');
    await sendKeys({ press: 'Enter' });

    // The pre-chat form opens on its first field (once the widget the focus started loading is there).
    await waitUntil(() => deepActive(doc)?.getAttribute('name') === 'name', 'pre-chat did not focus its first field', { timeout: 8000 });
    await sendKeys({ type: 'Kim' });
    await sendKeys({ press: 'Tab' });
    expect(deepActive(doc)?.getAttribute('name')).to.equal('department');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => (deepActive(doc) as HTMLSelectElement).value === 'sales', 'could not choose Sales with the arrows');
    await pressUntil(doc, 'Tab', part('submit-button'), 'submit button never focused');
    await sendKeys({ press: 'Enter' });

    const chat = await sandbox.waitForChat();
    expect(chat.buttonId).to.equal('573DEMO00000002');
    expect(chat.visitorName).to.equal('Kim');
    await waitUntil(() => el.phase === 'queued', 'never queued', { timeout: 8000 });
    // Focus stays in the panel (in the composer, where the visitor can write while waiting), never lost to the page.
    await waitUntil(() => deepActive(doc)?.getAttribute('part') === 'composer-input', 'focus lost when the queue replaced the form');

    // The agent joins: the composer gets focus; Enter sends, Shift+Enter breaks the line.
    await sandbox.accept(chat.id, '005DEMO00000002');
    await waitUntil(() => deepActive(doc)?.getAttribute('part') === 'composer-input', 'composer not focused when the chat began', {
      timeout: 8000,
    });
    await sendKeys({ type: 'first line' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'second line' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      async () => (await sandbox!.received(chat.id)).some((r) => JSON.stringify(r.body).includes('first line\\nsecond line')),
      'the two-line message never arrived',
      { timeout: 8000 },
    );

    // An incoming message does not steal focus.
    await sandbox.say(chat.id, 'Got it!');
    await waitUntil(() => q(el, 'live-chat-transcript', '[part~="agent"]'), 'agent message not shown', { timeout: 8000 });
    expect(deepActive(doc)?.getAttribute('part')).to.equal('composer-input');

    // Escape minimizes to the launcher; Enter reopens onto the composer.
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => part('launcher')(deepActive(doc)), 'focus did not return to the launcher');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActive(doc)?.getAttribute('part') === 'composer-input', 'reopening did not focus the composer');

    // End: Shift+Tab back to the end button, Enter asks, Enter confirms.
    await pressUntil(doc, 'Shift+Tab', part('end-button'), 'end button never focused');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => q(el, '[part~="end-confirm"]'), 'no confirmation');
    expect(await axeViolations(win), 'end confirmation').to.deep.equal([]);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.phase === 'ended', 'never ended', { timeout: 8000 });
    await waitUntil(async () => (await sandbox!.state()).chats[0]?.status === 'ended', 'server chat not ended');
    await waitUntil(() => q(el, 'live-chat-postchat', '[part~="restart-button"]'), 'no post-chat view');
    // The post-chat actions are reachable from the keyboard too.
    await pressUntil(doc, 'Tab', part('restart-button'), 'restart button never reachable', 12);
    expect(win.__errors).to.deep.equal([]);
  });
});
