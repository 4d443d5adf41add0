import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LiveChatPostchat, safeUrl, transcriptToText } from '../../../src/components/postchat/live-chat-postchat.js';
import { localeOf } from '../../helpers/locales.js';
import { initialSnapshot, type ChatEndInfo, type ChatSnapshot, type TranscriptEntry } from '../../../src/protocol/snapshot.js';

if (!customElements.get('live-chat-postchat')) customElements.define('live-chat-postchat', LiveChatPostchat);

/** A short, serialisable description of an element: wtr cannot report a failed comparison of DOM nodes. */
const tag = (e: Element | null | undefined): string =>
  e ? e.localName + ['name', 'part', 'value'].map((a) => (e.hasAttribute(a) ? `[${a}=${e.getAttribute(a)}]` : '')).join('') : String(e);

const T0 = Date.UTC(2026, 0, 2, 9, 30);
const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const transcript: TranscriptEntry[] = [
  { id: 's0', kind: 'system', text: 'Ada joined the chat', name: '', time: T0, sequence: 0, event: 'connected', params: { name: 'Ada' } },
  { id: 'a1', kind: 'agent', text: 'Hello! How can I help?', name: 'Ada', time: T0 + 60_000, sequence: 1 },
  { id: 'v2', kind: 'visitor', text: `Line one\r\nline two ${HOSTILE}`, name: 'Sam', time: T0 + 120_000, sequence: 2, status: 'sent' },
];

function snap(phase: ChatSnapshot['phase'], ended: Partial<ChatEndInfo> | null, entries = transcript): ChatSnapshot {
  return Object.freeze({
    ...initialSnapshot,
    phase,
    sendBlocked: 'ended',
    transcript: Object.freeze(entries),
    ended: ended && Object.freeze({ reason: 'agent', postChatUrl: null, attachedRecords: null, ...ended }),
  });
}

interface Made {
  el: LiveChatPostchat;
  navigations: string[];
  files: { file: Blob; name: string }[];
}
async function make(s: ChatSnapshot, lang = 'en', offlineUrl = '', redirect = false): Promise<Made> {
  const navigations: string[] = [];
  const files: { file: Blob; name: string }[] = [];
  const el = await fixture<LiveChatPostchat>(
    html`<live-chat-postchat
      .navigate=${(u: string) => navigations.push(u)}
      .saveFile=${(file: Blob, name: string) => files.push({ file, name })}
      .offlineUrl=${offlineUrl}
      ?redirect=${redirect}
      .snapshot=${s}
      .locale=${localeOf(lang)}
    ></live-chat-postchat>`,
  );
  await el.updateComplete;
  return { el, navigations, files };
}
const $ = <T extends HTMLElement = HTMLElement>(el: LiveChatPostchat, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const title = (el: LiveChatPostchat) => $(el, '.title')!.textContent;

describe('<live-chat-postchat>: thank-you view', () => {
  const cases: [string, ChatSnapshot, string][] = [
    ['agent ended', snap('ended', { reason: 'agent' }), 'The agent ended the chat'],
    ['visitor ended', snap('ended', { reason: 'visitor' }), 'You ended the chat'],
    ['idle', snap('ended', { reason: 'idle' }), 'The chat ended after a period of inactivity'],
    ['error', snap('ended', { reason: 'error' }), 'The chat ended because of an error'],
    ['failed phase', snap('failed', null), 'The chat ended because of an error'],
    ['other server reason', snap('ended', { reason: 'somethingNew' }), 'The chat has ended.'],
  ];
  for (const [label, s, expected] of cases) {
    it(`words the end for: ${label}, and passes axe`, async () => {
      const { el, navigations } = await make(s);
      expect($(el, '[part="postchat"]')).to.not.equal(null);
      expect(title(el)).to.equal(expected);
      expect(el.shadowRoot!.textContent).to.contain('Thank you for chatting with us.');
      expect(navigations).to.deep.equal([]);
      await expect(el).to.be.accessible();
    });
  }

  it('downloads the transcript as plain text from the keyboard', async () => {
    const { el, files } = await make(snap('ended', { reason: 'agent' }));
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.getAttribute('part')).to.equal('download-button');
    await sendKeys({ press: 'Enter' });
    expect(files).to.have.length(1);
    expect(files[0]!.name).to.equal('chat-2026-01-02.txt');
    expect(files[0]!.file.type).to.equal('text/plain;charset=utf-8');
    expect(await files[0]!.file.text()).to.equal(transcriptToText(transcript, 'en'));
    expect(await files[0]!.file.text()).to.contain(`Sam: Line one\n    line two ${HOSTILE}`);
    before.remove();
  });

  it('makes a real file through a Blob object URL by default', async () => {
    const el = await fixture<LiveChatPostchat>(
      html`<live-chat-postchat .snapshot=${snap('ended', { reason: 'visitor' })}></live-chat-postchat>`,
    );
    const clicked: { href: string; download: string; text: string }[] = [];
    const original = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, text: '' });
    };
    try {
      $<HTMLButtonElement>(el, '[part="download-button"]')!.click();
    } finally {
      HTMLAnchorElement.prototype.click = original;
    }
    expect(clicked).to.have.length(1);
    expect(clicked[0]!.href).to.match(/^blob:/);
    expect(clicked[0]!.download).to.equal('chat-2026-01-02.txt');
    const text = await (await fetch(clicked[0]!.href)).text();
    expect(text.split('\n')).to.have.length(5); // 3 entries, one continuation line, final newline
  });

  it('offers no download when there is no transcript', async () => {
    const { el } = await make(snap('ended', { reason: 'visitor' }, []));
    expect(tag($(el, '[part="download-button"]'))).to.equal('null');
    expect($(el, '[part="restart-button"]')).to.not.equal(null);
  });

  it('starts a new chat from the keyboard', async () => {
    const { el } = await make(snap('ended', { reason: 'agent' }));
    $(el, '[part="download-button"]')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement?.textContent).to.equal('Start a new chat');
    const ev = oneEvent(el, 'restart-request');
    await sendKeys({ press: 'Enter' });
    expect((await ev).detail).to.equal(null);
  });

  it('is localised and right-to-left in Arabic, passes axe', async () => {
    const { el } = await make(snap('ended', { reason: 'visitor' }), 'ar');
    const root = $(el, '[part="postchat"]')!;
    expect(root.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(root).direction).to.equal('rtl');
    expect(title(el)).to.equal('لقد أنهيت الدردشة');
    expect($(el, '[part="restart-button"]')!.textContent).to.equal('بدء دردشة جديدة');
    await expect(el).to.be.accessible();
  });
});

