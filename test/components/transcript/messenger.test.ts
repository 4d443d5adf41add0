/**
 * <live-chat-transcript>, messenger style, with snapshots set directly and controlled times:
 * grouping, day separators, times for assistive technology, delivery state, avatars from each
 * source (a hostile URL refused), announcements (what is added, once), the new-messages pill,
 * the typing indicator pin, bidi isolation, axe in each state.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { LiveChatTranscript } from '../../../src/components/transcript/live-chat-transcript.js';
import { initialSnapshot, type ChatSnapshot, type TranscriptEntry } from '../../../src/protocol/snapshot.js';
import { localeOf } from '../../helpers/locales.js';

/** Local times (day separators follow the visitor's own calendar). */
const at = (d: number, h: number, m: number, s = 0) => new Date(2026, 0, d, h, m, s).getTime();
let seq = 0;
function agent(text: string, time: number, extra: Partial<TranscriptEntry> = {}): TranscriptEntry {
  const n = seq++;
  return { id: `a${n}`, kind: 'agent', text, name: 'Ada L.', agentId: '005A', time, sequence: n, ...extra };
}
function visitor(text: string, time: number, status: TranscriptEntry['status'] = 'sent'): TranscriptEntry {
  const n = seq++;
  return { id: `v${n}`, kind: 'visitor', text, name: 'Sam', time, sequence: n, status };
}
function system(event: TranscriptEntry['event'], time: number, params?: TranscriptEntry['params']): TranscriptEntry {
  const n = seq++;
  return { id: `s${n}`, kind: 'system', text: String(event), name: '', time, sequence: n, event, ...(params ? { params } : {}) };
}
const AGENT = { name: 'Ada L.', id: '005A', sneakPeekEnabled: false };
function snap(transcript: TranscriptEntry[], extra: Partial<ChatSnapshot> = {}): ChatSnapshot {
  return Object.freeze({ ...initialSnapshot, phase: 'active', sendBlocked: null, agent: AGENT, transcript: Object.freeze(transcript), ...extra });
}
async function make(s: ChatSnapshot, opts: { lang?: string; avatars?: Record<string, string> | null; fallback?: string; height?: number } = {}) {
  const el = await fixture<LiveChatTranscript>(html`<live-chat-transcript
    style="height:${opts.height ?? 300}px"
    .snapshot=${s}
    .locale=${localeOf(opts.lang ?? 'en')}
    .agentAvatars=${opts.avatars ?? null}
    default-avatar=${opts.fallback ?? ''}
  ></live-chat-transcript>`);
  await el.updateComplete;
  return el;
}
const $$ = (el: LiveChatTranscript, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u2068\u2069]/g, '');
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

