/**
 * <live-chat-prechat>: the pre-chat form. Renders `.fields` (already validated by
 * parsePrechatFields), validates with the platform's constraint validation, shows
 * localised messages next to each field and reports PrechatSubmitEvent /
 * PrechatCancelEvent. Keeps what the visitor typed across re-renders.
 * Leaves to others: parsing the attribute and starting the chat (<live-chat>, controller).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { format } from '../../i18n/strings.js';
import type { PrechatEntity } from '../../protocol/snapshot.js';
import { PrechatCancelEvent, PrechatSubmitEvent } from '../events.js';
import { LocalizedElement } from '../shared/view-element.js';
import { controls } from '../shared/controls.styles.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './live-chat-prechat.styles.js';
import { localizedText, toPrechatValues, type PrechatField } from './prechat-fields.js';

export { parsePrechatFields, toPrechatValues } from './prechat-fields.js';
export type { PrechatField, PrechatOption, ParsedPrechatFields } from './prechat-fields.js';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * @tagname live-chat-prechat
 * @summary The pre-chat form: name, email, subject, question, textarea, select, radio,
 * checkbox and department (group_chooser) fields with native validation.
 * @fires prechat-submit - PrechatSubmitEvent with the PrechatValues, when the form is valid.
 * @fires prechat-cancel - PrechatCancelEvent: the visitor went back without starting.
 * @csspart prechat-form - The form.
 * @csspart prechat-field - Each field (label, control and message).
 * @csspart prechat-error - A field's validation message.
 * @csspart submit-button - The "Start chat" button.
 * @csspart cancel-button - The "Cancel" button.
 * @cssprop [--live-chat-color-accent=#0b5cab] - Submit button, focus ring.
 * @cssprop [--live-chat-color-danger=#b3261e] - Validation messages and invalid borders.
 * @cssprop [--live-chat-color-border=#d0d4da] - Control borders.
 */
export class LiveChatPrechat extends LocalizedElement {
  static override styles = [tokens, controls, styles];
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** The form definition: the parsed `prechat-fields` array. */
  @property({ attribute: false }) fields: readonly PrechatField[] = [];

  /** Salesforce prechatEntities (the `entities` of `prechat-fields`), passed through on submit. */
  @property({ attribute: false }) entities: readonly PrechatEntity[] = [];

  /** Field id → message shown; fields are only checked after the first submit attempt. */
  @state() private errors: Record<string, string> = {};