describe('<live-chat-postchat>: post-chat link (default)', () => {
  it('never navigates: links the URL in a new tab with rel=noopener, under the thanks, and passes axe', async () => {
    const url = 'https://example.com/survey?chatKey=abc%21123&attachedRecords=%7B%7D';
    const { el, navigations } = await make(snap('ended', { postChatUrl: url }));
    expect(navigations).to.deep.equal([]);
    const a = $<HTMLAnchorElement>(el, '[part="postchat-link"]')!;
    expect(a.href).to.equal(url);
    expect(a.target).to.equal('_blank');
    expect(a.rel).to.equal('noopener');
    expect(title(el)).to.equal('The agent ended the chat');
    expect($(el, '[part="download-button"]'), 'the transcript stays downloadable').to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says once how the chat ended: not again when the transcript says it', async () => {
    const said = [...transcript, { id: 's3', kind: 'system' as const, text: 'The agent ended the chat', name: '', time: T0, sequence: 3, event: 'ended-by-agent' as const }];
    const { el } = await make(snap('ended', { reason: 'agent' }, said));
    expect(el.shadowRoot!.textContent).to.not.contain('The agent ended the chat');
    expect(title(el)).to.equal('Thank you for chatting with us.');
  });

  it('never links a non-http URL', async () => {
    const { el, navigations } = await make(snap('ended', { postChatUrl: 'javascript:window.__pwned=1' }));
    expect(tag($(el, 'a'))).to.equal('null');
    expect(navigations).to.deep.equal([]);
  });
});

