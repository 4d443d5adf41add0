/**
 * Rich content carried over the Chat REST API: an agent CustomEvent of type `rich_message` or
 * `file` whose data is LiveChat's event JSON, turned into frozen, validated values for the
 * transcript. Pure (no DOM): every string is kept as text, every URL must be absolute http(s)
 * (anything else is dropped), counts and lengths are capped.
 *
 * Owns: the shapes (RichContent, Attachment, FileRequest) and how wire data becomes them.
 * Leaves to others: what the snapshot does with them (reducer.ts), how they look (components/rich/).
 */

export type RichTemplate = 'cards' | 'quick_replies' | 'sticker';

/**
 * What a button does: `message` answers with its text (a postback), `url`/`webview` open
 * `value` (an http(s) URL) in a new tab, `phone` calls `value`, `cancel` dismisses, `text` is
 * a label that does nothing (an unknown type, or a link whose value was unsafe).
 */
export type RichButtonType = 'message' | 'url' | 'webview' | 'phone' | 'cancel' | 'text';

export interface RichButton {
  readonly type: RichButtonType;
  readonly text: string;
  readonly value: string;
  readonly postbackId: string;
}

export interface RichImage {
  readonly url: string;
  readonly alt: string;
}

export interface RichElement {
  readonly title: string;
  readonly subtitle: string;
  readonly image: RichImage | null;
  readonly buttons: readonly RichButton[];
}

/** The visitor's answer to a rich message (a chosen button, or dismissed with `cancel`). */
export interface RichChoice {
  readonly element: number;
  readonly button: number;
}

export interface RichContent {
  readonly template: RichTemplate;
  readonly elements: readonly RichElement[];
  /** Set once the visitor chose (or dismissed); quick replies are also closed by any later message. */
  readonly chosen?: RichChoice;
  /** Quick replies no longer offered (answered, or the conversation moved on). */
  readonly closed?: boolean;
}

/** A file: an agent's (LiveChat `file` event) or one the visitor uploaded (no URL). */
export interface Attachment {
  readonly name: string;
  /** Absolute http(s) URL; '' for the visitor's own upload. */
  readonly url: string;
  readonly contentType: string;
  /** Bytes; null when unknown. */
  readonly size: number | null;
  readonly width: number | null;
  readonly height: number | null;
  /** http(s) URL of a preview image; '' when none. */
  readonly thumbnailUrl: string;
  readonly alt: string;
}

export type FileRequestStatus = 'requested' | 'success' | 'failure' | 'canceled';

/** Salesforce's FileTransfer request: where the visitor may upload one file. */
export interface FileRequest {
  readonly uploadServletUrl: string;
  readonly fileToken: string;
  readonly cdmServletUrl: string;
  readonly status: FileRequestStatus;
}

/** What an agent CustomEvent means for the transcript. */
export type RichParse =
  | { readonly kind: 'none' } // not ours: only the host page hears about it
  | { readonly kind: 'rich'; readonly rich: RichContent; readonly text: string }
  | { readonly kind: 'file'; readonly attachment: Attachment }
  /** Unusable: `text` (possibly '') is what can still be shown; `problem` says why. */
  | { readonly kind: 'bad'; readonly text: string; readonly problem: string };

const MAX_ELEMENTS = 10;
const MAX_BUTTONS = 13;
const MAX_TEXT = 2000;
const MAX_URL = 2048;
const { freeze } = Object;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A string, trimmed of control characters at the ends and capped; '' for anything else. */
const text = (v: unknown, max = MAX_TEXT): string => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : null);

