import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LiveChatPrechat } from '../../../src/components/prechat/live-chat-prechat.js';
import type { PrechatField } from '../../../src/components/prechat/prechat-fields.js';
import { localeOf } from '../../helpers/locales.js';
import type { PrechatSubmitEvent } from '../../../src/components/events.js';

if (!customElements.get('live-chat-prechat')) customElements.define('live-chat-prechat', LiveChatPrechat);

/** A short, serialisable description of an element: wtr cannot report a failed comparison of DOM nodes. */
const tag = (e: Element | null | undefined): string =>
  e ? e.localName + ['name', 'part', 'value'].map((a) => (e.hasAttribute(a) ? `[${a}=${e.getAttribute(a)}]` : '')).join('') : String(e);

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const fields: PrechatField[] = [
  { type: 'name', id: 'name', label: 'Your name', required: true },
  { type: 'email', id: 'email', label: 'Email', required: true },
  {
    type: 'group_chooser',
    id: 'dept',
    label: 'Department',
    required: true,
    options: [
      { id: 'sales', label: 'Sales', buttonId: '573SALES' },
      { id: 'support', label: 'Support', buttonId: '573SUPPORT' },
    ],
  },
  { type: 'radio', id: 'purpose', label: 'Chat purpose', required: true, options: [{ id: 'buy', label: 'Buy' }, { id: 'help', label: 'Help' }] },
  { type: 'checkbox', id: 'topics', label: 'Topics', required: true, options: [{ id: 'a', label: 'Billing' }, { id: 'b', label: 'Shipping' }] },
  { type: 'textarea', id: 'q', label: 'Question', maxLength: 20 },
  { type: 'checkbox', id: 'consent', label: 'I accept the privacy policy', required: true },
];

