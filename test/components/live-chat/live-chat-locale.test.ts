/**
 * <live-chat>'s language: negotiation (the `language` attribute, else `<html lang>`, else
 * `navigator.languages`), the locale file loaded before the widget renders in it, owners'
 * overrides, a failing file, right-to-left locales (with axe), and the language reported to
 * the server. Real locale files over HTTP; the real reference server where a chat starts.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/define.js';
import type { LiveChat } from '../../../src/components/live-chat/live-chat.js';
import { localeFiles } from '../../../src/i18n/load.js';
import { createSandbox, type Sandbox } from '../../helpers/reference-server.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const launcher = (el: LiveChat) => $(el, '[part~="launcher"]')?.textContent?.trim() ?? null;

const pageLang = document.documentElement.lang;
const realLanguages = Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages')!;
let sandbox: Sandbox | undefined;
let current: LiveChat | undefined;

function fakeBrowserLanguages(list: string[]) {
  Object.defineProperty(navigator, 'languages', { configurable: true, get: () => list });
}

async function make(attrs: { language?: string; strings?: LiveChat['strings'] } = {}): Promise<LiveChat> {
  current = await fixture<LiveChat>(html`<live-chat language=${attrs.language ?? ''} .strings=${attrs.strings ?? null}></live-chat>`);
  return current;
}

afterEach(async () => {
  current?.remove();
  current = undefined;
  document.documentElement.lang = pageLang;
  delete (navigator as { languages?: unknown }).languages;
  expect(Object.getOwnPropertyDescriptor(Navigator.prototype, 'languages')).to.deep.equal(realLanguages);
  sessionStorage.clear();
  await sandbox?.dispose();
  sandbox = undefined;
});

describe('<live-chat> language negotiation', () => {
  it('the language attribute wins over <html lang>', async () => {
    document.documentElement.lang = 'fr';
    const el = await make({ language: 'de-CH' });
    expect(launcher(el)).to.equal('Chatten Sie mit uns');
    expect($(el, '.root')!.getAttribute('lang')).to.equal('de-CH');
  });

  it('<html lang> wins over the browser, with a region fallback (pt-PT → pt-BR)', async () => {
    fakeBrowserLanguages(['ja']);
    document.documentElement.lang = 'pt-PT';
    const el = await make();
    expect(launcher(el)).to.equal('Fale com a gente');
    expect($(el, '.root')!.getAttribute('lang')).to.equal('pt-PT');
  });

  it('without either, takes the first of navigator.languages it has (zh-TW → zh-Hant)', async () => {
    document.documentElement.removeAttribute('lang');
    fakeBrowserLanguages(['sw', 'zh-TW', 'en']);
    const el = await make();
    expect(launcher(el)).to.equal('線上諮詢');
    expect($(el, '.root')!.getAttribute('lang')).to.equal('zh-TW');
  });

  it('follows a change of <html lang> and of the browser languages', async () => {
    document.documentElement.removeAttribute('lang');
    fakeBrowserLanguages(['ko']);
    const el = await make();
    expect(launcher(el)).to.equal('채팅 상담하기');
    fakeBrowserLanguages(['nl-BE']);
    dispatchEvent(new Event('languagechange'));
    await waitUntil(() => launcher(el) === 'Chat met ons', 'did not follow navigator.languages');
    document.documentElement.lang = 'it';
    await waitUntil(() => launcher(el) === 'Chatta con noi', 'did not follow <html lang>');
    el.language = 'en';
    await el.updateComplete;
    expect(launcher(el)).to.equal('Chat with us');
  });

  it('falls back to English for a language it does not have', async () => {
    const el = await make({ language: 'sw-KE' });
    expect(launcher(el)).to.equal('Chat with us');
    expect($(el, '.root')!.getAttribute('lang')).to.equal('en');
  });

  it('renders nothing until the locale file is in: never English first', async () => {
    const seen: (string | null)[] = [];
    current = document.createElement('live-chat');
    current.language = 'vi';
    document.body.append(current);
    const el = current;
    const record = () => seen.push(launcher(el));
    const observer = new MutationObserver(record);
    observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
    record();
    await el.updateComplete;
    observer.disconnect();
    expect(launcher(el)).to.equal('Trò chuyện với chúng tôi');
    expect(seen.filter((t) => t !== null && t !== 'Trò chuyện với chúng tôi'), 'showed another text first').to.deep.equal([]);
  });
});

describe('<live-chat> strings property', () => {
  it('an owner override wins; the rest of the table stays the shipped one', async () => {
    const el = await make({ language: 'fr', strings: { fr: { 'launcher.open': 'Parlons-en' } } });
    expect(launcher(el)).to.equal('Parlons-en');
    expect($(el, '[part="minimize-button"]')!.getAttribute('aria-label')).to.equal('Réduire la discussion');
    el.strings = { fr: { 'launcher.open': 'Une question ?' } };
    await el.updateComplete;
    expect(launcher(el)).to.equal('Une question ?');
  });

  it('an equal new object changes nothing; an object JSON cannot write still works', async () => {
    const el = await make({ language: 'fr', strings: { fr: { 'launcher.open': 'Parlons-en' } } });
    const localeOf = () => (el as unknown as { locale: object }).locale;
    const before = localeOf();
    el.strings = { fr: { 'launcher.open': 'Parlons-en' } };
    await el.updateComplete;
    expect(localeOf(), 'rebuilt for equal content').to.equal(before);
    const cyclic: Record<string, unknown> = { 'launcher.open': 'Encore' };
    cyclic['self'] = cyclic;
    const warn = console.warn;
    console.warn = () => {};
    try {
      el.strings = { fr: cyclic } as never;
      await el.updateComplete;
      await el.updateComplete;
    } finally {
      console.warn = warn;
    }
    expect(launcher(el)).to.equal('Encore');
  });

  it('adds a locale', async () => {
    const el = await make({ language: 'eo', strings: { eo: { 'launcher.open': 'Babilu kun ni' } } });
    expect(launcher(el)).to.equal('Babilu kun ni');
    expect($(el, '.root')!.getAttribute('lang')).to.equal('eo');
  });
});

describe('<live-chat> when a locale file cannot be loaded', () => {
  it('shows English, works, and says why in the console', async () => {
    const base = localeFiles.base;
    localeFiles.base = new URL('/no-such-folder/', location.href).href;
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => warnings.push(String(m));
    try {
      // 'th' is loaded nowhere else in this file, so it is not cached yet.
      const el = await make({ language: 'th' });
      expect(launcher(el)).to.equal('Chat with us');
      expect($(el, '.root')!.getAttribute('lang')).to.equal('en');
      expect($(el, '.root')!.getAttribute('dir')).to.equal('ltr');
      expect(warnings.join('\n')).to.contain('could not load the th strings');
      el.open();
      await el.updateComplete;
      expect($(el, '[part="panel"]')!.hidden).to.equal(false);
      expect($(el, '#title')!.textContent).to.equal('Chat');
      await expect(el).to.be.accessible();
    } finally {
      localeFiles.base = base;
      console.warn = warn;
    }
  });
});

describe('<live-chat> right-to-left locales', () => {
  const cases = [
    ['he', 'צ׳אט', 'התחלת צ׳אט'],
    ['fa', 'گفتگو', 'شروع گفتگو'],
    ['ar', 'الدردشة', 'ابدأ الدردشة'],
  ] as const;
  for (const [lang, title, submit] of cases) {
    it(`${lang}: dir="rtl", its strings, and no axe violations with the form open`, async () => {
      sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
      current = await fixture<LiveChat>(html`<live-chat
        endpoint=${sandbox.endpointUrl}
        org-id=${sandbox.orgId}
        deployment-id=${sandbox.deploymentId}
        button-id=${sandbox.buttonId}
        language=${lang}
        prechat-fields=${JSON.stringify([{ type: 'name', id: 'name', label: 'Name', required: true }])}
      ></live-chat>`);
      const el = current;
      await expect(el).to.be.accessible();
      el.open();
      await waitUntil(() => $(el, 'live-chat-prechat')?.shadowRoot?.querySelector('[part="submit-button"]'), 'no pre-chat form');
      const root = $(el, '.root')!;
      expect(root.getAttribute('dir')).to.equal('rtl');
      expect(root.getAttribute('lang')).to.equal(lang);
      expect($(el, '#title')!.textContent).to.equal(title);
      expect($(el, 'live-chat-prechat')!.shadowRoot!.querySelector('[part="submit-button"]')!.textContent!.trim()).to.equal(submit);
      await expect(el).to.be.accessible();
    });
  }
});

describe('<live-chat> language on the wire', () => {
  it('sends the visitor\'s own tag (from <html lang>) in ChasitorInit', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    document.documentElement.lang = 'pt-PT';
    current = await fixture<LiveChat>(html`<live-chat
      endpoint=${sandbox.endpointUrl}
      org-id=${sandbox.orgId}
      deployment-id=${sandbox.deploymentId}
      button-id=${sandbox.buttonId}
    ></live-chat>`);
    current.open();
    const chat = await sandbox.waitForChat();
    expect(chat.language).to.equal('pt-PT');
  });
});