describe('<live-chat-transcript> messenger', () => {
  it('groups consecutive messages of one author within five minutes, with one name/time line', async () => {
    const list = [
      system('connected', at(2, 9, 0), { name: 'Ada L.' }),
      agent('Hello', at(2, 9, 0, 5)),
      agent('How can I help?', at(2, 9, 1)),
      visitor('Hi', at(2, 9, 2)),
      visitor('My order', at(2, 9, 2, 30)),
      agent('Let me check', at(2, 9, 3)),
      agent('Found it', at(2, 9, 9)), // six minutes later: a new group
    ];
    const el = await make(snap(list));
    const groups = $$(el, '[part~="message-group"]');
    expect(groups.map((g) => g.querySelectorAll('[part~="message"]').length)).to.deep.equal([2, 2, 1, 1]);
    expect(groups.map((g) => g.querySelectorAll('.meta').length)).to.deep.equal([1, 1, 1, 1]);
    expect(plain(groups[0]!.querySelector('.meta')!.textContent)).to.equal(
      `Ada L. · ${new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(list[1]!.time)}`,
    );
    // The visitor's group shows only the time; agent groups an avatar, visitor groups none.
    expect(groups[1]!.querySelector('.meta')!.textContent).not.to.contain('You');
    expect(groups.map((g) => !!g.querySelector('[part="avatar"]'))).to.deep.equal([true, false, true, true]);
    // The system line stands alone, outside groups.
    expect($$(el, '[part~="system"]')[0]!.closest('[part~="message-group"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a new entry joins the last group or starts one, without touching what is shown', async () => {
    const list = [agent('one', at(2, 10, 0)), agent('two', at(2, 10, 1))];
    const el = await make(snap(list));
    const before = $$(el, '[part~="message"]');
    const group = $$(el, '[part~="message-group"]')[0]!;
    el.snapshot = snap([...list, agent('three', at(2, 10, 2))]);
    await el.updateComplete;
    expect($$(el, '[part~="message-group"]')).to.have.length(1);
    expect(group.querySelectorAll('[part~="message"]')).to.have.length(3);
    expect($$(el, '[part~="message"]').slice(0, 2)).to.deep.equal(before);
    el.snapshot = snap([...list, agent('three', at(2, 10, 2)), visitor('four', at(2, 10, 3))]);
    await el.updateComplete;
    expect($$(el, '[part~="message-group"]')).to.have.length(2);
  });

  it('puts a day separator where the local date changes, and the full date and time in each message for assistive technology', async () => {
    const late = agent('late', at(2, 23, 58));
    const early = agent('early', at(3, 0, 2));
    const el = await make(snap([late, early]));
    const days = $$(el, '[part="day-separator"]');
    const dayFormat = new Intl.DateTimeFormat('en', { dateStyle: 'full' });
    expect(days.map((d) => d.textContent)).to.deep.equal([dayFormat.format(late.time), dayFormat.format(early.time)]);
    // Two minutes apart but across midnight: two groups.
    expect($$(el, '[part~="message-group"]')).to.have.length(2);
    const full = new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short' }).format(early.time);
    expect(plain($$(el, '[part~="message"]')[1]!.querySelector('.sr')!.textContent)).to.equal(`Ada L., ${full}:`);
    expect($$(el, '[part~="message-group"]')[1]!.querySelector('.meta')!.getAttribute('aria-hidden')).to.equal('true');
    expect($$(el, 'time')[1]!.getAttribute('datetime')).to.equal(new Date(early.time).toISOString());
  });

  it('calls the last two days "Today" and "Yesterday" in the visitor\'s language, and relabels them when a new day begins', async () => {
    const DAY = 864e5;
    const noon = new Date().setHours(12, 0, 0, 0); // the visitor's clock: today at noon
    const older = agent('older', noon - 3 * DAY);
    const yesterday = agent('yesterday', noon - DAY);
    const today = agent('today', noon);
    const full = (t: number, lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'full' }).format(t);
    const el = await make(snap([older, yesterday, today]));
    expect($$(el, '[part="day-separator"]').map((d) => d.textContent)).to.deep.equal([full(older.time, 'en'), 'Yesterday', 'Today']);
    const de = await make(snap([yesterday, today]), { lang: 'de' });
    expect($$(de, '[part="day-separator"]').map((d) => d.textContent)).to.deep.equal(['Gestern', 'Heute']);
    // A chat seen yesterday (the clock set back a day) goes on past midnight: the new day's separator relabels the old one.
    const realNow = Date.now;
    Date.now = () => realNow() - DAY;
    let started: LiveChatTranscript;
    try {
      started = await make(snap([agent('late', noon - DAY)]));
    } finally {
      Date.now = realNow;
    }
    expect($$(started, '[part="day-separator"]').map((d) => d.textContent)).to.deep.equal(['Today']);
    started.snapshot = snap([agent('late', noon - DAY), today]);
    await started.updateComplete;
    expect($$(started, '[part="day-separator"]').map((d) => d.textContent)).to.deep.equal(['Yesterday', 'Today']);
  });

  it('says "Sent" only under the last visitor message; pending ones say "Sending…", failed ones offer Retry', async () => {
    const el = await make(
      snap([visitor('a', at(2, 9, 0)), visitor('b', at(2, 9, 0, 10)), visitor('c', at(2, 9, 0, 20), 'failed'), visitor('d', at(2, 9, 0, 30), 'pending')]),
    );
    const st = $$(el, '[part~="visitor"]').map((m) => m.querySelector('.st')?.textContent?.trim() ?? '');
    expect(st[0]).to.equal('');
    expect(st[1]).to.equal('');
    expect(st[2]).to.contain('Not sent').and.contain('Retry');
    expect(st[3]).to.equal('Sending…');
    const list = [visitor('x', at(2, 9, 1)), visitor('y', at(2, 9, 1, 5))];
    el.snapshot = snap(list);
    await el.updateComplete;
    expect($$(el, '.st').map((s) => s.textContent)).to.deep.equal(['Sent']);
    expect($$(el, '[part~="visitor"]')[1]!.contains($$(el, '.st')[0]!)).to.equal(true);
    el.snapshot = snap([...list, visitor('z', at(2, 9, 1, 9))]);
    await el.updateComplete;
    expect($$(el, '.st')).to.have.length(1);
    expect($$(el, '[part~="visitor"]')[2]!.querySelector('.st')!.textContent).to.equal('Sent');
  });

  describe('avatars', () => {
    const avatarOf = (el: LiveChatTranscript) => $$(el, '[part="avatar"]')[0]!;

    it('default to initials on a colour derived from the name', async () => {
      const a = await make(snap([agent('hi', at(2, 9, 0))]));
      const b = await make(snap([agent('hi', at(2, 9, 0), { name: 'Grace Brewster Hopper', agentId: '005B' })]));
      expect(avatarOf(a).textContent).to.equal('AL');
      expect(avatarOf(b).textContent).to.equal('GH');
      expect(avatarOf(a).querySelector('img')).to.equal(null);
      expect(avatarOf(a).className).to.match(/\bc\d\b/);
      // The same name gets the same colour, wherever it shows.
      const again = await make(snap([agent('again', at(2, 9, 0))]));
      expect(avatarOf(again).className).to.equal(avatarOf(a).className);
      expect(getComputedStyle(avatarOf(a)).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
      await expect(a).to.be.accessible();
    });

    it('come from agent-avatars by agent id, then by name, then default-avatar, with alt text', async () => {
      const byId = await make(snap([agent('hi', at(2, 9, 0))]), { avatars: { '005A': 'https://img.example/id.png', 'Ada L.': 'https://img.example/name.png' } });
      expect(avatarOf(byId).querySelector('img')!.getAttribute('src')).to.equal('https://img.example/id.png');
      expect(avatarOf(byId).querySelector('img')!.alt).to.equal('Ada L.');
      const byName = await make(snap([agent('hi', at(2, 9, 0))]), { avatars: { 'Ada L.': 'https://img.example/name.png' } });
      expect(avatarOf(byName).querySelector('img')!.getAttribute('src')).to.equal('https://img.example/name.png');
      const fallback = await make(snap([agent('hi', at(2, 9, 0))]), { avatars: { Someone: 'https://img.example/x.png' }, fallback: 'https://img.example/default.png' });
      expect(avatarOf(fallback).querySelector('img')!.getAttribute('src')).to.equal('https://img.example/default.png');
      // Initials stay underneath: an image that fails to load leaves them visible.
      await waitUntil(() => avatarOf(fallback).querySelector('img')!.hidden, 'a broken image stayed visible');
      expect(avatarOf(fallback).textContent).to.equal('AL');
      await expect(fallback).to.be.accessible();
    });

    it('refuse hostile URLs (javascript:, data:) and keys from the prototype', async () => {
      const el = await make(snap([agent('hi', at(2, 9, 0)), agent('hi', at(2, 9, 9), { name: 'constructor', agentId: '' })]), {
        avatars: { '005A': 'javascript:alert(1)' },
        fallback: 'data:image/svg+xml,<svg onload=alert(1)>',
      });
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      expect($$(el, '[part="avatar"]').map((a) => a.textContent)).to.deep.equal(['AL', 'C']);
    });

    it('redraw when the avatars change', async () => {
      const el = await make(snap([agent('hi', at(2, 9, 0))]));
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
      el.agentAvatars = { 'Ada L.': 'https://img.example/ada.png' };
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('img')!.getAttribute('src')).to.equal('https://img.example/ada.png');
    });
  });

  describe('announcements', () => {
    /** Every text the polite region is given, in order (it also removes lines later). */
    function record(el: LiveChatTranscript): string[] {
      const said: string[] = [];
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) said.push(plain(n.textContent));
      }).observe(el.shadowRoot!.querySelector('.announce')!, { childList: true });
      return said;
    }

    it('say each new agent message once (author and text), never old ones, never the visitor’s own', async () => {
      const old = [agent('restored earlier', at(2, 9, 0)), visitor('mine earlier', at(2, 9, 1))];
      const el = await make(snap(old));
      const said = record(el);
      expect(el.shadowRoot!.querySelector('.announce')!.textContent).to.equal('');
      const v = visitor('my question', at(2, 9, 2), 'pending');
      const a = agent('the answer', at(2, 9, 3));
      el.snapshot = snap([...old, v]);
      await el.updateComplete;
      el.snapshot = snap([...old, v, a]);
      await el.updateComplete;
      // A status change re-renders an entry: not news.
      el.snapshot = snap([...old, { ...v, status: 'sent' }, a]);
      await el.updateComplete;
      el.snapshot = snap([...old, { ...v, status: 'sent' }, a, system('idle-warning', at(2, 9, 4), { seconds: 30 })]);
      await el.updateComplete;
      await Promise.resolve();
      expect(said).to.deep.equal(['Ada L.: the answer', 'Are you still there? The chat ends in 30 seconds.']);
    });

    it('re-announce nothing when the language changes (a full redraw)', async () => {
      const el = await make(snap([agent('hello', at(2, 9, 0))]));
      const said = record(el);
      el.locale = localeOf('de');
      await el.updateComplete;
      await Promise.resolve();
      expect(said).to.deep.equal([]);
    });
  });

  it('shows a "new messages" pill while the visitor reads further up; it scrolls to the first unread', async () => {
    const many = Array.from({ length: 40 }, (_, i) => agent(`message ${i}`, at(2, 9, 0, i)));
    const el = await make(snap(many));
    const log = el.shadowRoot!.querySelector<HTMLElement>('.log')!;
    const pill = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-messages"]')!;
    await waitUntil(() => log.scrollHeight - log.scrollTop - log.clientHeight < 40, 'not pinned');
    expect(pill.hidden).to.equal(true);
    log.scrollTop = 0;
    await new Promise((r) => log.addEventListener('scroll', r, { once: true }));
    const unread = agent('first unread', at(2, 9, 1));
    el.snapshot = snap([...many, unread, agent('second unread', at(2, 9, 1, 5))]);
    await el.updateComplete;
    expect(pill.hidden).to.equal(false);
    expect(pill.textContent).to.equal('New messages');
    expect(log.scrollTop).to.equal(0); // arriving messages move nothing
    await expect(el).to.be.accessible();
    pill.click();
    await frames();
    const first = $$(el, '[part~="message"]')[40]!;
    expect(first.textContent).to.contain('first unread');
    // In view (at the top, unless the log cannot scroll that far).
    const top = first.getBoundingClientRect().top - log.getBoundingClientRect().top;
    expect(top).to.be.within(0, log.clientHeight - 20);
    expect(log.scrollTop).to.be.greaterThan(0);
    expect(log.getAttribute('aria-activedescendant')).to.equal(first.id);
    expect(el.shadowRoot!.activeElement).to.equal(log);
    expect(pill.hidden).to.equal(true);
  });

  it('keeps the last message in view when the typing indicator appears and disappears at the bottom', async () => {
    const many = Array.from({ length: 30 }, (_, i) => agent(`message ${i}`, at(2, 9, 0, i)));
    const el = await make(snap(many), { height: 240 });
    const log = el.shadowRoot!.querySelector<HTMLElement>('.log')!;
    const lastVisible = () => {
      const last = $$(el, '[part~="message"]').at(-1)!.getBoundingClientRect();
      return last.bottom <= log.getBoundingClientRect().bottom + 1;
    };
    await waitUntil(lastVisible, 'not at the bottom');
    el.snapshot = snap(many, { agentTyping: true });
    await el.updateComplete;
    const typing = el.shadowRoot!.querySelector<HTMLElement>('[part="typing-indicator"]')!;
    expect(log.contains(typing)).to.equal(true);
    await waitUntil(() => {
      const t = typing.getBoundingClientRect();
      return lastVisible() && t.bottom <= log.getBoundingClientRect().bottom + 1 && t.height > 0;
    }, 'the typing indicator hid the last message');
    el.snapshot = snap(many, { agentTyping: false });
    await el.updateComplete;
    await frames();
    expect(lastVisible()).to.equal(true);
    expect(log.scrollHeight - log.scrollTop - log.clientHeight).to.be.below(2);
  });

  it('isolates names and times in mixed-direction text (Arabic widget, Latin names)', async () => {
    const el = await make(
      snap([system('connected', at(2, 11, 27), { name: 'Ada L.' }), agent('مرحبا', at(2, 11, 27, 5)), visitor('Hello', at(2, 11, 28))], { agentTyping: true }),
      { lang: 'ar' },
    );
    const meta = $$(el, '.meta')[0]!;
    expect(meta.querySelector('bdi')!.textContent).to.equal('Ada L.');
    expect(meta.querySelector('time')!.dir).to.equal('auto');
    expect($$(el, '[part~="system"]')[0]!.textContent).to.contain('\u2068Ada L.\u2069');
    expect(el.shadowRoot!.querySelector('[part="typing-indicator"]')!.textContent).to.contain('\u2068Ada L.\u2069');
    expect($$(el, '[part~="agent"] .sr')[0]!.textContent!.startsWith('\u2068Ada L.\u2069')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('passes axe in dark mode with groups, avatars and an active message', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await make(snap([agent('hi https://example.com', at(2, 9, 0)), visitor('hello', at(2, 9, 1), 'failed'), agent('more', at(2, 9, 2))]));
      el.style.background = '#1b1b1f';
      const log = el.shadowRoot!.querySelector<HTMLElement>('.log')!;
      log.focus();
      expect(log.getAttribute('aria-activedescendant')).to.equal($$(el, '[part~="message"]').at(-1)!.id);
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});
