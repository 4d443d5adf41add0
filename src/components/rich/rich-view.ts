/**
 * How rich content looks (the lazily loaded chunk, see entry-body.ts): cards and their
 * carousel, quick replies, stickers, attachments, and the visitor's side of a file request
 * (pick, drop or paste a file, send, progress, cancel, retry). Plain DOM, text only (never
 * HTML), links only to http(s) and tel:, styles adopted into the transcript's shadow root.
 *
 * Owns: these views and their keyboard, touch and screen-reader behaviour.
 * Leaves to others: what the entries hold (protocol/rich.ts), postbacks and uploads (fired as
 * intents: rich-intents.ts, carried out by the controller).
 * Imports nothing at run time that the main bundle also uses (the bundler would split it into a
 * third file): shared helpers come in through `RichKit`.
 */
import type { TextKey } from '../../i18n/strings.js';
import type { RichButton, RichElement } from '../../protocol/rich.js';
import type { TranscriptEntry } from '../../protocol/snapshot.js';
import { fileRefusal } from '../../protocol/upload.js';
import type { EntryBodyContext, RichKit } from './entry-body.js';
import { FileUploadEvent, RichChoiceEvent } from './rich-intents.js';
import { richCss } from './rich.styles.js';

const styled = new WeakSet<ShadowRoot>();

function adopt(host: HTMLElement): void {
  const root = host.shadowRoot;
  if (!root || styled.has(root)) return;
  styled.add(root);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(richCss);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls = '', text?: string, part?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  if (part) e.setAttribute('part', part);
  return e;
}

let kit: RichKit;

const t = (ctx: EntryBodyContext, key: TextKey, params?: Record<string, string | number>) =>
  kit.format(ctx.locale.strings[key], params, ctx.locale.lang);

/** "2.4 MB", in the visitor's language. */
export function fileSize(bytes: number, lang: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let i = 0;
  let n = bytes;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  const opts: Intl.NumberFormatOptions = { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i ? 1 : 0 };
  try {
    return new Intl.NumberFormat(lang, opts).format(n);
  } catch {
    return new Intl.NumberFormat('en', opts).format(n);
  }
}

function image(url: string, alt: string, cls: string, part?: string): HTMLImageElement {
  const img = el('img', cls, undefined, part);
  img.alt = alt;
  img.loading = 'lazy';
  img.decoding = 'async';
  img.referrerPolicy = 'no-referrer';
  img.src = url;
  // A broken image still says what it was.
  img.addEventListener('error', () => img.replaceWith(el('span', `${cls} broken`, alt)), { once: true });
  return img;
}

/** Moves focus to the composer after a choice (on touch screens to the log, so no keyboard pops up). */
function focusAfterChoice(ctx: EntryBodyContext): void {
  const root = ctx.host.getRootNode() as ShadowRoot | Document;
  const touch = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  const target = touch ? ctx.host.shadowRoot?.querySelector<HTMLElement>('[part~="transcript"]') : root.querySelector<HTMLElement>('live-chat-composer');
  target?.focus({ preventScroll: true });
}

function choose(ctx: EntryBodyContext, e: TranscriptEntry, element: number, button: number, scope: HTMLElement): void {
  for (const b of scope.querySelectorAll('button')) b.disabled = true; // one answer, even on a double click
  ctx.host.dispatchEvent(new RichChoiceEvent(e.id, element, button));
  focusAfterChoice(ctx);
}

function buttonView(ctx: EntryBodyContext, e: TranscriptEntry, b: RichButton, element: number, index: number, scope: () => HTMLElement, part: string): HTMLElement {
  const chosen = e.rich?.chosen;
  if (b.type === 'url' || b.type === 'webview' || b.type === 'phone') {
    const a = el('a', 'btn', b.text, part);
    a.href = b.type === 'phone' ? `tel:${b.value.replace(/[^0-9+]/g, '')}` : b.value;
    if (b.type !== 'phone') {
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.append(el('span', 'sr', ` (${t(ctx, 'rich.newTab')})`));
    }
    return a;
  }
  if (b.type === 'text') return el('span', 'btn label', b.text, part);
  const btn = el('button', 'btn', b.text, part);
  btn.type = 'button';
  if (chosen || e.rich?.closed) {
    const mine = chosen?.element === element && chosen.button === index;
    btn.disabled = !mine;
    if (mine) {
      btn.classList.add('chosen');
      btn.setAttribute('aria-disabled', 'true');
      btn.setAttribute('aria-pressed', 'true');
    }
  } else btn.addEventListener('click', () => choose(ctx, e, element, index, scope()));
  return btn;
}

