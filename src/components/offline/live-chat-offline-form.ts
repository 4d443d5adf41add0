/**
 * <live-chat-offline-form>: "leave us a message" while no one is available. Renders the
 * Web-to-Case fields (`name`, `email`, `subject`, `description`) from `.values` (what the visitor
 * typed so far, pre-chat included), validates with the platform's constraint validation and the
 * pre-chat form's messages, reports every change (OfflineInputEvent, so nothing typed is lost
 * when the view goes away) and a valid submit (OfflineSubmitEvent). Shows `status`: sending,
 * sent (a confirmation), failed (the form stays, with its text, and an error).
 * Leaves to others: the POST and its state (chat-edges.ts), whether it shows (<live-chat>). The
 * script-tag widget loads it on first use (offline-form.ts, load-offline-form.ts).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { format } from '../../i18n/strings.js';
import { OFFLINE_FIELDS, emptyOfflineFields, type OfflineField, type OfflineFields } from '../../protocol/web-to-case.js';
import { LocalizedElement } from '../shared/view-element.js';
import { controls } from '../shared/controls.styles.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from '../prechat/live-chat-prechat.styles.js';

export type OfflineStatus = 'idle' | 'sending' | 'sent' | 'failed';

/** Web-to-Case's limits (characters). */
const MAX: Readonly<Record<OfflineField, number>> = { name: 80, email: 80, subject: 255, description: 32000 };
const REQUIRED: ReadonlySet<OfflineField> = new Set(['email', 'description']);

export { emptyOfflineFields };

/** Internal: the visitor changed a field of the offline form (`offline-input`) or sends it, valid (`offline-submit`). */
export class OfflineFormEvent extends Event {
  constructor(
    type: 'offline-input' | 'offline-submit',
    readonly fields: OfflineFields,
  ) {
    super(type, { bubbles: true });
  }
}

/**
 * @tagname live-chat-offline-form
 * @summary The leave-a-message form shown while no one is available (`offline-form-action`).
 * @fires offline-input - OfflineFormEvent: a field changed (the element's owner keeps the text).
 * @fires offline-submit - OfflineFormEvent with the fields, when the form is valid.
 * @csspart offline-form - The form, or its confirmation once sent.
 * @csspart prechat-field - Each field (the pre-chat form's part, so one style fits both).
 * @csspart prechat-error - A field's validation message, and the sending error.
 * @csspart submit-button - The "Send message" button.
 * @cssprop [--live-chat-color-accent=#0b5cab] - Submit button, focus ring.
 * @cssprop [--live-chat-color-danger=#b3261e] - Validation messages and invalid borders.
 */
export class LiveChatOfflineForm extends LocalizedElement {
  static override styles = [tokens, controls, styles];
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** What the visitor typed (kept by the owner across views). */
  @property({ attribute: false }) values: OfflineFields = emptyOfflineFields;
  /** Where the message is: not sent yet, sending, sent, or failed (the form stays filled). */
  @property() status: OfflineStatus = 'idle';

  @state() private errors: Partial<Record<OfflineField, string>> = {};
  #tried = false;

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('status') && this.status === 'sent') this.renderRoot.querySelector<HTMLElement>('.view')?.focus();
  }

  #control(name: OfflineField) {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`);
  }

  #check(name: OfflineField): string {
    const s = this.locale.strings;
    const c = this.#control(name);
    if (!c) return '';
    const v = c.validity;
    if (v.valueMissing || (REQUIRED.has(name) && !c.value.trim())) return s['prechat.error.required'];
    if (v.typeMismatch) return s['prechat.error.email'];
    if (v.tooLong || c.value.length > MAX[name]) return format(s['prechat.error.tooLong'], { max: MAX[name] }, this.locale.lang);
    return v.valid ? '' : s['prechat.error.invalid'];
  }

  #validate() {
    const errors: Partial<Record<OfflineField, string>> = {};
    for (const f of OFFLINE_FIELDS) {
      const m = this.#check(f);
      if (m) errors[f] = m;
    }
    return (this.errors = errors);
  }

  #read(): OfflineFields {
    const out = { ...emptyOfflineFields };
    for (const f of OFFLINE_FIELDS) out[f] = this.#control(f)?.value ?? this.values[f];
    return out;
  }

  #onInput(): void {
    if (this.#tried) this.#validate();
    const intent = new OfflineFormEvent('offline-input', this.#read());
    this.dispatchEvent(intent);
  }

  #onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    if (this.status === 'sending') return;
    this.#tried = true;
    const bad = OFFLINE_FIELDS.find((f) => this.#validate()[f]);
    if (bad) return void this.#control(bad)?.focus();
    const intent = new OfflineFormEvent('offline-submit', this.#read());
    this.dispatchEvent(intent);
  }

  #field(name: OfflineField, label: string) {
    const s = this.locale.strings;
    const err = this.errors[name];
    const common = {
      id: `o-${name}`,
      required: REQUIRED.has(name),
      described: err ? `o-${name}-e` : nothing,
      invalid: err ? 'true' : nothing,
    };
    const control =
      name === 'description'
        ? html`<textarea id=${common.id} name=${name} rows="4" required maxlength=${MAX[name]} .value=${this.values[name]}
            aria-invalid=${common.invalid} aria-describedby=${common.described}></textarea>`
        : html`<input id=${common.id} name=${name} type=${name === 'email' ? 'email' : 'text'}
            autocomplete=${name === 'subject' ? 'off' : name} ?required=${common.required}
            maxlength=${MAX[name]} .value=${this.values[name]} aria-invalid=${common.invalid} aria-describedby=${common.described} />`;
    return html`<div part="prechat-field" class="field">
      <label for=${common.id}>${label}${common.required ? nothing : html` <span class="opt">${s['prechat.optional']}</span>`}</label>${control}${err
        ? html`<p class="error" id="o-${name}-e" part="prechat-error">${err}</p>`
        : nothing}
    </div>`;
  }

  override render() {
    const { strings: s, lang, dir } = this.locale;
    if (this.status === 'sent') {
      return html`<div part="offline-form" class="view" tabindex="-1" lang=${lang} dir=${dir}>
        <p class="title">${s['offline.sent']}</p>
      </div>`;
    }
    return html`<form part="offline-form" novalidate lang=${lang} dir=${dir} aria-labelledby="o-title" aria-describedby="o-intro"
      @submit=${this.#onSubmit} @input=${this.#onInput}>
      <p id="o-title" class="title">${s['offline.launcher']}</p>
      <p id="o-intro">${s['offline.intro']}</p>
      ${this.#field('name', s['offline.name'])} ${this.#field('email', s['offline.email'])} ${this.#field('subject', s['offline.subject'])}
      ${this.#field('description', s['offline.description'])}
      ${this.status === 'failed' ? html`<p class="error" part="prechat-error" role="alert">${s['offline.failed']}</p>` : nothing}
      <div class="actions">
        <button type="submit" part="submit-button" class="primary" aria-disabled=${this.status === 'sending'}>
          ${s[this.status === 'sending' ? 'transcript.pending' : 'offline.submit']}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat-offline-form': LiveChatOfflineForm;
  }
  interface HTMLElementEventMap {
    'offline-input': OfflineFormEvent;
    'offline-submit': OfflineFormEvent;
  }
}