describe('<live-chat-postchat>: post-chat redirect (redirect set)', () => {
  it('navigates once to the post-chat URL and shows a link in case navigation is blocked', async () => {
    const url = 'https://example.com/survey?chatKey=abc%21123&attachedRecords=%7B%7D';
    const { el, navigations } = await make(snap('ended', { postChatUrl: url }), 'en', '', true);
    expect(navigations).to.deep.equal([url]);
    const a = $<HTMLAnchorElement>(el, 'a')!;
    expect(a.href).to.equal(url);
    expect(a.target).to.equal('_top');
    expect(a.getAttribute('part')).to.equal('postchat-link');
    expect(a.textContent).to.equal('Continue');
    expect(title(el)).to.equal('Taking you to the next page…');
    el.snapshot = snap('ended', { postChatUrl: url });
    el.locale = localeOf('de');
    await el.updateComplete;
    expect(navigations, 'not again on re-render').to.have.length(1);
    expect(a.textContent).to.equal('Weiter');
    await expect(el).to.be.accessible();
  });

  it('resolves a relative URL against the page', async () => {
    const { navigations } = await make(snap('ended', { postChatUrl: '/thanks?chatKey=k' }), 'en', '', true);
    expect(navigations).to.deep.equal([new URL('/thanks?chatKey=k', document.baseURI).href]);
  });

  it('never follows or links a non-http URL from the server', async () => {
    for (const bad of ['javascript:window.__pwned=1', 'data:text/html,<script>1</script>', 'http://[bad']) {
      const { el, navigations } = await make(snap('ended', { postChatUrl: bad, reason: 'agent' }), 'en', '', true);
      expect(navigations, bad).to.deep.equal([]);
      expect(tag($(el, 'a')), bad).to.equal('null');
      expect(title(el)).to.equal('The agent ended the chat');
    }
    expect(safeUrl('mailto:x@example.com')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('<live-chat-postchat>: unavailable view', () => {
  it('says honestly that no one is available, offers to try again, passes axe', async () => {
    const { el, navigations } = await make(snap('unavailable', null));
    expect(title(el)).to.equal('No one is available to chat right now.');
    expect(tag($(el, 'a'))).to.equal('null');
    expect(navigations).to.deep.equal([]);
    await expect(el).to.be.accessible();
    const ev = oneEvent(el, 'restart-request');
    $(el, '[part="restart-button"]')!.click();
    await ev;
  });

  it('links the post-chat URL from ChatRequestFail without leaving the page', async () => {
    const { el, navigations } = await make(snap('unavailable', { reason: 'unavailable', postChatUrl: 'https://example.com/offline' }));
    expect($<HTMLAnchorElement>(el, 'a')!.href).to.equal('https://example.com/offline');
    expect($(el, 'a')!.textContent).to.equal('Leave us a message');
    expect(navigations).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('prefers the deployment offline URL, and ignores a non-http one', async () => {
    const s = snap('unavailable', { reason: 'unavailable', postChatUrl: 'https://example.com/offline' });
    expect($<HTMLAnchorElement>((await make(s, 'en', 'https://example.com/contact')).el, 'a')!.href).to.equal(
      'https://example.com/contact',
    );
    expect($<HTMLAnchorElement>((await make(s, 'en', 'javascript:alert(1)')).el, 'a')!.href).to.equal(
      'https://example.com/offline',
    );
  });

  it('is also shown while idle and offline (availability check), never the thank-you wording', async () => {
    const { el, navigations } = await make(snap('idle', null));
    expect(title(el)).to.equal('No one is available to chat right now.');
    expect(navigations).to.deep.equal([]);
  });

  it('is right-to-left in Arabic and passes axe', async () => {
    const { el } = await make(snap('unavailable', null), 'ar');
    expect($(el, '[part="postchat"]')!.getAttribute('dir')).to.equal('rtl');
    expect(title(el)).to.equal('لا يوجد أحد متاح للدردشة الآن.');
    await expect(el).to.be.accessible();
  });
});

describe('transcriptToText', () => {
  it('writes one "[time] name: text" line per entry, indenting continuation lines', () => {
    expect(transcriptToText(transcript, 'de', 'UTC')).to.equal(
      '[09:30] Ada joined the chat\n' +
        '[09:31] Ada: Hello! How can I help?\n' +
        `[09:32] Sam: Line one\n    line two ${HOSTILE}\n`,
    );
  });

  it('formats times for the locale and gives an empty string for no entries', () => {
    const line = transcriptToText([transcript[1]!], 'en', 'UTC');
    expect(line).to.match(/^\[9:31\s?AM\] Ada: Hello! How can I help\?\n$/);
    expect(transcriptToText([], 'en')).to.equal('');
  });
});