async function make(f: readonly PrechatField[] = fields, lang = 'en'): Promise<LiveChatPrechat> {
  const el = await fixture<LiveChatPrechat>(html`<live-chat-prechat .fields=${f} .locale=${localeOf(lang)}></live-chat-prechat>`);
  await el.updateComplete;
  return el;
}
const $ = <T extends Element = HTMLElement>(el: LiveChatPrechat, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
const $$ = (el: LiveChatPrechat, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const active = (el: LiveChatPrechat) => el.shadowRoot!.activeElement as HTMLElement | null;
const control = (el: LiveChatPrechat, name: string) => $<HTMLInputElement>(el, `[name="${name}"]`);

function errorFor(el: LiveChatPrechat, name: string): string | null {
  const c = control(el, name);
  const ids = c.getAttribute('aria-describedby');
  if (!ids) return null;
  return el.shadowRoot!.getElementById(ids)!.textContent;
}

describe('<live-chat-prechat>', () => {
  it('renders every field type with a label, legends for groups, and passes axe', async () => {
    const el = await make();
    const form = $(el, 'form');
    expect(form.getAttribute('part')).to.equal('prechat-form');
    expect($$(el, '[part="prechat-field"]')).to.have.length(fields.length);
    expect(control(el, 'name').type).to.equal('text');
    expect(control(el, 'name').autocomplete).to.equal('name');
    expect(control(el, 'email').type).to.equal('email');
    expect(control(el, 'dept').tagName).to.equal('SELECT');
    expect(control(el, 'q').tagName).to.equal('TEXTAREA');
    expect(control(el, 'q').getAttribute('maxlength')).to.equal('20');
    expect($$(el, 'legend').map((l) => l.textContent!.trim())).to.deep.equal(['Chat purpose', 'Topics']);
    // Every control has a label the accessibility tree can use.
    for (const c of $$(el, 'input, select, textarea') as HTMLInputElement[]) {
      expect(c.labels?.length, c.name).to.be.greaterThan(0);
    }
    expect($(el, 'label[for="f5"]').textContent).to.contain('(optional)');
    await expect(el).to.be.accessible();
  });

  it('opens on its first field', async () => {
    const el = await make();
    await waitUntil(() => active(el) === control(el, 'name'), 'first field never focused');
  });

  it('focuses the first field once the fields arrive later', async () => {
    const el = await make([]);
    expect(tag(active(el))).to.equal('null');
    el.fields = fields;
    await el.updateComplete;
    expect(tag(active(el))).to.equal(tag(control(el, 'name')));
  });

  it('shows localised messages next to invalid fields, links them and focuses the first one', async () => {
    const el = await make();
    let fired = 0;
    el.addEventListener('prechat-submit', () => fired++);
    control(el, 'email').value = 'not-an-email';
    control(el, 'email').dispatchEvent(new Event('input', { bubbles: true }));
    $<HTMLButtonElement>(el, '[part="submit-button"]').focus();
    $<HTMLButtonElement>(el, '[part="submit-button"]').click();
    await el.updateComplete;
    expect(fired).to.equal(0);
    expect(errorFor(el, 'name')).to.equal('Please fill in this field.');
    expect(errorFor(el, 'email')).to.equal('Enter an email address like name@example.com.');
    expect(errorFor(el, 'dept')).to.equal('Please choose an option.');
    expect(errorFor(el, 'purpose')).to.equal('Please choose an option.');
    expect(errorFor(el, 'topics')).to.equal('Please choose an option.');
    expect(errorFor(el, 'consent')).to.equal('Please tick this box to continue.');
    expect(errorFor(el, 'q')).to.equal(null);
    expect(control(el, 'name').getAttribute('aria-invalid')).to.equal('true');
    expect($$(el, '[part="prechat-error"]')).to.have.length(6);
    expect(tag(active(el))).to.equal(tag(control(el, 'name')));
    await expect(el).to.be.accessible();

    // Messages clear as fields are fixed; a blank-only name still counts as missing.
    control(el, 'name').value = '   ';
    control(el, 'name').dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    expect(errorFor(el, 'name')).to.equal('Please fill in this field.');
    control(el, 'name').value = 'Ada';
    control(el, 'name').dispatchEvent(new Event('input', { bubbles: true }));
    await el.updateComplete;
    expect(errorFor(el, 'name')).to.equal(null);
    expect(control(el, 'name').hasAttribute('aria-invalid')).to.equal(false);
  });

  it('completes the whole form from the keyboard and submits the mapped values', async () => {
    const el = await make();
    await waitUntil(() => active(el) === control(el, 'name'));
    await sendKeys({ type: 'Ada Lovelace' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'ada@example.com' });
    await sendKeys({ press: 'Tab' });
    expect(tag(active(el))).to.equal(tag(control(el, 'dept')));
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    expect((control(el, 'dept') as unknown as HTMLSelectElement).value).to.equal('support');
    await sendKeys({ press: 'Tab' }); // radio group
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' }); // first checkbox (Billing)
    await sendKeys({ press: 'Tab' }); // Shipping
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' }); // textarea
    await sendKeys({ type: 'Where is my parcel and when will it come?' });
    expect(control(el, 'q').value, 'maxlength stops typing').to.have.length(20);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' }); // consent
    await sendKeys({ press: 'Tab' }); // cancel
    await sendKeys({ press: 'Tab' }); // submit
    expect(tag(active(el))).to.equal(tag($(el, '[part="submit-button"]')));
    const ev = oneEvent(el, 'prechat-submit') as Promise<PrechatSubmitEvent>;
    await sendKeys({ press: 'Enter' });
    const { detail } = await ev;
    expect(detail.values.visitorName).to.equal('Ada Lovelace');
    expect(detail.values.buttonId).to.equal('573SUPPORT');
    expect(detail.values.prechatDetails!.map((d) => [d.label, d.value])).to.deep.equal([
      ['Your name', 'Ada Lovelace'],
      ['Email', 'ada@example.com'],
      ['Department', 'Support'],
      ['Chat purpose', 'Buy'],
      ['Topics', 'Shipping'],
      ['Question', 'Where is my parcel a'],
      ['I accept the privacy policy', 'true'],
    ]);
  });

  it('submits with Enter in a text field when the form is valid', async () => {
    const el = await make([{ type: 'name', id: 'n', label: 'Name', required: true }]);
    await waitUntil(() => active(el) === control(el, 'n'));
    await sendKeys({ type: 'Sam' });
    const ev = oneEvent(el, 'prechat-submit') as Promise<PrechatSubmitEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await ev).detail.values).to.deep.equal({
      visitorName: 'Sam',
      prechatDetails: [{ label: 'Name', value: 'Sam', transcriptFields: [], displayToAgent: true }],
    });
  });

  it('cancels with the cancel button, from the keyboard', async () => {
    const el = await make([{ type: 'subject', id: 's', label: 'Subject' }]);
    await waitUntil(() => active(el) === control(el, 's'));
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.getAttribute('part')).to.equal('cancel-button');
    const ev = oneEvent(el, 'prechat-cancel');
    await sendKeys({ press: 'Enter' });
    expect((await ev).detail).to.equal(null);
  });

  it('keeps typed values when it re-renders with new (even reordered) fields', async () => {
    const el = await make();
    await waitUntil(() => active(el) === control(el, 'name'));
    await sendKeys({ type: 'Kept' });
    control(el, 'dept').value = 'sales';
    control(el, 'dept').dispatchEvent(new Event('change', { bubbles: true }));
    control(el, 'topics').click();
    el.fields = fields.map((f) => ({ ...f }));
    await el.updateComplete;
    expect(control(el, 'name').value).to.equal('Kept');
    el.fields = [...fields].reverse();
    el.locale = localeOf('de');
    await el.updateComplete;
    expect(control(el, 'name').value).to.equal('Kept');
    expect(control(el, 'dept').value).to.equal('sales');
    expect($<HTMLInputElement>(el, '[name="topics"][value="a"]').checked).to.equal(true);
    expect($<HTMLInputElement>(el, '[name="topics"][value="b"]').checked).to.equal(false);
    expect($(el, '[part="submit-button"]').textContent).to.equal('Chat starten');
  });

  it('renders hostile labels and option labels as text', async () => {
    const el = await make([
      { type: 'name', id: 'n', label: HOSTILE },
      { type: 'select', id: 's', label: 'S', options: [{ id: '1', label: HOSTILE }] },
    ]);
    expect($(el, 'label[for="f0"]').textContent).to.contain(HOSTILE);
    expect($(el, 'option[value="1"]').textContent).to.equal(HOSTILE);
    expect(tag(el.shadowRoot!.querySelector('img'))).to.equal('null');
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('reports too-long values with the limit, localised', async () => {
    const el = await make([{ type: 'subject', id: 's', label: 'Betreff', maxLength: 1000 }], 'de');
    control(el, 's').value = 'x'.repeat(1001); // set by script: maxlength does not stop it
    $<HTMLButtonElement>(el, '[part="submit-button"]').click();
    await el.updateComplete;
    expect(errorFor(el, 's')).to.equal('Verwenden Sie höchstens 1.000 Zeichen.');
  });

  it('takes its accent from a page-level token', async () => {
    document.documentElement.style.setProperty('--live-chat-color-accent', 'rgb(1, 2, 3)');
    try {
      const el = await make();
      expect(getComputedStyle($(el, '[part="submit-button"]')).backgroundColor).to.equal('rgb(1, 2, 3)');
    } finally {
      document.documentElement.style.removeProperty('--live-chat-color-accent');
    }
  });

  it('lays out right-to-left in Arabic and passes axe', async () => {
    const el = await make(fields, 'ar');
    const form = $(el, 'form');
    expect(form.getAttribute('dir')).to.equal('rtl');
    expect(form.getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle(form).direction).to.equal('rtl');
    expect($(el, '[part="submit-button"]').textContent).to.equal('ابدأ الدردشة');
    $<HTMLButtonElement>(el, '[part="submit-button"]').click();
    await el.updateComplete;
    expect(errorFor(el, 'name')).to.equal('يُرجى ملء هذا الحقل.');
    await expect(el).to.be.accessible();
  });
});
