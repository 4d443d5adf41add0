/**
 * AwayController on a throwaway host with snapshots set directly: the title badge while the
 * page is hidden (visibility emulated) or the panel minimised, restored on return; the chime
 * (AudioContext stubbed) only with `sound`, only after an interaction, only from the leading
 * tab, never muted; the mute choice remembered.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { AwayController, MUTE_KEY } from '../../../src/components/live-chat/away.js';
import { initialSnapshot, type ChatSnapshot, type TranscriptEntry } from '../../../src/protocol/snapshot.js';

class AwayHost extends LitElement {
  static override properties = { expanded: { type: Boolean }, sound: { type: Boolean } };
  expanded = true;
  sound = true;
  readonly away = new AwayController(this);
}
customElements.define('away-test-host', AwayHost);

let seq = 0;
const entry = (kind: TranscriptEntry['kind']): TranscriptEntry => {
  const n = seq++;
  return { id: `w${n}`, kind, text: `text ${n}`, name: kind === 'agent' ? 'Ada L.' : '', time: Date.now(), sequence: n };
};
const snapOf = (transcript: TranscriptEntry[], leader = true): ChatSnapshot =>
  Object.freeze({ ...initialSnapshot, phase: 'active', leader, transcript: Object.freeze(transcript) });

/** Feeds `kinds` one snapshot at a time, as the controller would. */
function feed(host: AwayHost, state: { list: TranscriptEntry[] }, kinds: TranscriptEntry['kind'][], leader = true) {
  for (const k of kinds) {
    const prev = snapOf(state.list, leader);
    state.list = [...state.list, entry(k)];
    host.away.onSnapshot(snapOf(state.list, leader), prev);
  }
}

let hidden = false;
function setHidden(value: boolean) {
  hidden = value;
  document.dispatchEvent(new Event('visibilitychange'));
}

/** A stand-in AudioContext: counts contexts and chimes (one gain node per chime). */
class FakeAudio {
  static made = 0;
  static chimes = 0;
  currentTime = 0;
  destination = {};
  constructor() {
    FakeAudio.made++;
  }
  resume() {
    return Promise.resolve();
  }
  close() {
    return Promise.resolve();
  }
  createGain() {
    FakeAudio.chimes++;
    return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (next: unknown) => next };
  }
  createOscillator() {
    return { frequency: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (next: unknown) => next, start() {}, stop() {} };
  }
}

const realAudio = window.AudioContext;
const realTitle = document.title;

async function make(opts: { expanded?: boolean; sound?: boolean } = {}) {
  const host = await fixture<AwayHost>(html`<away-test-host></away-test-host>`);
  host.expanded = opts.expanded ?? true;
  host.sound = opts.sound ?? true;
  await host.updateComplete;
  return { host, state: { list: [] as TranscriptEntry[] } };
}

describe('AwayController', () => {
  beforeEach(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
    (window as { AudioContext: unknown }).AudioContext = FakeAudio;
    FakeAudio.made = FakeAudio.chimes = 0;
    localStorage.removeItem(MUTE_KEY);
    document.title = 'Shop';
  });
  afterEach(() => {
    setHidden(false);
    delete (document as { visibilityState?: unknown }).visibilityState;
    window.AudioContext = realAudio;
    localStorage.removeItem(MUTE_KEY);
    document.title = realTitle;
  });

  it('badges the title with unread agent messages while the page is hidden, and restores it on return', async () => {
    const { host, state } = await make();
    feed(host, state, ['agent']);
    expect(document.title).to.equal('Shop'); // visible and open: the visitor sees it
    setHidden(true);
    feed(host, state, ['agent', 'visitor', 'system', 'agent']);
    expect(document.title).to.equal('(2) Shop');
    setHidden(false);
    expect(document.title).to.equal('Shop');
    expect(host.away.count).to.equal(0);
  });

  it('badges while the panel is minimised; opening it restores the title', async () => {
    const { host, state } = await make({ expanded: false });
    feed(host, state, ['agent']);
    expect(document.title).to.equal('(1) Shop');
    // The page renames itself meanwhile: the badge follows its new title.
    document.title = 'Checkout';
    feed(host, state, ['agent']);
    expect(document.title).to.equal('(2) Checkout');
    host.expanded = true;
    await host.updateComplete;
    expect(document.title).to.equal('Checkout');
  });

  it('a new chat or a restored transcript is not news', async () => {
    const { host } = await make({ expanded: false });
    const old = snapOf([entry('agent')]);
    host.away.onSnapshot(snapOf([entry('agent'), entry('agent')]), old);
    expect(document.title).to.equal('Shop');
  });

  it('chimes only after the visitor interacted, only while away, only from the leading tab', async () => {
    const { host, state } = await make({ expanded: false });
    feed(host, state, ['agent']);
    expect(FakeAudio.made, 'no audio before any interaction (autoplay rules)').to.equal(0);
    expect(FakeAudio.chimes).to.equal(0);
    host.dispatchEvent(new Event('pointerdown'));
    expect(FakeAudio.made).to.equal(1);
    feed(host, state, ['agent']);
    expect(FakeAudio.chimes).to.equal(1);
    feed(host, state, ['agent'], false); // a following tab stays quiet
    expect(FakeAudio.chimes).to.equal(1);
    feed(host, state, ['visitor', 'system']);
    expect(FakeAudio.chimes).to.equal(1);
    host.expanded = true;
    await host.updateComplete;
    feed(host, state, ['agent']); // open and visible: no sound
    expect(FakeAudio.chimes).to.equal(1);
    setHidden(true);
    feed(host, state, ['agent']);
    expect(FakeAudio.chimes).to.equal(2);
  });

  it('stays silent without `sound`, and when muted; the mute choice is remembered', async () => {
    const quiet = await make({ expanded: false, sound: false });
    quiet.host.dispatchEvent(new Event('keydown'));
    feed(quiet.host, quiet.state, ['agent']);
    expect(FakeAudio.made).to.equal(0);
    expect(FakeAudio.chimes).to.equal(0);

    const { host, state } = await make({ expanded: false });
    host.dispatchEvent(new Event('keydown'));
    expect(host.away.muted).to.equal(false);
    host.away.toggleMute();
    expect(host.away.muted).to.equal(true);
    expect(localStorage.getItem(MUTE_KEY)).to.equal('1');
    feed(host, state, ['agent']);
    expect(FakeAudio.chimes).to.equal(0);
    const again = await make();
    expect(again.host.away.muted, 'a new page remembers').to.equal(true);
    again.host.away.toggleMute();
    expect(localStorage.getItem(MUTE_KEY)).to.equal(null);
  });
});