/** The absolute http(s) URL, or '' (relative, javascript:, data:, too long, garbage). */
export function httpUrl(v: unknown): string {
  if (typeof v !== 'string' || v.length > MAX_URL) return '';
  try {
    const u = new URL(v.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '';
  } catch {
    return '';
  }
}

const PHONE = /^\+?[0-9][0-9 ().-]{1,30}$/;

function button(raw: unknown): RichButton | null {
  if (!isObj(raw)) return null;
  const label = text(raw.text, 200);
  if (!label) return null;
  let type = (raw.type === undefined ? 'message' : raw.type) as RichButtonType;
  let value = text(raw.value, MAX_URL);
  if (type === 'url' || type === 'webview') {
    value = httpUrl(value);
    if (!value) type = 'text';
  } else if (type === 'phone') {
    if (!PHONE.test(value)) type = 'text';
  } else if (type !== 'message' && type !== 'cancel') type = 'text';
  return freeze({ type, text: label, value, postbackId: text(raw.postback_id, 200) });
}

function image(raw: unknown): RichImage | null {
  if (!isObj(raw)) return null;
  const url = httpUrl(raw.url);
  return url ? freeze({ url, alt: text(raw.alternative_text, 500) || text(raw.name, 200) }) : null;
}

function element(raw: unknown): RichElement | null {
  if (!isObj(raw)) return null;
  const buttons = (Array.isArray(raw.buttons) ? raw.buttons : []).slice(0, MAX_BUTTONS).map(button).filter((b): b is RichButton => b !== null);
  const el: RichElement = { title: text(raw.title), subtitle: text(raw.subtitle), image: image(raw.image), buttons: freeze(buttons) };
  return el.title || el.subtitle || el.image || buttons.length ? freeze(el) : null;
}

/** The plain text of elements: titles, subtitles, image descriptions and button labels, one per line. */
export function richText(elements: readonly RichElement[]): string {
  const lines: string[] = [];
  for (const e of elements) {
    for (const t of [e.title, e.subtitle]) if (t) lines.push(t);
    if (!e.title && !e.subtitle && e.image?.alt) lines.push(e.image.alt);
    const labels = e.buttons.map((b) => b.text).join(' · ');
    if (labels) lines.push(labels);
  }
  return lines.join('\n');
}

const bad = (text: string, problem: string): RichParse => ({ kind: 'bad', text, problem });

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function rich(data: string): RichParse {
  const raw = parseJson(data);
  if (!isObj(raw)) return bad('', 'not a JSON object');
  const list = Array.isArray(raw.elements) ? raw.elements : [];
  const elements = list.slice(0, MAX_ELEMENTS).map(element).filter((e): e is RichElement => e !== null);
  const fallback = richText(elements);
  const template = raw.template_id;
  if (template !== 'cards' && template !== 'quick_replies' && template !== 'sticker') return bad(fallback, `unknown template ${String(template).slice(0, 40)}`);
  if (template === 'sticker' && !elements[0]?.image) return bad(fallback, 'sticker without an http(s) image');
  if (template === 'quick_replies' && !elements.some((e) => e.buttons.length)) return bad(fallback, 'quick_replies without buttons');
  if (!elements.length) return bad('', 'no usable elements');
  return { kind: 'rich', rich: freeze({ template, elements: freeze(elements) }), text: fallback || elements[0]?.image?.alt || '' };
}

function file(data: string): RichParse {
  const raw = parseJson(data);
  if (!isObj(raw)) return bad('', 'not a JSON object');
  const name = text(raw.name, 300);
  const url = httpUrl(raw.url);
  if (!url) return bad(name, 'no http(s) url');
  return {
    kind: 'file',
    attachment: freeze({
      name: name || new URL(url).pathname.split('/').pop() || url,
      url,
      contentType: text(raw.content_type, 200).toLowerCase(),
      size: count(raw.size),
      width: count(raw.width),
      height: count(raw.height),
      thumbnailUrl: httpUrl(raw.thumbnail_url),
      alt: text(raw.alternative_text, 500),
    }),
  };
}

/** What an agent CustomEvent of `type` with `data` shows in the transcript. Never throws. */
export function parseRichEvent(type: string, data: string): RichParse {
  if (type === 'rich_message') return rich(data);
  if (type === 'file') return file(data);
  return { kind: 'none' };
}

/** The CustomEvent data the visitor sends back for a chosen button. */
export function postbackData(b: RichButton): string {
  return JSON.stringify({ postback_id: b.postbackId, value: b.value, text: b.text });
}
