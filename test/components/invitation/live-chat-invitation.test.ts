import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { LiveChatInvitation, endAnchors, slideStart } from '../../../src/components/invitation/live-chat-invitation.js';
import { localeOf } from '../../helpers/locales.js';
import type { InvitationAnswerEvent } from '../../../src/components/events.js';
import { initialSnapshot, type ChatSnapshot, type Invitation } from '../../../src/protocol/snapshot.js';

if (!customElements.get('live-chat-invitation')) customElements.define('live-chat-invitation', LiveChatInvitation);

/** A short, serialisable description of an element: wtr cannot report a failed comparison of DOM nodes. */
const tag = (e: Element | null | undefined): string =>
  e ? e.localName + ['name', 'part', 'value'].map((a) => (e.hasAttribute(a) ? `[${a}=${e.getAttribute(a)}]` : '')).join('') : String(e);

function snap(inv: Partial<Invitation> | null): ChatSnapshot {
  return Object.freeze({
    ...initialSnapshot,
    invitation: inv && Object.freeze({ buttonId: '573INV', renderer: 'Appear', startPosition: 'Bottom', endPosition: 'BottomRight', rejectTime: 0, ...inv }),
  });
}
async function make(s: ChatSnapshot, lang = 'en'): Promise<LiveChatInvitation> {
  const el = await fixture<LiveChatInvitation>(html`<live-chat-invitation .snapshot=${s} .locale=${localeOf(lang)}></live-chat-invitation>`);
  await el.updateComplete;
  return el;
}
const card = (el: LiveChatInvitation) => el.shadowRoot!.querySelector<HTMLElement>('[part="invitation"]');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

before(async () => {
  await setViewport({ width: 800, height: 600 });
  await emulateMedia({ reducedMotion: 'no-preference' });
});

