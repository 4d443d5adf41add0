/**
 * The transcript as one keyboard composite (BotFramework Web Chat's model), with real key
 * presses (sendKeys): Tab reaches it once and goes on to the composer, entering activates the
 * last message (aria-activedescendant), arrows/Home/End move, Enter reaches a message's
 * controls and Tab past the last returns to it, Escape goes to the composer, PageUp/PageDown
 * in an empty composer scroll the log, arriving messages never move focus.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { LiveChatTranscript } from '../../../src/components/transcript/live-chat-transcript.js';
import type { LiveChatComposer } from '../../../src/components/composer/live-chat-composer.js';
import { initialSnapshot, type ChatSnapshot, type TranscriptEntry } from '../../../src/protocol/snapshot.js';
import { localeOf } from '../../helpers/locales.js';

const T0 = new Date(2026, 0, 2, 9, 0).getTime();
let seq = 0;
function entry(kind: 'agent' | 'visitor', text: string): TranscriptEntry {
  const n = seq++;
  return { id: `k${n}`, kind, text, name: kind === 'agent' ? 'Ada L.' : 'Sam', time: T0 + n * 1000, sequence: n, ...(kind === 'visitor' ? { status: 'sent' as const } : {}) };
}
function snap(transcript: TranscriptEntry[]): ChatSnapshot {
  return Object.freeze({ ...initialSnapshot, phase: 'active', sendBlocked: null, transcript: Object.freeze(transcript) });
}

interface Rig {
  before: HTMLButtonElement;
  transcript: LiveChatTranscript;
  composer: LiveChatComposer;
  log: HTMLElement;
  items: () => HTMLElement[];
  active: () => HTMLElement | undefined;
}

async function rig(list: TranscriptEntry[], height = 260): Promise<Rig> {
  const s = snap(list);
  const box = await fixture<HTMLDivElement>(html`<div style="display:flex;flex-direction:column;height:${height + 120}px">
    <button id="before">before</button>
    <live-chat-transcript style="height:${height}px;flex:none" .snapshot=${s} .locale=${localeOf('en')}></live-chat-transcript>
    <live-chat-composer .snapshot=${s} .locale=${localeOf('en')}></live-chat-composer>
  </div>`);
  const transcript = box.querySelector('live-chat-transcript')!;
  const composer = box.querySelector('live-chat-composer')!;
  await transcript.updateComplete;
  await composer.updateComplete;
  const log = transcript.shadowRoot!.querySelector<HTMLElement>('[part="transcript"]')!;
  const items = () => [...transcript.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]')];
  return {
    before: box.querySelector('#before')!,
    transcript,
    composer,
    log,
    items,
    active: () => items().find((m) => m.id === log.getAttribute('aria-activedescendant')),
  };
}

const focused = (r: Rig) => r.transcript.shadowRoot!.activeElement;
const composerFocused = (r: Rig) => document.activeElement === r.composer && r.composer.shadowRoot!.activeElement?.localName === 'textarea';

describe('<live-chat-transcript> keyboard', () => {
  it('Tab reaches the log once (activating the last message) and goes on to the composer, past every link', async () => {
    const r = await rig([entry('agent', 'see https://a.example and https://b.example'), entry('visitor', 'ok'), entry('agent', 'also https://c.example')]);
    r.before.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(r)).to.equal(r.log);
    expect(r.active()).to.equal(r.items().at(-1));
    expect(r.active()!.classList.contains('active')).to.equal(true);
    // Every message element has an id the composite can point at.
    expect(r.items().every((m) => m.id && r.transcript.shadowRoot!.getElementById(m.id) === m)).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(composerFocused(r)).to.equal(true);
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(r)).to.equal(r.log);
    expect(r.active()).to.equal(r.items().at(-1));
  });

  it('ArrowUp/ArrowDown move one message, Home/End to the first/last, with a visible indicator', async () => {
    const r = await rig(Array.from({ length: 30 }, (_, i) => entry(i % 3 ? 'agent' : 'visitor', `message ${i}`)));
    r.log.focus();
    const at = () => r.items().indexOf(r.active()!);
    expect(at()).to.equal(29);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(at()).to.equal(27);
    await sendKeys({ press: 'ArrowDown' });
    expect(at()).to.equal(28);
    await sendKeys({ press: 'Home' });
    expect(at()).to.equal(0);
    // The active message is scrolled into view and outlined.
    const m = r.active()!.getBoundingClientRect();
    const box = r.log.getBoundingClientRect();
    expect(m.top).to.be.at.least(box.top - 1);
    expect(getComputedStyle(r.active()!).outlineStyle).to.equal('solid');
    expect(getComputedStyle(r.items()[1]!).outlineStyle).to.equal('none');
    await sendKeys({ press: 'ArrowUp' });
    expect(at()).to.equal(0);
    await sendKeys({ press: 'End' });
    expect(at()).to.equal(29);
    expect(r.active()!.getBoundingClientRect().bottom).to.be.at.most(r.log.getBoundingClientRect().bottom + 1);
  });

  it('Enter moves focus to the first control of the active message; Tab past the last returns to the message', async () => {
    const r = await rig([entry('agent', 'links: https://a.example and https://b.example'), entry('agent', 'plain text')]);
    r.log.focus();
    await sendKeys({ press: 'ArrowUp' });
    const links = [...r.active()!.querySelectorAll('a')];
    expect(links.map((a) => a.tabIndex)).to.deep.equal([-1, -1]);
    await sendKeys({ press: 'Enter' });
    expect(focused(r)).to.equal(links[0]);
    await sendKeys({ press: 'Tab' });
    expect(focused(r)).to.equal(links[1]);
    await sendKeys({ press: 'Tab' });
    expect(focused(r)).to.equal(r.log);
    expect(r.active()).to.equal(r.items()[0]);
    expect(links.map((a) => a.tabIndex)).to.deep.equal([-1, -1]);
    // Shift+Tab before the first control, and Escape, also return.
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Shift+Tab' });
    expect(focused(r)).to.equal(r.log);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Escape' });
    expect(focused(r)).to.equal(r.log);
    // Enter on a message without controls does nothing.
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(focused(r)).to.equal(r.log);
  });

  it('Escape moves focus to the composer (and does not reach the panel, which would minimise)', async () => {
    const r = await rig([entry('agent', 'hello')]);
    let escaped = false;
    r.transcript.parentElement!.addEventListener('keydown', (e) => (escaped ||= e.key === 'Escape'));
    r.log.focus();
    await sendKeys({ press: 'Escape' });
    expect(composerFocused(r)).to.equal(true);
    expect(escaped).to.equal(false);
  });

  it('PageUp/PageDown in an empty composer scroll the log; with text in it they do not', async () => {
    const r = await rig(Array.from({ length: 60 }, (_, i) => entry('agent', `message ${i}`)));
    await waitUntil(() => r.log.scrollTop > 0, 'not at the bottom');
    const bottom = r.log.scrollTop;
    r.composer.focus();
    await sendKeys({ press: 'PageUp' });
    await waitUntil(() => r.log.scrollTop < bottom - 100, 'PageUp did not scroll the log');
    const up = r.log.scrollTop;
    await sendKeys({ press: 'PageDown' });
    await waitUntil(() => r.log.scrollTop > up + 100, 'PageDown did not scroll the log');
    expect(composerFocused(r)).to.equal(true);
    await sendKeys({ type: 'draft' });
    const now = r.log.scrollTop;
    await sendKeys({ press: 'PageUp' });
    await new Promise((done) => setTimeout(done, 150));
    expect(r.log.scrollTop).to.equal(now);
  });

  it('arriving messages never move focus or the active message', async () => {
    const list = [entry('agent', 'one'), entry('agent', 'two')];
    const r = await rig(list);
    r.log.focus();
    await sendKeys({ press: 'ArrowUp' });
    const active = r.active();
    r.transcript.snapshot = snap([...list, entry('agent', 'three')]);
    await r.transcript.updateComplete;
    expect(focused(r)).to.equal(r.log);
    expect(r.active()).to.equal(active);
    r.composer.focus();
    r.transcript.snapshot = snap([...list, entry('agent', 'three'), entry('agent', 'four')]);
    await r.transcript.updateComplete;
    expect(composerFocused(r)).to.equal(true);
    await expect(r.transcript).to.be.accessible();
  });
});
