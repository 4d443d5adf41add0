/**
 * Rich content end to end: <live-chat> against the real reference server, the agent played
 * through its API. Cards, carousel, quick replies, stickers and files as the agent sends them;
 * postbacks reaching the server exactly once; hostile text and unsafe URLs; the full
 * FileTransfer (request → upload → Success) with the server checking org, chat key, token and
 * bytes; limits, cancel, retry; keyboard use and axe.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { LiveChat } from '../../../src/components/live-chat/live-chat.js';
import { loadRichView } from '../../../src/components/rich/entry-body.js';
import { createSandbox, type Sandbox } from '../../helpers/reference-server.js';

let sandbox: Sandbox | undefined;
let current: LiveChat | undefined;

afterEach(async () => {
  current?.remove();
  current = undefined;
  sessionStorage.clear();
  await sandbox?.dispose();
  sandbox = undefined;
});

const HOSTILE = '<img src=x onerror="window.__pwned=1"><b>bold</b>';

async function activeChat(attrs: { maxFileSize?: number; accept?: string } = {}) {
  sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
  const sb = sandbox;
  current = await fixture<LiveChat>(html`<live-chat
    endpoint=${sb.endpointUrl}
    org-id=${sb.orgId}
    deployment-id=${sb.deploymentId}
    button-id=${sb.buttonId}
    language="en"
    max-file-size=${attrs.maxFileSize ?? 26214400}
    accept=${attrs.accept ?? ''}
  ></live-chat>`);
  const el = current;
  const errors: string[] = [];
  el.addEventListener('live-chat-error', (e) => errors.push(e.detail.code));
  const custom: string[] = [];
  el.addEventListener('live-chat-custom-event', (e) => custom.push(e.detail.type));
  el.open();
  const chat = await sb.waitForChat();
  await sb.accept(chat.id);
  await waitUntil(() => el.phase === 'active', 'never active', { timeout: 10_000 });
  await loadRichView();
  return { el, sb, chat, errors, custom };
}

const log = (el: LiveChat) => el.shadowRoot!.querySelector('live-chat-transcript')!.shadowRoot!;
const all = <T extends Element = HTMLElement>(el: LiveChat, sel: string) => [...log(el).querySelectorAll<T>(sel)];
const one = <T extends Element = HTMLElement>(el: LiveChat, sel: string) => log(el).querySelector<T>(sel);
async function shown<T extends Element = HTMLElement>(el: LiveChat, sel: string, what = sel): Promise<T> {
  await waitUntil(() => one(el, sel), `${what} not shown`, { timeout: 8000 });
  return one<T>(el, sel)!;
}
const received = async (sb: Sandbox, id: string, noun: string) => (await sb.received(id)).filter((r) => r.noun === noun);

const CARDS = [
  {
    title: `Shoe ${HOSTILE}`,
    subtitle: 'Size 42',
    image: { url: 'javascript:alert(1)', alternative_text: 'unsafe' },
    buttons: [
      { type: 'message', text: 'Buy', value: 'buy-42', postback_id: 'buy' },
      { type: 'url', text: 'Details', value: 'https://example.com/shoe' },
      { type: 'url', text: 'Evil', value: 'javascript:alert(1)' },
      { type: 'phone', text: 'Call us', value: '+1 555 0100' },
    ],
  },
  { title: 'Boot', subtitle: 'Size 43', buttons: [{ type: 'message', text: 'Buy boot', value: 'boot', postback_id: 'buy_boot' }] },
  { title: 'Sandal', subtitle: 'Size 40', buttons: [{ type: 'message', text: 'Buy sandal', value: 'sandal', postback_id: 'buy_sandal' }] },
];

describe('rich content (reference server)', () => {
  it('renders a card carousel as text, drops unsafe URLs, and sends a postback exactly once', async () => {
    const { el, sb, chat, custom } = await activeChat();
    await sb.richMessage(chat.id, 'cards', CARDS);
    const entry = await shown(el, '[part~="rich-message"]', 'rich message');
    expect(entry.getAttribute('part')).to.equal('message agent rich-message');
    await waitUntil(() => all(el, '[part~="card"]').length === 3, 'cards not rendered');
    expect(custom).to.include('rich_message'); // the host page still hears it
    const first = all(el, '[part~="card"]')[0]!;
    expect(first.textContent).to.contain(HOSTILE);
    expect(first.querySelector('b, img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    const links = [...first.querySelectorAll<HTMLAnchorElement>('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.com/shoe', 'tel:+15550100']);
    expect(links[0]!.target).to.equal('_blank');
    expect(links[0]!.rel).to.contain('noopener');
    expect(first.textContent).to.contain('Evil'); // kept as a label, not a link
    expect(one(el, '[role="group"][aria-roledescription="carousel"]')).to.not.equal(null);

    const buy = all<HTMLButtonElement>(el, '[part~="card-button"]').find((b) => b.textContent === 'Buy')!;
    buy.click();
    buy.click(); // a double click answers once
    await waitUntil(async () => (await received(sb, chat.id, 'CustomEvent')).length > 0, 'postback not received', { timeout: 8000 });
    await new Promise((r) => setTimeout(r, 500)); // anything twice would have arrived by now
    const messages = (await received(sb, chat.id, 'ChatMessage')).map((r) => (r.body as { text: string }).text);
    const events = (await received(sb, chat.id, 'CustomEvent')).map((r) => r.body as { type: string; data: string });
    expect(messages).to.deep.equal(['Buy']);
    expect(events).to.have.length(1);
    expect(events[0]!.type).to.equal('rich_message_postback');
    expect(JSON.parse(events[0]!.data)).to.deep.equal({ postback_id: 'buy', value: 'buy-42', text: 'Buy' });
    expect((await sb.files(chat.id)).postbacks).to.have.length(1);
    // Chosen shows as chosen (pressed, narrated); the others are disabled.
    await waitUntil(() => one(el, '.chosen'), 'choice not shown');
    expect(one(el, '.chosen')!.getAttribute('aria-pressed')).to.equal('true');
    expect(one(el, '[part~="rich-message"] .note')!.textContent).to.contain('You chose “Buy”');
    const others = all<HTMLButtonElement>(el, '[part~="card-button"]').filter((b) => b.tagName === 'BUTTON' && !b.classList.contains('chosen'));
    expect(others.length).to.be.greaterThan(0);
    expect(others.every((b) => b.disabled)).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('carousel and cards work with the keyboard alone', async () => {
    const { el, sb, chat } = await activeChat();
    await sb.richMessage(chat.id, 'cards', CARDS.slice(1).concat([{ title: 'Clog', subtitle: 'Size 41', buttons: [{ type: 'message', text: 'Buy clog', value: 'clog', postback_id: 'buy_clog' }] }]));
    await waitUntil(() => all(el, '[part~="card"]').length === 3, 'cards not rendered');
    const buttons = all<HTMLButtonElement>(el, '[part~="card-button"]');
    buttons[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(log(el).activeElement?.textContent).to.equal('Buy sandal');
    await sendKeys({ press: 'End' });
    expect(log(el).activeElement?.textContent).to.equal('Buy clog');
    await sendKeys({ press: 'Home' });
    expect(log(el).activeElement?.textContent).to.equal('Buy boot');
    const next = one<HTMLButtonElement>(el, '[part~="carousel-next"]')!;
    expect(next.getAttribute('aria-label')).to.equal('Next card');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await received(sb, chat.id, 'ChatMessage')).length === 1, 'keyboard choice not sent', { timeout: 8000 });
    expect((await received(sb, chat.id, 'ChatMessage'))[0]!.body).to.deep.include({ text: 'Buy sandal' });
  });

  it('keeps rich content out of the tab order: Tab goes from the transcript to the composer (Enter reaches the cards)', async () => {
    const { el, sb, chat } = await activeChat();
    await sb.richMessage(chat.id, 'cards', CARDS);
    await waitUntil(() => all(el, '[part~="card-button"]').length > 0, 'cards not rendered');
    await new Promise((r) => setTimeout(r, 50)); // the rich view has settled
    const transcript = log(el).querySelector<HTMLElement>('[part~="transcript"]')!;
    transcript.focus();
    await sendKeys({ press: 'Tab' });
    const at = log(el).activeElement;
    expect(el.shadowRoot!.activeElement?.localName, `Tab from the transcript reached ${at?.outerHTML.slice(0, 160)}`).to.equal('live-chat-composer');
    transcript.focus();
    await sendKeys({ press: 'Enter' });
    expect(log(el).activeElement?.getAttribute('part') ?? '', 'Enter on the cards').to.match(/card-button|carousel/);
  });

  it('quick replies: a chip row below the last message, gone after a choice, focus back in the composer', async () => {
    const { el, sb, chat } = await activeChat();
    await sb.richMessage(chat.id, 'quick_replies', [
      { title: 'How can I help?', buttons: [{ type: 'message', text: 'Track my order', postback_id: 'track' }, { type: 'message', text: 'Talk to a person', postback_id: 'human' }] },
    ]);
    await waitUntil(() => all(el, '[part~="quick-reply"]').length === 2, 'quick replies not shown');
    const row = one(el, '[role="group"][aria-label="Suggested replies"]')!;
    expect(row.closest('[part~="message"]')).to.equal(all(el, '[part~="message"]').at(-1));
    await expect(el).to.be.accessible();
    all<HTMLButtonElement>(el, '[part~="quick-reply"]')[1]!.click();
    await waitUntil(() => all(el, '[part~="quick-reply"]').length === 0, 'quick replies still shown');
    expect(el.shadowRoot!.activeElement?.tagName.toLowerCase()).to.equal('live-chat-composer');
    await waitUntil(async () => (await received(sb, chat.id, 'CustomEvent')).length === 1, 'postback not received', { timeout: 8000 });
    expect(JSON.parse((await received(sb, chat.id, 'CustomEvent'))[0]!.body!['data' as never])).to.deep.equal({ postback_id: 'human', value: '', text: 'Talk to a person' });
    await waitUntil(() => all(el, '[part~="visitor"]').some((v) => v.textContent?.includes('Talk to a person')), 'answer not in the transcript');
  });

  it('shows a sticker, an agent image with its alt text and a file row; unsafe or malformed content is reported with code "content"', async () => {
    const { el, sb, chat, errors } = await activeChat();
    await sb.richMessage(chat.id, 'sticker', [{ image: { url: `${sb.baseUrl}/healthz?sticker`, alternative_text: 'A waving cat' } }]);
    await sb.agentFile(chat.id, { url: `${sb.baseUrl}/healthz?img`, name: 'photo.png', content_type: 'image/png', alternative_text: 'The broken part', width: 64, height: 48 });
    await sb.agentFile(chat.id, { url: 'https://example.com/manual.pdf', name: 'manual.pdf', content_type: 'application/pdf', size: 2_400_000 });
    await sb.agentFile(chat.id, { url: 'javascript:alert(1)', name: 'evil.pdf' });
    await sb.customEvent(chat.id, 'rich_message', '{"template_id":');
    await waitUntil(() => all(el, '[part~="attachment"]').length === 2 && one(el, '.sticker'), 'files not shown', { timeout: 8000 });
    await waitUntil(() => errors.filter((c) => c === 'content').length >= 2, `content errors: ${errors.join()}`);
    const sticker = one<HTMLElement>(el, '.sticker')!;
    expect(sticker.getAttribute('alt') ?? sticker.textContent).to.equal('A waving cat');
    const [image, pdf] = all<HTMLAnchorElement>(el, '[part~="attachment"]');
    expect(image!.href).to.equal(`${sb.baseUrl}/healthz?img`);
    expect((image!.querySelector('img')?.getAttribute('alt') ?? image!.textContent)).to.equal('The broken part');
    expect(pdf!.href).to.equal('https://example.com/manual.pdf');
    expect(pdf!.rel).to.contain('noopener');
    expect(pdf!.textContent).to.contain('manual.pdf').and.contain('MB');
    // The unsafe file shows as its name only (no link anywhere).
    expect(all(el, 'a').some((a) => a.getAttribute('href')?.startsWith('javascript'))).to.equal(false);
    expect(all(el, '[part~="agent"]').some((m) => m.textContent?.includes('evil.pdf'))).to.equal(true);
  });

  it('file transfer: request → choose → upload → Success, the server checks org, chat key, token and bytes', async () => {
    performance.clearResourceTimings(); // the buffer holds 250 entries; earlier tests' polls must not push the upload out
    const { el, sb, chat } = await activeChat();
    const { fileToken } = await sb.requestFile(chat.id);
    const request = await shown(el, '[part~="file-request"]', 'file request');
    expect(request.closest('[part~="message"]')!.textContent).to.contain('The agent asked you for a file');
    await expect(el).to.be.accessible();
    const input = one<HTMLInputElement>(el, '[part~="file-input"]')!;
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    const send = one<HTMLButtonElement>(el, '[part~="upload-button"]')!;
    expect(send.hidden).to.equal(false);
    expect(one(el, '.chosen')!.textContent).to.contain('screenshot.png').and.contain('293 kB');
    send.click();
    await waitUntil(() => one(el, '[part~="file-request"].success'), 'never Success', { timeout: 8000 });
    expect(one(el, '[part~="file-status"]')!.textContent).to.equal('The agent received your file.');
    await waitUntil(() => all(el, '[part~="visitor"] [part~="attachment"]').length === 1, 'the visitor attachment is missing');
    expect(all(el, '[part~="visitor"] [part~="attachment"]')[0]!.textContent).to.contain('screenshot.png');
    const { transfers } = await sb.files(chat.id);
    expect(transfers[0]).to.deep.include({ fileToken, status: 'success' });
    expect(transfers[0]!.file).to.include({ name: 'screenshot.png', size: 300_000 });
    expect(new Uint8Array(await sb.download(chat.id, fileToken))).to.deep.equal(bytes);
    // The servlet is not Chat REST (not in the request log): the URL as the browser recorded it.
    const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('/chat/upload?'))!;
    const url = new URL(entry.name);
    expect(url.searchParams.get('orgId')).to.equal(sb.orgId);
    expect(url.searchParams.get('chatKey')).to.equal(chat.id);
    expect(url.searchParams.get('fileToken')).to.equal(fileToken);
    expect(url.searchParams.get('encoding')).to.equal('UTF-8');
  });

  it('the servlet refuses a wrong org, chat key or token (and keeps nothing)', async () => {
    const { sb, chat } = await activeChat();
    const { fileToken } = await sb.requestFile(chat.id);
    const post = (q: Record<string, string>) => {
      const body = new FormData();
      body.append('file', new File(['x'], 'x.txt'));
      return fetch(`${sb.baseUrl}/chat/upload?${new URLSearchParams({ orgId: sb.orgId, chatKey: chat.id, fileToken, encoding: 'UTF-8', ...q })}`, { method: 'POST', body });
    };
    expect((await post({ orgId: '00Dnope' })).status).to.equal(403);
    expect((await post({ chatKey: 'nope' })).status).to.equal(403);
    expect((await post({ fileToken: 'nope' })).status).to.equal(403);
    expect((await sb.files(chat.id)).transfers[0]).to.deep.include({ status: 'requested' });
    expect((await sb.files(chat.id)).transfers[0]!.file).to.equal(undefined);
  });

  it('an oversized file or a type outside accept is refused with a clear message and nothing sent', async () => {
    const { el, sb, chat } = await activeChat({ maxFileSize: 1000, accept: 'image/*' });
    await sb.requestFile(chat.id);
    const input = await shown<HTMLInputElement>(el, '[part~="file-input"]');
    expect(input.accept).to.equal('image/*');
    const pick = (f: File) => {
      const dt = new DataTransfer();
      dt.items.add(f);
      input.files = dt.files;
      input.dispatchEvent(new Event('change'));
    };
    pick(new File([new Uint8Array(1001)], 'big.png', { type: 'image/png' }));
    expect(one(el, '[part~="file-status"]')!.textContent).to.contain('larger than').and.contain('Nothing was sent');
    expect(one<HTMLButtonElement>(el, '[part~="upload-button"]')!.hidden).to.equal(true);
    pick(new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }));
    expect(one(el, '[part~="file-status"]')!.textContent).to.contain('cannot be sent');
    await new Promise((r) => setTimeout(r, 300));
    expect(performance.getEntriesByType('resource').filter((e) => e.name.includes(`${sb.base}/chat/upload`))).to.have.length(0);
    expect((await sb.files(chat.id)).transfers[0]!.file).to.equal(undefined);
  });

  it('cancel mid-upload sends nothing and keeps the request open; a failed upload can be retried', async () => {
    const { el, sb, chat } = await activeChat();
    const { fileToken } = await sb.requestFile(chat.id);
    const input = await shown<HTMLInputElement>(el, '[part~="file-input"]');
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(8_000_000)], 'big.bin', { type: 'application/octet-stream' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change'));
    // The servlet stalls before reading: the upload is in flight until the visitor cancels.
    await sb.fault({ resource: 'FileTransfer/upload', kind: 'delay', delayMs: 5000 });
    one<HTMLButtonElement>(el, '[part~="upload-button"]')!.click();
    const progress = one<HTMLProgressElement>(el, '[part~="upload-progress"]')!;
    await waitUntil(() => !progress.hidden, 'no progress bar');
    await new Promise((r) => setTimeout(r, 300));
    expect(one(el, '[part~="file-status"]')!.textContent).to.equal('');
    one<HTMLButtonElement>(el, '[part~="upload-cancel"]')!.click();
    await waitUntil(() => one(el, '[part~="file-status"]')!.textContent!.includes('Upload cancelled'), 'not cancelled');
    expect(progress.hidden).to.equal(true);
    await new Promise((r) => setTimeout(r, 5200)); // the stalled servlet would have stored it by now
    expect((await sb.files(chat.id)).transfers[0]).to.deep.include({ fileToken, status: 'requested' });
    expect((await sb.files(chat.id)).transfers[0]!.file).to.equal(undefined);

    // Next try fails on the server (500): Try again succeeds.
    await sb.fault({ resource: 'FileTransfer/upload', kind: 'status', status: 500 });
    one<HTMLButtonElement>(el, '[part~="upload-button"]')!.click();
    const retry = await shown<HTMLButtonElement>(el, '[part~="upload-retry"]:not([hidden])', 'retry');
    expect(one(el, '[part~="file-status"]')!.textContent).to.contain('The upload failed');
    retry.click();
    await waitUntil(() => one(el, '[part~="file-request"].success'), 'retry never succeeded', { timeout: 10_000 });
  }).timeout(30_000);

  it('the file request works with the keyboard alone, and the agent can cancel it', async () => {
    const { el, sb, chat } = await activeChat();
    await sb.requestFile(chat.id);
    const input = await shown<HTMLInputElement>(el, '[part~="file-input"]');
    input.focus();
    expect(log(el).activeElement).to.equal(input);
    const dt = new DataTransfer();
    dt.items.add(new File(['hello'], 'note.txt', { type: 'text/plain' }));
    input.files = dt.files; // the file dialog itself is the browser's; choosing is the keyboard's Enter there
    input.dispatchEvent(new Event('change'));
    expect(log(el).activeElement?.getAttribute('part')).to.equal('upload-button');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => one(el, '[part~="file-request"].success'), 'keyboard upload never succeeded', { timeout: 8000 });
    await sb.requestFile(chat.id);
    await waitUntil(() => all(el, '[part~="file-request"]').length === 2, 'second request not shown');
    await sb.cancelFileRequest(chat.id);
    await waitUntil(() => one(el, '[part~="file-request"].canceled'), 'cancel not shown');
    expect(one(el, '[part~="file-request"].canceled [part~="file-status"]')!.textContent).to.equal('The agent no longer needs a file.');
  });
});
