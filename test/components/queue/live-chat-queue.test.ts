import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { LiveChatQueue, queueStatusText } from '../../../src/components/queue/live-chat-queue.js';
import { localeOf } from '../../helpers/locales.js';
import { de, en } from '../../helpers/locales.js';
import { initialSnapshot, type ChatSnapshot, type QueueState } from '../../../src/protocol/snapshot.js';

if (!customElements.get('live-chat-queue')) customElements.define('live-chat-queue', LiveChatQueue);

/** A short, serialisable description of an element: wtr cannot report a failed comparison of DOM nodes. */
const tag = (e: Element | null | undefined): string =>
  e ? e.localName + ['name', 'part', 'value'].map((a) => (e.hasAttribute(a) ? `[${a}=${e.getAttribute(a)}]` : '')).join('') : String(e);

function snap(queue: Partial<QueueState>, phase: ChatSnapshot['phase'] = 'queued'): ChatSnapshot {
  return Object.freeze({
    ...initialSnapshot,
    phase,
    sendBlocked: 'waiting-for-agent',
    queue: Object.freeze({ position: null, estimatedWaitTime: null, ...queue }),
  });
}
async function make(s: ChatSnapshot, lang = 'en'): Promise<LiveChatQueue> {
  const el = await fixture<LiveChatQueue>(html`<live-chat-queue .snapshot=${s} .locale=${localeOf(lang)}></live-chat-queue>`);
  await el.updateComplete;
  return el;
}
const $ = (el: LiveChatQueue, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel)!;
const texts = (el: LiveChatQueue) => [$(el, '.position').textContent, $(el, '.wait').hidden ? null : $(el, '.wait').textContent];

describe('<live-chat-queue>', () => {
  it('shows "waiting" when position and wait are unknown, and passes axe', async () => {
    const el = await make(snap({}));
    expect($(el, '[part="queue-position"]')).to.not.equal(null);
    expect(texts(el)).to.deep.equal(['Waiting for the next available agent…', null]);
    await expect(el).to.be.accessible();
  });

  it('shows position and estimated wait, updated live from new snapshots', async () => {
    const el = await make(snap({ position: 3, estimatedWaitTime: 150 }));
    expect(texts(el)).to.deep.equal(['You are number 3 in line.', 'Estimated wait: about 3 minutes.']);
    await expect(el).to.be.accessible();
    el.snapshot = snap({ position: 1, estimatedWaitTime: 30 });
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['You are next in line.', 'Estimated wait: less than a minute.']);
    el.snapshot = snap({ position: 12, estimatedWaitTime: 7200 });
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['You are number 12 in line.', 'Estimated wait: about 2 hours.']);
    el.snapshot = snap({ position: null, estimatedWaitTime: 60 });
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['Waiting for the next available agent…', 'Estimated wait: about 1 minute.']);
  });

  it('treats nonsense values as unknown and renders nothing but text', async () => {
    const bad = { position: '<img src=x onerror=alert(1)>', estimatedWaitTime: -1 } as unknown as QueueState;
    const el = await make(snap(bad));
    expect(texts(el)).to.deep.equal(['Waiting for the next available agent…', null]);
    el.snapshot = snap({ position: 0, estimatedWaitTime: Number.NaN });
    await el.updateComplete;
    expect(texts(el)).to.deep.equal(['Waiting for the next available agent…', null]);
    expect(tag(el.shadowRoot!.querySelector('img'))).to.equal('null');
  });

  it('leaves the queue from the keyboard', async () => {
    const el = await make(snap({ position: 2 }));
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(tag(el.shadowRoot!.activeElement)).to.equal(tag($(el, '[part="cancel-button"]')));
    const ev = oneEvent(el, 'end-request');
    await sendKeys({ press: 'Enter' });
    expect((await ev).detail).to.equal(null);
    before.remove();
  });

  it('animates the indicator only when motion is allowed', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    const el = await make(snap({}));
    expect($(el, '.progress span').getAnimations()).to.have.length(1);
    await emulateMedia({ reducedMotion: 'reduce' });
    await new Promise((r) => requestAnimationFrame(r));
    expect($(el, '.progress span').getAnimations()).to.have.length(0);
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('is localised and right-to-left in Arabic, passes axe', async () => {
    const el = await make(snap({ position: 4, estimatedWaitTime: 300 }), 'ar');
    const root = $(el, '[part="queue-position"]');
    expect(root.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(root).direction).to.equal('rtl');
    expect(texts(el)[0]).to.match(/^ترتيبك في قائمة الانتظار: /);
    expect(texts(el)[1]).to.match(/^مدة الانتظار المتوقعة: حوالي /);
    expect($(el, '[part="cancel-button"]').textContent).to.equal('مغادرة قائمة الانتظار');
    await expect(el).to.be.accessible();
  });
});

describe('queueStatusText', () => {
  it('gives the status-region text only while queued', () => {
    expect(queueStatusText(snap({ position: 3, estimatedWaitTime: 150 }), en, 'en')).to.equal(
      'You are number 3 in line. Estimated wait: about 3 minutes.',
    );
    expect(queueStatusText(snap({}), en, 'en')).to.equal('Waiting for the next available agent…');
    for (const phase of ['connecting', 'active', 'idle', 'ended'] as const) {
      expect(queueStatusText(snap({ position: 3 }, phase), en, 'en'), phase).to.equal('');
    }
  });

  it('formats numbers and durations with Intl for the language', () => {
    expect(queueStatusText(snap({ position: 1234, estimatedWaitTime: 300 }), de, 'de')).to.equal(
      'Sie sind Nummer 1.234 in der Warteschlange. Geschätzte Wartezeit: etwa 5 Minuten.',
    );
  });
});