describe('<live-chat-invitation>', () => {
  it('shows nothing without an invitation', async () => {
    const el = await make(snap(null));
    expect(tag(card(el))).to.equal('null');
    await expect(el).to.be.accessible();
  });

  it('shows a named, non-modal card without taking focus, and passes axe', async () => {
    const outside = document.createElement('input');
    outside.setAttribute('aria-label', 'page field');
    document.body.append(outside);
    outside.focus();
    const el = await make(snap({}));
    const c = card(el)!;
    expect(c.getAttribute('role')).to.equal('dialog');
    expect(el.shadowRoot!.getElementById(c.getAttribute('aria-labelledby')!)!.textContent).to.equal('Need a hand?');
    expect(c.parentElement!.getAttribute('aria-live')).to.equal('polite');
    expect(tag(document.activeElement)).to.equal(tag(outside));
    await expect(el).to.be.accessible();
    outside.remove();
  });

  const placements: [string, (r: DOMRect) => void][] = [
    ['TopLeft', (r) => expect([r.top, r.left]).to.deep.equal([16, 16])],
    ['BottomRight', (r) => expect([600 - r.bottom, 800 - r.right]).to.deep.equal([16, 16])],
    ['Center', (r) => expect([Math.round(r.top + r.height / 2), Math.round(r.left + r.width / 2)]).to.deep.equal([300, 400])],
    ['Top', (r) => expect([r.top, Math.round(r.left + r.width / 2)]).to.deep.equal([16, 400])],
    ['Left', (r) => expect([Math.round(r.top + r.height / 2), r.left]).to.deep.equal([300, 16])],
  ];
  for (const [endPosition, check] of placements) {
    it(`places the card at end position ${endPosition}`, async () => {
      const el = await make(snap({ endPosition }));
      check(card(el)!.getBoundingClientRect());
    });
  }

  it('slides in from the start position', async () => {
    const el = await make(snap({ renderer: 'Slide', startPosition: 'TopLeftTop', endPosition: 'BottomRight' }));
    const [anim] = card(el)!.getAnimations();
    expect(anim, 'a slide animation').to.not.equal(undefined);
    const from = String((anim!.effect as KeyframeEffect).getKeyframes()[0]!.transform);
    const [dx, dy] = from.match(/-?[\d.]+px/g)!.map(parseFloat);
    anim!.finish();
    const r = card(el)!.getBoundingClientRect(); // where it lands: bottom right
    expect([600 - r.bottom, 800 - r.right]).to.deep.equal([16, 16]);
    expect(dx).to.be.closeTo(16 - r.left, 1); // at the left edge…
    expect(dy).to.be.closeTo(-r.height - r.top, 1); // …coming from above the viewport
  });

  it('fades in with Fade, appears at once with Appear and Custom', async () => {
    const fade = await make(snap({ renderer: 'Fade' }));
    const kf = (card(fade)!.getAnimations()[0]!.effect as KeyframeEffect).getKeyframes();
    expect(kf.map((k) => Number(k.opacity))).to.deep.equal([0, 1]);
    for (const renderer of ['Appear', 'Custom'] as const) {
      const el = await make(snap({ renderer }));
      expect(card(el)!.getAnimations(), renderer).to.have.length(0);
    }
  });

  it('does not animate under reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      for (const renderer of ['Slide', 'Fade'] as const) {
        const el = await make(snap({ renderer, startPosition: 'Left' }));
        expect(card(el)!.getAnimations(), renderer).to.have.length(0);
      }
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('does not animate when the page turns motion off with --live-chat-motion: 0', async () => {
    document.documentElement.style.setProperty('--live-chat-motion', '0');
    try {
      const el = await make(snap({ renderer: 'Slide', startPosition: 'Left' }));
      expect(card(el)!.getAnimations()).to.have.length(0);
    } finally {
      document.documentElement.style.removeProperty('--live-chat-motion');
    }
  });

  it('times the invitation again after being moved in the page', async () => {
    const el = await make(snap(null));
    const answers: boolean[] = [];
    el.addEventListener('invitation-answer', (e) => answers.push(e.detail.accepted));
    el.snapshot = snap({ rejectTime: 0.1 });
    await el.updateComplete;
    const parent = el.parentElement!;
    el.remove();
    await sleep(200);
    expect(answers, 'no timer while out of the page').to.deep.equal([]);
    parent.append(el);
    await waitUntil(() => answers.length === 1, 'never auto-rejected after reconnecting');
  });

  it('accepts from the keyboard and hides the card', async () => {
    const el = await make(snap({}));
    card(el)!.querySelector<HTMLElement>('[part="invitation-decline"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('invitation-accept');
    const ev = oneEvent(el, 'invitation-answer') as Promise<InvitationAnswerEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await ev).detail).to.deep.equal({ accepted: true });
    await el.updateComplete;
    expect(tag(card(el))).to.equal('null');
  });

  it('declines with the button or with Escape', async () => {
    const el = await make(snap({}));
    let ev = oneEvent(el, 'invitation-answer') as Promise<InvitationAnswerEvent>;
    card(el)!.querySelector<HTMLElement>('[part="invitation-decline"]')!.click();
    expect((await ev).detail.accepted).to.equal(false);
    el.snapshot = snap({ buttonId: 'next' });
    await el.updateComplete;
    card(el)!.querySelector<HTMLElement>('[part="invitation-accept"]')!.focus();
    ev = oneEvent(el, 'invitation-answer') as Promise<InvitationAnswerEvent>;
    await sendKeys({ press: 'Escape' });
    expect((await ev).detail.accepted).to.equal(false);
  });

  it('rejects itself after rejectTime, once', async () => {
    const answers: boolean[] = [];
    const el = await make(snap(null));
    el.addEventListener('invitation-answer', (e) => answers.push(e.detail.accepted));
    el.snapshot = snap({ rejectTime: 0.05 });
    await waitUntil(() => answers.length === 1, 'never auto-rejected');
    expect(answers).to.deep.equal([false]);
    await el.updateComplete;
    expect(tag(card(el))).to.equal('null');
    await sleep(120);
    expect(answers).to.deep.equal([false]);
  });

  it('never rejects by itself when rejectTime is 0', async () => {
    const el = await make(snap({ rejectTime: 0 }));
    let fired = false;
    el.addEventListener('invitation-answer', () => (fired = true));
    await sleep(150);
    expect(fired).to.equal(false);
    expect(card(el)).to.not.equal(null);
  });

  it('holds the countdown while the visitor is on the card', async () => {
    const el = await make(snap(null));
    let fired = false;
    el.addEventListener('invitation-answer', () => (fired = true));
    el.snapshot = snap({ rejectTime: 0.1 });
    await el.updateComplete;
    card(el)!.querySelector<HTMLElement>('[part="invitation-accept"]')!.focus();
    await sleep(250);
    expect(fired, 'kept while focused').to.equal(false);
    (el.shadowRoot!.activeElement as HTMLElement).blur();
    await waitUntil(() => fired, 'countdown never resumed');
  });

  it('renders Arabic right-to-left and passes axe', async () => {
    const el = await make(snap({}), 'ar');
    const c = card(el)!;
    expect(c.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(c).direction).to.equal('rtl');
    expect(c.querySelector('[part="invitation-accept"]')!.textContent!.trim()).to.equal('ابدأ الدردشة');
    await expect(el).to.be.accessible();
  });

  it('renders hostile strings from a strings table as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const locale = localeOf('en');
    const el = await make(snap({}));
    el.locale = { ...locale, strings: { ...locale.strings, 'invite.text': hostile } };
    await el.updateComplete;
    expect(el.shadowRoot!.getElementById('text')!.textContent).to.equal(hostile);
    expect(tag(el.shadowRoot!.querySelector('img'))).to.equal('null');
  });
});