  /** What the visitor entered, by field id (kept across re-renders and field changes). */
  #values: Record<string, string | string[]> = {};
  #tried = false;
  #focused = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#focused = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Open on the first field (STYLE.md), once per time the form is shown.
    if (!this.#focused && changed.has('fields') && this.fields.length) {
      this.#focused = true;
      this.#controls()[0]?.focus();
    }
  }

  #controls(name?: string): Control[] {
    const all = [...(this.renderRoot.querySelectorAll('input, select, textarea') as NodeListOf<Control>)];
    return name === undefined ? all : all.filter((c) => c.name === name);
  }

  /** The message for a field, or '' when it is valid. Uses constraint validation plus a blank-text check. */
  #check(f: PrechatField): string {
    const s = this.locale.strings;
    const cs = this.#controls(f.id);
    const first = cs[0];
    if (!first) return '';
    if (f.type === 'checkbox' && f.options) {
      return f.required && !cs.some((c) => (c as HTMLInputElement).checked) ? s['prechat.error.choose'] : '';
    }
    const v = first.validity;
    const blank = f.required && !f.options && f.type !== 'checkbox' && first.value.trim() === '';
    if (v.valueMissing || blank) {
      return f.type === 'checkbox' ? s['prechat.error.check'] : f.options ? s['prechat.error.choose'] : s['prechat.error.required'];
    }
    if (v.typeMismatch) return s['prechat.error.email'];
    if (v.tooLong || first.value.length > (f.maxLength ?? Infinity)) {
      return format(s['prechat.error.tooLong'], { max: f.maxLength ?? 0 }, this.locale.lang);
    }
    return v.valid ? '' : s['prechat.error.invalid'];
  }

  #validate(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const f of this.fields) {
      const m = this.#check(f);
      if (m) errors[f.id] = m;
    }
    return (this.errors = errors);
  }

  #onInput(e: Event): void {
    const c = e.target as Control;
    if (!c.name) return;
    const group = this.#controls(c.name);
    this.#values[c.name] =
      c instanceof HTMLInputElement && (c.type === 'checkbox' || c.type === 'radio')
        ? group.filter((g) => (g as HTMLInputElement).checked).map((g) => g.value)
        : c.value;
    if (this.#tried) this.#validate();
  }

  #onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    this.#tried = true;
    const errors = this.#validate();
    const bad = this.fields.find((f) => errors[f.id]);
    if (bad) {
      this.#controls(bad.id)[0]?.focus();
      return;
    }
    const form = e.target as HTMLFormElement;
    // Dispatched through a variable: cem would read `new X(arg)`'s argument as an event name.
    const intent = new PrechatSubmitEvent(toPrechatValues(this.fields, new FormData(form), this.entities));
    this.dispatchEvent(intent);
  }

  #cancel(): void {
    const intent = new PrechatCancelEvent();
    this.dispatchEvent(intent);
  }

  #renderField(f: PrechatField, i: number) {
    const s = this.locale.strings;
    const id = `f${i}`;
    const err = this.errors[f.id];
    const described = err ? `e${i}` : nothing;
    const invalid = err ? 'true' : nothing;
    const v = this.#values[f.id];
    const chosen = Array.isArray(v) ? v : v === undefined ? [] : [v];
    const text = typeof v === 'string' ? v : '';
    const { lang } = this.locale;
    const label = html`<bdi>${localizedText(f.label, lang)}</bdi>${f.required ? nothing : html` <span class="opt">${s['prechat.optional']}</span>`}`;
    const message = err ? html`<p class="error" id="e${i}" part="prechat-error">${err}</p>` : nothing;
    const max = f.maxLength ?? nothing;
    const placeholder = f.placeholder ? localizedText(f.placeholder, lang) : nothing;
    let control;
    if ((f.type === 'radio' || f.type === 'checkbox') && f.options) {
      const type = f.type;
      return html`<fieldset part="prechat-field" class="field">
        <legend>${label}</legend>
        ${f.options.map(
          (o, j) =>
            html`<label class="choice"
              ><input
                type=${type}
                name=${f.id}
                value=${o.id}
                id="${id}-${j}"
                ?required=${f.required && type === 'radio'}
                .checked=${chosen.includes(o.id)}
                aria-invalid=${invalid}
                aria-describedby=${described}
              />
              <bdi>${localizedText(o.label, lang)}</bdi></label
            >`,
        )}
        ${message}
      </fieldset>`;
    }
    if (f.type === 'checkbox') {
      return html`<div part="prechat-field" class="field">
        <label class="choice"
          ><input
            type="checkbox"
            name=${f.id}
            value="on"
            id=${id}
            ?required=${f.required}
            .checked=${chosen.length > 0}
            aria-invalid=${invalid}
            aria-describedby=${described}
          />
          ${label}</label
        >
        ${message}
      </div>`;
    }
    if (f.options) {
      control = html`<select id=${id} name=${f.id} ?required=${f.required} aria-invalid=${invalid} aria-describedby=${described}>
        <option value="">${s['prechat.choose']}</option>
        ${f.options.map((o) => html`<option value=${o.id} dir="auto" ?selected=${chosen.includes(o.id)}>${localizedText(o.label, lang)}</option>`)}
      </select>`;
    } else if (f.type === 'textarea') {
      control = html`<textarea
        id=${id}
        name=${f.id}
        rows="3"
        placeholder=${placeholder}
        ?required=${f.required}
        maxlength=${max}
        .value=${text}
        aria-invalid=${invalid}
        aria-describedby=${described}
      ></textarea>`;
    } else {
      control = html`<input
        id=${id}
        name=${f.id}
        type=${f.type === 'email' ? 'email' : 'text'}
        autocomplete=${f.type === 'email' ? 'email' : f.type === 'name' ? 'name' : 'off'}
        placeholder=${placeholder}
        ?required=${f.required}
        maxlength=${max}
        .value=${text}
        aria-invalid=${invalid}
        aria-describedby=${described}
      />`;
    }
    return html`<div part="prechat-field" class="field"><label for=${id}>${label}</label>${control}${message}</div>`;
  }

  override render() {
    const { strings: s, lang, dir } = this.locale;
    return html`<form
      part="prechat-form"
      novalidate
      lang=${lang}
      dir=${dir}
      aria-label=${s['prechat.title']}
      @submit=${this.#onSubmit}
      @input=${this.#onInput}
      @change=${this.#onInput}
    >
      ${this.fields.map((f, i) => this.#renderField(f, i))}
      <div class="actions">
        <button type="button" part="cancel-button" @click=${this.#cancel}>${s['prechat.cancel']}</button>
        <button type="submit" part="submit-button" class="primary">${s['prechat.submit']}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'live-chat-prechat': LiveChatPrechat;
  }
}
