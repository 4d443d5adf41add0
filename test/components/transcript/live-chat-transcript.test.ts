/**
 * <live-chat-transcript> with snapshots set directly: entries and parts, text-only rendering,
 * links, append-only updates, delivery status and retry, localisation, typing, scrolling, axe.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { LiveChatTranscript } from '../../../src/components/transcript/live-chat-transcript.js';
import { initialSnapshot, type ChatSnapshot, type TranscriptEntry } from '../../../src/protocol/snapshot.js';
import { localeOf } from '../../helpers/locales.js';

const T0 = Date.UTC(2026, 0, 2, 9, 30);
let seq = 0;
function agent(text: string, extra: Partial<TranscriptEntry> = {}): TranscriptEntry {
  const n = seq++;
  return { id: `a${n}`, kind: 'agent', text, name: 'Ada L.', time: T0 + n * 1000, sequence: n, ...extra };
}
function visitor(text: string, status: TranscriptEntry['status'] = 'sent', id = `v${seq}`): TranscriptEntry {
  const n = seq++;
  return { id, kind: 'visitor', text, name: 'Sam', time: T0 + n * 1000, sequence: n, status };
}
function system(event: TranscriptEntry['event'], text: string, params?: TranscriptEntry['params']): TranscriptEntry {
  const n = seq++;
  return { id: `s${n}`, kind: 'system', text, name: '', time: T0 + n * 1000, sequence: n, event, ...(params ? { params } : {}) };
}
function snap(transcript: TranscriptEntry[], extra: Partial<ChatSnapshot> = {}): ChatSnapshot {
  return Object.freeze({ ...initialSnapshot, phase: 'active', sendBlocked: null, transcript: Object.freeze(transcript), ...extra });
}
async function make(s: ChatSnapshot, lang = 'en'): Promise<LiveChatTranscript> {
  const el = await fixture<LiveChatTranscript>(
    html`<live-chat-transcript style="height:300px" .snapshot=${s} .locale=${localeOf(lang)}></live-chat-transcript>`,
  );
  await el.updateComplete;
  return el;
}
const entries = (el: LiveChatTranscript) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]')];

describe('<live-chat-transcript>', () => {
  it('is one focusable, labelled composite with its own polite region, and passes axe when empty', async () => {
    const el = await make(snap([]));
    const log = el.shadowRoot!.querySelector<HTMLElement>('[part="transcript"]')!;
    expect(log.getAttribute('role')).to.equal('group');
    expect(log.tabIndex).to.equal(0);
    expect(log.getAttribute('aria-label')).to.equal('Conversation');
    // The visible log is not live (it would re-read groups and the visitor's own messages).
    expect(log.querySelector('[aria-live]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.announce')!.getAttribute('aria-live')).to.equal('polite');
    expect(entries(el)).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('renders agent, visitor and system entries with author, time and parts', async () => {
    const hello = agent('Hello!');
    const el = await make(snap([system('connected', 'Ada L. joined', { name: 'Ada L.' }), hello, visitor('Hi there')]));
    const [s, a, v] = entries(el);
    expect(s!.getAttribute('part')).to.equal('message system');
    expect(s!.textContent).to.contain('\u2068Ada L.\u2069 joined the chat'); // the name isolated (bidi)
    expect(a!.getAttribute('part')).to.equal('message agent');
    expect(a!.textContent).to.contain('Ada L.').and.contain('Hello!');
    expect(v!.getAttribute('part')).to.equal('message visitor');
    expect(v!.textContent).to.contain('You').and.contain('Hi there');
    const time = a!.closest('[part~="message-group"]')!.querySelector('time')!; // one name/time line per group
    expect(time.getAttribute('datetime')).to.equal(new Date(hello.time).toISOString());
    expect(time.textContent).to.equal(new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(hello.time));
    await expect(el).to.be.accessible();
  });

  it('renders hostile server strings as text, never HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const el = await make(snap([agent(hostile, { name: '<b>evil</b>' }), system('custom', hostile)]));
    expect(el.shadowRoot!.querySelector('img, script, b')).to.equal(null);
    expect(entries(el)[0]!.textContent).to.contain(hostile).and.contain('<b>evil</b>');
    expect(entries(el)[1]!.textContent).to.contain(hostile);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('turns http(s) URLs into safe links and leaves other schemes as text', async () => {
    const el = await make(snap([agent('See https://example.com/a?b=1. Or javascript:alert(1) or ftp://x.y/z')]));
    const links = el.shadowRoot!.querySelectorAll('a');
    expect(links).to.have.length(1);
    expect(links[0]!.href).to.equal('https://example.com/a?b=1');
    expect(links[0]!.target).to.equal('_blank');
    expect(links[0]!.rel).to.equal('noopener noreferrer');
    expect(entries(el)[0]!.textContent).to.contain('javascript:alert(1) or ftp://x.y/z');
  });

  it('wraps long words', async () => {
    const el = await make(snap([agent('x'.repeat(500))]));
    const bubble = entries(el)[0]!.querySelector('.b')!;
    expect(getComputedStyle(entries(el)[0]!).overflowWrap).to.equal('anywhere');
    expect(bubble.getBoundingClientRect().width).to.be.at.most(el.getBoundingClientRect().width);
  });

  it('appends new entries without re-rendering old ones', async () => {
    const first = [agent('one'), visitor('two', 'sent')];
    const el = await make(snap(first));
    const before = entries(el);
    el.snapshot = snap([...first, agent('three')]);
    await el.updateComplete;
    const after = entries(el);
    expect(after).to.have.length(3);
    expect(after[0]).to.equal(before[0]);
    expect(after[1]).to.equal(before[1]);
    expect(after[2]!.textContent).to.contain('three');
  });

  it('updates only the entry whose delivery status changed', async () => {
    const a = agent('hello');
    const v1 = visitor('first', 'pending', 'p1');
    const v2 = visitor('second', 'pending', 'p2');
    const el = await make(snap([a, v1, v2]));
    const before = entries(el);
    expect(before[1]!.textContent).to.contain('Sending…');
    el.snapshot = snap([a, { ...v1, status: 'sent' }, v2]);
    await el.updateComplete;
    const after = entries(el);
    expect(after[0]).to.equal(before[0]);
    expect(after[1]).not.to.equal(before[1]);
    // Sent, but not the last visitor message: nothing to say any more.
    expect(after[1]!.textContent).not.to.contain('Sending…').and.not.to.contain('Sent');
    expect(after[2]).to.equal(before[2]);
    el.snapshot = snap([a, { ...v1, status: 'sent' }, { ...v2, status: 'sent' }]);
    await el.updateComplete;
    expect(entries(el)[2]!.querySelector('.st')!.textContent).to.equal('Sent');
  });

  it('shows failed messages with a retry button that fires RetryRequestEvent', async () => {
    const el = await make(snap([visitor('lost one', 'failed', 'f1')]));
    const retry = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
    expect(entries(el)[0]!.textContent).to.contain('Not sent');
    await expect(el).to.be.accessible();
    setTimeout(() => retry.click());
    const ev = await oneEvent(el, 'retry-request');
    expect(ev.detail.id).to.equal('f1');
    expect(ev.composed).to.equal(false);
  });

  it('localises system entries from event + params and falls back to text', async () => {
    const el = await make(
      snap([system('idle-warning', 'Still there?', { seconds: 1500 }), system('custom', 'Custom text'), system('ended-by-agent', 'x')]),
      'de',
    );
    const [idle, custom, ended] = entries(el);
    expect(idle!.textContent).to.contain('Der Chat endet in 1.500 Sekunden');
    expect(custom!.textContent).to.contain('Custom text');
    expect(ended!.textContent).to.contain('Der Mitarbeiter hat den Chat beendet');
  });

  it('redraws in the new language when the locale changes', async () => {
    const el = await make(snap([visitor('hi')]));
    expect(entries(el)[0]!.textContent).to.contain('You');
    el.locale = localeOf('de');
    await el.updateComplete;
    expect(entries(el)).to.have.length(1);
    expect(entries(el)[0]!.textContent).to.contain('Sie');
  });

  it('starts over when a new chat replaces the transcript', async () => {
    const el = await make(snap([agent('old chat')]));
    el.snapshot = snap([agent('new chat')]);
    await el.updateComplete;
    expect(entries(el)).to.have.length(1);
    expect(entries(el)[0]!.textContent).to.contain('new chat');
  });

  it('shows the agent typing indicator', async () => {
    const el = await make(snap([agent('hi')], { agent: { name: 'Ada L.', id: '005', sneakPeekEnabled: false }, agentTyping: true }));
    const typing = el.shadowRoot!.querySelector<HTMLElement>('[part="typing-indicator"]')!;
    expect(typing.hidden).to.equal(false);
    expect(typing.textContent!.replace(/[\u2068\u2069]/g, '')).to.contain('Ada L. is typing');
    await expect(el).to.be.accessible();
    el.snapshot = snap([agent('hi')], { agentTyping: false });
    await el.updateComplete;
    expect(typing.hidden).to.equal(true);
  });

  it('switches to dark defaults with prefers-color-scheme and keeps contrast (axe)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await make(snap([system('connected', 'x', { name: 'Ada L.' }), agent('dark hello https://example.com'), visitor('hi', 'failed')]));
      el.style.background = '#1b1b1f'; // the panel's dark surface behind it
      const bubble = entries(el)[1]!.querySelector('.b')!;
      expect(getComputedStyle(bubble).backgroundColor).to.equal('rgb(42, 43, 49)');
      expect(getComputedStyle(bubble).color).to.equal('rgb(236, 236, 241)');
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('renders right-to-left text in Arabic and passes axe', async () => {
    const el = await make(snap([agent('مرحبا'), visitor('أهلا')]), 'ar');
    expect(entries(el)[1]!.textContent).to.contain('أنت');
    await expect(el).to.be.accessible();
  });

  it('keeps off-screen entries at full width (content-visibility does not collapse them)', async () => {
    const many = Array.from({ length: 60 }, (_, i) => (i % 2 ? visitor(`message ${i} ${'word '.repeat(30)}`) : agent(`reply ${i}`)));
    const el = await make(snap(many));
    const log = el.shadowRoot!.querySelector<HTMLElement>('.log')!;
    // Pinned to the bottom: the early entries have never been on screen.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const offScreen = entries(el)[1]!.getBoundingClientRect();
    expect(offScreen.bottom).to.be.below(log.getBoundingClientRect().top);
    expect(offScreen.width).to.be.greaterThan(log.clientWidth * 0.5);
  });

  it('stays pinned to the bottom unless the visitor scrolled up', async () => {
    const many = Array.from({ length: 60 }, (_, i) => agent(`message ${i}`));
    const el = await make(snap(many));
    const log = el.shadowRoot!.querySelector<HTMLElement>('.log')!;
    const atBottom = () => log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    await waitUntil(atBottom, 'not at the bottom after the first render');
    el.snapshot = snap([...many, agent('next')]);
    await el.updateComplete;
    await waitUntil(atBottom, 'did not follow a new message');
    log.scrollTop = 0;
    await new Promise((r) => log.addEventListener('scroll', r, { once: true }));
    el.snapshot = snap([...many, agent('next'), agent('another')]);
    await el.updateComplete;
    expect(log.scrollTop).to.equal(0);
  });
});