function card(ctx: EntryBodyContext, e: TranscriptEntry, c: RichElement, i: number, scope: () => HTMLElement): HTMLElement {
  const node = el('div', 'card', undefined, 'card');
  if (c.image) node.append(image(c.image.url, c.image.alt, 'img', 'card-image'));
  if (c.title) node.append(el('p', 'title', c.title));
  if (c.subtitle) node.append(el('p', 'sub', c.subtitle));
  if (c.buttons.length) {
    const row = el('div', 'btns');
    c.buttons.forEach((b, j) => row.append(buttonView(ctx, e, b, i, j, scope, 'card-button')));
    node.append(row);
  }
  for (const n of node.querySelectorAll<HTMLElement>('.title, .sub')) n.dir = 'auto';
  return node;
}

/** Several cards: a horizontal, snap-scrolling carousel (touch: swipe; keys: arrows, Home, End; buttons: previous/next). */
function carousel(ctx: EntryBodyContext, e: TranscriptEntry, elements: readonly RichElement[], scope: () => HTMLElement): HTMLElement {
  const wrap = el('div', 'carousel');
  wrap.setAttribute('role', 'group');
  wrap.setAttribute('aria-roledescription', 'carousel');
  wrap.setAttribute('aria-label', t(ctx, 'rich.cards'));
  const track = el('div', 'track');
  track.tabIndex = -1; // a scroller: no tab stop of its own (its cards' buttons and the arrows move it)
  const cards = elements.map((c, i) => {
    const node = card(ctx, e, c, i, scope);
    node.setAttribute('role', 'group');
    node.setAttribute('aria-roledescription', 'slide');
    node.setAttribute('aria-label', t(ctx, 'rich.slide', { index: i + 1, count: elements.length }));
    node.tabIndex = -1;
    return node;
  });
  track.append(...cards);
  let current = 0;
  const go = (i: number, focus: boolean) => {
    current = Math.max(0, Math.min(cards.length - 1, i));
    const target = cards[current]!;
    target.scrollIntoView({ block: 'nearest', inline: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    if (focus) (target.querySelector<HTMLElement>('button:not([disabled]), a') ?? target).focus({ preventScroll: true });
    prev.disabled = current === 0;
    next.disabled = current === cards.length - 1;
  };
  track.addEventListener('focusin', (ev) => {
    const i = cards.findIndex((c) => c.contains(ev.target as Node));
    if (i >= 0) {
      current = i;
      prev.disabled = i === 0;
      next.disabled = i === cards.length - 1;
    }
  });
  track.addEventListener('keydown', (ev) => {
    const rtl = getComputedStyle(track).direction === 'rtl';
    const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
    if (step) go(current + (rtl ? -step : step), true);
    else if (ev.key === 'Home') go(0, true);
    else if (ev.key === 'End') go(cards.length - 1, true);
    else return;
    ev.preventDefault();
  });
  const nav = el('div', 'nav');
  const prev = el('button', 'navb', '‹', 'carousel-previous');
  const next = el('button', 'navb', '›', 'carousel-next');
  for (const [b, label, d] of [[prev, 'rich.previous', -1], [next, 'rich.next', 1]] as const) {
    b.type = 'button';
    b.setAttribute('aria-label', t(ctx, label));
    b.addEventListener('click', () => go(current + d, false));
  }
  prev.disabled = true;
  nav.append(prev, next);
  wrap.append(track, nav);
  return wrap;
}

function rich(slot: HTMLElement, e: TranscriptEntry, ctx: EntryBodyContext): void {
  const r = e.rich!;
  const scope = () => slot;
  if (r.template === 'sticker') {
    const img = r.elements[0]!.image!;
    slot.append(image(img.url, img.alt || e.text, 'sticker'));
    return;
  }
  if (r.template === 'quick_replies') {
    const lead = r.elements.map((x) => [x.title, x.subtitle].filter(Boolean).join('\n')).filter(Boolean).join('\n');
    if (lead) {
      const b = el('span', 'b', lead);
      b.dir = 'auto';
      slot.append(b);
    }
    if (r.closed) return; // answered, or the conversation moved on: the chips are gone
    const chips = el('div', 'chips');
    chips.setAttribute('role', 'group');
    chips.setAttribute('aria-label', t(ctx, 'rich.replies'));
    r.elements.forEach((x, i) => x.buttons.forEach((b, j) => chips.append(buttonView(ctx, e, b, i, j, scope, 'quick-reply'))));
    slot.append(chips);
    return;
  }
  slot.append(r.elements.length > 1 ? carousel(ctx, e, r.elements, scope) : card(ctx, e, r.elements[0]!, 0, scope));
  if (r.chosen) {
    const b = r.elements[r.chosen.element]?.buttons[r.chosen.button];
    if (b) slot.append(el('p', 'note', b.type === 'cancel' ? t(ctx, 'rich.dismissed') : t(ctx, 'rich.chosen', { text: b.text })));
  }
}

function attachment(slot: HTMLElement, e: TranscriptEntry, ctx: EntryBodyContext): void {
  const a = e.attachment!;
  const isImage = a.contentType.startsWith('image/') && a.contentType !== 'image/svg+xml';
  const size = a.size !== null ? fileSize(a.size, ctx.locale.lang) : '';
  const box = el(a.url ? 'a' : 'span', `att ${isImage && a.url ? 'image' : 'file'}`, undefined, 'attachment');
  if (box instanceof HTMLAnchorElement) {
    box.href = a.url;
    box.target = '_blank';
    box.rel = 'noopener noreferrer';
  }
  if (isImage && a.url) {
    const img = image(a.thumbnailUrl || a.url, a.alt || a.name, 'preview');
    if (a.width && a.height) {
      img.width = a.width;
      img.height = a.height;
    }
    box.append(img);
  } else {
    const name = el('span', 'name', a.name);
    name.dir = 'auto';
    box.append(el('span', 'icon', '📄'), name);
    box.firstElementChild!.setAttribute('aria-hidden', 'true');
    if (size) box.append(el('span', 'size', size));
  }
  slot.append(box);
}

// ---------------------------------------------------------------- file request

type Limits = { maxBytes: number; accept: string };

/** `max-file-size` and `accept` of the <live-chat> around the transcript. */
function limits(ctx: EntryBodyContext): Limits {
  const chat = (ctx.host.getRootNode() as ShadowRoot).host as { maxFileSize?: unknown; accept?: unknown } | undefined;
  const max = Number(chat?.maxFileSize);
  return { maxBytes: Number.isFinite(max) && max > 0 ? max : kit.maxFileSize, accept: typeof chat?.accept === 'string' ? chat.accept : '' };
}

/** Open requests' views by file token: a redrawn entry gets the same view back (an upload keeps going). */
const open = new Map<string, HTMLElement>();

function fileRequest(slot: HTMLElement, e: TranscriptEntry, ctx: EntryBodyContext): void {
  const r = e.fileRequest!;
  const key = `${e.id}|${r.fileToken}`;
  if (r.status !== 'requested') {
    open.get(key)?.dispatchEvent(new Event('ended'));
    open.delete(key);
    const box = el('div', `freq ${r.status}`, undefined, 'file-request');
    const status = el('p', 'fstatus', t(ctx, r.status === 'success' ? 'rich.fileSuccess' : r.status === 'failure' ? 'rich.fileFailure' : 'rich.fileCanceled'), 'file-status');
    box.append(status);
    slot.append(box);
    return;
  }
  let view = open.get(key);
  if (!view) {
    view = requestView(e, ctx);
    open.set(key, view);
  }
  slot.append(view);
}

function requestView(e: TranscriptEntry, ctx: EntryBodyContext): HTMLElement {
  const lim = limits(ctx);
  const box = el('div', 'freq', undefined, 'file-request');
  const pick = el('label', 'pick');
  const input = el('input', '', undefined, 'file-input');
  input.type = 'file';
  if (lim.accept) input.accept = lim.accept;
  pick.append(el('span', '', t(ctx, 'rich.fileChoose')), input);
  const hint = el('p', 'hint', t(ctx, 'rich.fileDrop', { size: fileSize(lim.maxBytes, ctx.locale.lang) }));
  const chosen = el('p', 'chosen');
  const progress = el('progress', '', undefined, 'upload-progress');
  progress.max = 1;
  progress.value = 0;
  progress.setAttribute('aria-label', t(ctx, 'rich.fileUploading'));
  const status = el('p', 'fstatus', '', 'file-status');
  status.setAttribute('role', 'status');
  const send = el('button', 'primary', t(ctx, 'rich.fileSend'), 'upload-button');
  const other = el('button', '', t(ctx, 'rich.fileOther'));
  const cancel = el('button', '', t(ctx, 'rich.fileCancel'), 'upload-cancel');
  const retry = el('button', 'primary', t(ctx, 'rich.fileRetry'), 'upload-retry');
  const actions = el('div', 'actions');
  for (const b of [send, other, cancel, retry]) b.type = 'button';
  actions.append(send, retry, cancel, other);
  box.append(pick, hint, chosen, progress, status, actions);

  let file: File | null = null;
  let uploading: AbortController | null = null;
  type Stage = 'empty' | 'chosen' | 'uploading' | 'failed' | 'uploaded';
  const show = (stage: Stage, message = '') => {
    pick.hidden = hint.hidden = stage !== 'empty';
    chosen.hidden = stage === 'empty' || stage === 'uploaded';
    progress.hidden = stage !== 'uploading';
    send.hidden = stage !== 'chosen';
    retry.hidden = stage !== 'failed';
    cancel.hidden = stage !== 'uploading';
    other.hidden = stage !== 'chosen' && stage !== 'failed';
    status.textContent = message;
    status.classList.toggle('bad', stage !== 'uploaded' && message !== '');
  };
  const take = (f: File | null | undefined) => {
    if (!f || uploading) return;
    const refusal = fileRefusal(f, lim.maxBytes, lim.accept);
    if (refusal) {
      file = null;
      input.value = '';
      const key: TextKey = refusal === 'size' ? 'rich.fileTooBig' : refusal === 'empty' ? 'rich.fileEmpty' : 'rich.fileType';
      show('empty', t(ctx, key, { size: fileSize(lim.maxBytes, ctx.locale.lang) }));
      return;
    }
    file = f;
    chosen.replaceChildren(el('span', 'name', f.name), ' · ', el('span', 'size', fileSize(f.size, ctx.locale.lang)));
    (chosen.firstChild as HTMLElement).dir = 'auto';
    show('chosen');
    send.focus();
  };
  const start = () => {
    if (!file || uploading) return;
    const abort = (uploading = new AbortController());
    progress.value = 0;
    show('uploading');
    cancel.focus();
    const ev = new FileUploadEvent({
      id: e.id,
      file,
      signal: abort.signal,
      onProgress: (loaded, total) => {
        progress.value = total ? loaded / total : 0;
      },
    });
    ctx.host.dispatchEvent(ev);
    (ev.result ?? Promise.reject(new Error('no chat'))).then(
      () => {
        uploading = null;
        show('uploaded', t(ctx, 'rich.fileUploaded'));
      },
      (err: unknown) => {
        uploading = null;
        const cancelled = abort.signal.aborted;
        show(cancelled ? 'chosen' : 'failed', t(ctx, cancelled ? 'rich.fileCancelled' : 'rich.fileFailed'));
        (cancelled ? send : retry).focus();
        if (!cancelled) console.warn(`<live-chat>: ${String(err)}`);
      },
    );
  };
  input.addEventListener('change', () => take(input.files?.[0]));
  send.addEventListener('click', start);
  retry.addEventListener('click', start);
  cancel.addEventListener('click', () => uploading?.abort());
  other.addEventListener('click', () => {
    file = null;
    input.value = '';
    show('empty');
    input.focus();
  });
  box.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    box.classList.add('over');
  });
  box.addEventListener('dragleave', () => box.classList.remove('over'));
  box.addEventListener('drop', (ev) => {
    ev.preventDefault();
    box.classList.remove('over');
    take(ev.dataTransfer?.files[0]);
  });
  box.addEventListener('paste', (ev) => {
    const f = ev.clipboardData?.files[0];
    if (f) {
      ev.preventDefault();
      take(f);
    }
  });
  // The agent's Success/Failure/Canceled ends the request: whatever runs stops.
  box.addEventListener('ended', () => uploading?.abort());
  show('empty');
  return box;
}

/** Fills `slot` with the view of `e` (a rich message, an attachment or a file request). */
export function render(slot: HTMLElement, e: TranscriptEntry, ctx: EntryBodyContext, shared: RichKit): void {
  kit = shared;
  adopt(ctx.host);
  if (e.fileRequest) fileRequest(slot, e, ctx);
  else if (e.attachment) attachment(slot, e, ctx);
  else if (e.rich) rich(slot, e, ctx);
}