describe('<live-chat-invitation> theming', () => {
  afterEach(async () => {
    document.documentElement.style.removeProperty('--live-chat-color-surface');
    await emulateMedia({ colorScheme: 'light' });
  });

  it('follows prefers-color-scheme, and a token set on :root wins', async () => {
    const el = await make(snap({}));
    expect(getComputedStyle(card(el)!).backgroundColor).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(getComputedStyle(card(el)!).backgroundColor).to.equal('rgb(27, 27, 31)');
    document.documentElement.style.setProperty('--live-chat-color-surface', 'rgb(1, 2, 3)');
    expect(getComputedStyle(card(el)!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });
});

describe('invitation placement', () => {
  it('maps end positions to anchors, unknown to BottomRight', () => {
    expect(endAnchors('TopLeft')).to.deep.equal(['start', 'start']);
    expect(endAnchors('Bottom')).to.deep.equal(['end', 'center']);
    expect(endAnchors('Right')).to.deep.equal(['center', 'end']);
    expect(endAnchors('Center')).to.deep.equal(['center', 'center']);
    expect(endAnchors('')).to.deep.equal(['end', 'end']);
    expect(endAnchors('Sideways')).to.deep.equal(['end', 'end']);
  });

  it('maps all sixteen start positions to off-screen points', () => {
    const [vw, vh, w, h] = [1000, 800, 200, 100];
    const table: Record<string, [number, number]> = {
      TopLeft: [-200, -100],
      TopLeftTop: [16, -100],
      Top: [400, -100],
      TopRightTop: [784, -100],
      TopRight: [1000, -100],
      TopRightRight: [1000, 16],
      Right: [1000, 350],
      BottomRightRight: [1000, 684],
      BottomRight: [1000, 800],
      BottomRightBottom: [784, 800],
      Bottom: [400, 800],
      BottomLeftBottom: [16, 800],
      BottomLeft: [-200, 800],
      BottomLeftLeft: [-200, 684],
      Left: [-200, 350],
      TopLeftLeft: [-200, 16],
    };
    for (const [pos, point] of Object.entries(table)) expect(slideStart(pos, vw, vh, w, h), pos).to.deep.equal(point);
    expect(slideStart('', vw, vh, w, h), 'unknown: from below').to.deep.equal([400, 800]);
  });
});
