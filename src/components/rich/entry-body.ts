/**
 * The transcript's one entry point to rich content: `renderEntryBody(entry, ctx)` returns the body
 * of a rich message, attachment or file request (null for anything else, which the transcript
 * renders as text). The renderer itself is a separate, lazily imported chunk (./rich-view.ts):
 * until it has arrived the body shows the entry's plain-text fallback, then fills itself in.
 *
 * Owns: when the chunk loads. Leaves to others: the rendering (rich-view.ts), the entry's place
 * in the log (the transcript).
 */
import { format, type LocaleInfo } from '../../i18n/strings.js';
import { DEFAULT_MAX_FILE_SIZE, type TranscriptEntry } from '../../protocol/snapshot.js';

export interface EntryBodyContext {
  /** The element the views fire intents from and whose shadow root takes their styles. */
  readonly host: HTMLElement;
  readonly locale: LocaleInfo;
}

/** What the chunk borrows from the main bundle (so nothing the two share is split into a third file). */
export interface RichKit {
  readonly format: typeof format;
  readonly maxFileSize: number;
}
const kit: RichKit = { format, maxFileSize: DEFAULT_MAX_FILE_SIZE };

type Render = (slot: HTMLElement, entry: TranscriptEntry, ctx: EntryBodyContext) => void;

let render: Render | null = null;
let loading: Promise<Render | null> | null = null;

/** Loads the renderer once (again after a failure); resolves to null when it cannot be had. */
export function loadRichView(): Promise<Render | null> {
  loading ??= import('./rich-view.js').then(
    (m) => (render = (slot, entry, ctx) => m.render(slot, entry, ctx, kit)),
    (e: unknown) => {
      console.warn(`<live-chat>: could not load the rich content view (${String(e)}); showing text.`);
      loading = null;
      return null;
    },
  );
  return loading;
}

export function renderEntryBody(entry: TranscriptEntry, ctx: EntryBodyContext): HTMLElement | null {
  if (!entry.rich && !entry.attachment && !entry.fileRequest) return null;
  const slot = document.createElement('div');
  slot.className = 'rich';
  if (render) {
    render(slot, entry, ctx);
    return slot;
  }
  if (entry.kind !== 'system') slot.textContent = entry.text; // the fallback until the view arrives
  void loadRichView().then((r) => {
    if (!r) return;
    slot.textContent = '';
    r(slot, entry, ctx);
  });
  return slot;
}
