/**
 * <live-chat-composer> with snapshots set directly: Enter / Shift+Enter / IME, draft events,
 * blocked reasons (draft kept), the length counter, auto-grow, RTL, dark mode, axe.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../../src/define.js';
import type { LiveChatComposer } from '../../../src/components/composer/live-chat-composer.js';
import { initialSnapshot, type ChatSnapshot, type SendBlockedReason } from '../../../src/protocol/snapshot.js';
import { localeOf } from '../../helpers/locales.js';

function snap(sendBlocked: SendBlockedReason): ChatSnapshot {
  return Object.freeze({ ...initialSnapshot, phase: sendBlocked ? 'reconnecting' : 'active', sendBlocked });
}
async function make(blocked: SendBlockedReason = null, lang = 'en'): Promise<LiveChatComposer> {
  const el = await fixture<LiveChatComposer>(html`<live-chat-composer .snapshot=${snap(blocked)} .locale=${localeOf(lang)}></live-chat-composer>`);
  await el.updateComplete;
  return el;
}
const input = (el: LiveChatComposer) => el.shadowRoot!.querySelector('textarea')!;
const button = (el: LiveChatComposer) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="send-button"]')!;

describe('<live-chat-composer>', () => {
  it('has a labelled input and send button and passes axe', async () => {
    const el = await make();
    expect(input(el).getAttribute('part')).to.equal('composer-input');
    expect(input(el).getAttribute('aria-label')).to.equal('Message');
    expect(button(el).getAttribute('aria-label')).to.equal('Send');
    expect(button(el).disabled, 'nothing to send yet').to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('sends on Enter and clears the draft', async () => {
    const el = await make();
    input(el).focus();
    await sendKeys({ type: 'Hello there' });
    expect(el.value).to.equal('Hello there');
    const sent = oneEvent(el, 'message-send');
    await sendKeys({ press: 'Enter' });
    const ev = await sent;
    expect(ev.detail.text).to.equal('Hello there');
    expect(ev.composed).to.equal(false);
    await el.updateComplete;
    expect(input(el).value).to.equal('');
    expect(el.shadowRoot!.activeElement).to.equal(input(el));
  });

  it('breaks the line on Shift+Enter without sending', async () => {
    const el = await make();
    let sent = 0;
    el.addEventListener('message-send', () => sent++);
    input(el).focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'line two' });
    expect(input(el).value).to.equal('line one\nline two');
    expect(sent).to.equal(0);
    const ev = oneEvent(el, 'message-send');
    button(el).click();
    expect((await ev).detail.text).to.equal('line one\nline two');
  });

  it('ignores Enter while an IME is composing', async () => {
    const el = await make();
    let sent = 0;
    el.addEventListener('message-send', () => sent++);
    input(el).focus();
    await sendKeys({ type: 'にほん' });
    const ev = new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true });
    input(el).dispatchEvent(ev);
    expect(ev.defaultPrevented).to.equal(false);
    expect(sent).to.equal(0);
    expect(el.value).to.equal('にほん');
  });

  it('fires DraftChangeEvent as the visitor types', async () => {
    const el = await make();
    input(el).focus();
    const draft = oneEvent(el, 'draft-change');
    await sendKeys({ type: 'a' });
    expect((await draft).detail.text).to.equal('a');
  });

  it('shows why it cannot send, keeps the draft and does not send while blocked', async () => {
    const el = await make('reconnecting');
    let sent = 0;
    el.addEventListener('message-send', () => sent++);
    const why = el.shadowRoot!.querySelector<HTMLElement>('#why')!;
    expect(why.hidden).to.equal(false);
    expect(why.textContent).to.contain('Your message will be kept'); // the banner says it is reconnecting
    expect(input(el).getAttribute('aria-describedby')).to.contain('why');
    input(el).focus();
    await sendKeys({ type: 'keep me' });
    await sendKeys({ press: 'Enter' });
    expect(sent).to.equal(0);
    expect(button(el).disabled).to.equal(true);
    expect(input(el).value).to.equal('keep me');
    await expect(el).to.be.accessible();
    // Unblocked: the same draft can now be sent.
    el.snapshot = snap(null);
    await el.updateComplete;
    expect(why.hidden).to.equal(true);
    const ev = oneEvent(el, 'message-send');
    await sendKeys({ press: 'Enter' });
    expect((await ev).detail.text).to.equal('keep me');
  });

  for (const reason of ['not-started', 'waiting-for-agent', 'ended'] as const) {
    it(`explains the "${reason}" block in every language`, async () => {
      for (const lang of ['en', 'ar', 'de']) {
        const el = await make(reason, lang);
        const text = el.shadowRoot!.querySelector('#why')!.textContent!.trim();
        expect(text, `${lang}/${reason}`).to.equal(localeOf(lang).strings[`composer.blocked.${reason}`]);
      }
    });
  }

  it('shows a counter near the 4,000 character limit and refuses longer messages', async () => {
    const el = await make();
    const count = el.shadowRoot!.querySelector<HTMLElement>('#count')!;
    el.value = 'x'.repeat(3000);
    await el.updateComplete;
    expect(count.hidden).to.equal(true);
    el.value = 'x'.repeat(3700);
    await el.updateComplete;
    expect(count.hidden).to.equal(false);
    expect(count.textContent).to.equal('300 characters left');
    expect(button(el).disabled).to.equal(false);
    el.value = 'x'.repeat(4100);
    await el.updateComplete;
    expect(count.textContent).to.equal('100 characters too many');
    expect(button(el).disabled).to.equal(true);
    expect(input(el).getAttribute('aria-invalid')).to.equal('true');
    expect(el.send()).to.equal(false);
    expect(el.value).to.have.length(4100);
    await expect(el).to.be.accessible();
  });

  it('does not send only whitespace', async () => {
    const el = await make();
    el.value = '   \n  ';
    await el.updateComplete;
    expect(button(el).disabled).to.equal(true);
    expect(el.send()).to.equal(false);
  });

  it('grows with its content', async () => {
    const el = await make();
    const before = input(el).getBoundingClientRect().height;
    el.value = 'a\nb\nc\nd';
    await el.updateComplete;
    expect(input(el).getBoundingClientRect().height).to.be.greaterThan(before);
  });

  it('passes axe in dark mode, blocked and near the limit', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const el = await make('waiting-for-agent');
      el.style.background = '#1b1b1f';
      el.value = 'x'.repeat(3900);
      await el.updateComplete;
      expect(getComputedStyle(input(el)).color).to.equal('rgb(236, 236, 241)');
      await expect(el).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });

  it('works right-to-left in Arabic and passes axe', async () => {
    const el = await make('waiting-for-agent', 'ar');
    el.dir = 'rtl';
    expect(input(el).getAttribute('aria-label')).to.equal('الرسالة');
    await expect(el).to.be.accessible();
  });
});
