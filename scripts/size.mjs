// Prints raw, gzip (-9) and brotli (11) bytes of the script-tag files, and checks their budgets:
// the loader (what every page view downloads before the visitor shows intent), the widget
// it loads on intent, and the parts the widget loads on first use. With --check, exits non-zero when either is over. See docs/size.md.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// What a page downloads before any interaction: the loader, script and style together
// (its CSS is inside it). The issue that made the loader set 8,000 bytes.
export const LOADER_BUDGET = 8_000;
// The widget itself (dist/live-chat.widget.js), loaded on intent. The foundation set 20,000
// bytes before the widget existed. The complete widget measured 32,113 (2026-11-21): lit +
// @lit/context ~6.3 KB, the protocol engine and controller ~11.7 KB (503 handover, both 409s,
// multi-tab leadership, persistence, idle time-out, sneak peek, sensitive-data rules,
// invitations), seven elements ~10 KB, three locale tables ~3 KB. Two size passes (dedup,
// #private names, CSS comments) found ~1 KB; the rest is features the issues require. The budget
// sits just above what ships so any growth is a decision: see docs/size.md. Raised to 35,500
// (2026-12-02) for the session core's delivery contract (one outbox with in-flight requests,
// reconciliation after a handover, explicit stages, forwarded sends kept across tabs) and the
// checks that keep unsafe sensitive-data rules from freezing the page: +2.3 KB, which buy
// "nothing lost, nothing twice" under compound faults. The widget loads on intent now.
// Raised to 38,000 (2026-12-02) for the visitor-trust edges (issue 10, first half): the rating, the
// leave-a-message form and its Web-to-Case POST, the post-chat link and the reconnecting banner,
// with their strings: +2,470 bytes measured (35,002 → 37,472).
// Messenger transcript (issue 12: groups, avatars, day separators, keyboard composite, own
// announcements, new-messages pill, header title/avatar, away title badge and chime): +3.1 KB.
// Rich content (issue 11): what must run when a message
// arrives stays in the widget — the parser of rich_message/file events (every field checked,
// unsafe URLs dropped), FileTransfer, postbacks, the reducer's entries and 25 strings per
// locale: +2.7 KB. Their rendering and the upload are separate files, loaded on first use.
export const WIDGET_BUDGET = 45_000;
// The rich view (cards, carousel, quick replies, stickers, attachments, the file request and
// its styles), imported when the first rich entry arrives; the upload (XMLHttpRequest with
// progress), imported when the visitor sends a file.
export const RICH_BUDGET = 4_500;
export const UPLOAD_BUDGET = 1_000;
// The leave-a-message form (<live-chat-offline-form>: its fields, validation and styles hook-up),
// imported when that view is about to show (nobody available and offline-form-action set). Its
// POST, its state and its strings stay in the widget. 1,308 bytes when it moved out (2026-12-02).
export const OFFLINE_FORM_BUDGET = 1_500;
/** Kept for the bench report: the budget of the file it reports as the widget. */
export const BROTLI_BUDGET = WIDGET_BUDGET;

export const FILES = [
  { file: 'dist/live-chat.iife.js', budget: LOADER_BUDGET, role: 'loader (classic script)' },
  { file: 'dist/live-chat.js', budget: LOADER_BUDGET, role: 'loader (ES module)' },
  { file: 'dist/live-chat.widget.js', budget: WIDGET_BUDGET, role: 'widget, loaded on intent' },
  { file: 'dist/live-chat.rich-view.js', budget: RICH_BUDGET, role: 'rich content view, on first rich entry' },
  { file: 'dist/live-chat.upload.js', budget: UPLOAD_BUDGET, role: 'file upload, on first upload' },
  { file: 'dist/live-chat.offline-form.js', budget: OFFLINE_FORM_BUDGET, role: 'leave-a-message form, when it first shows' },
];

export function measure(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes('--check');
  const rows = [];
  for (const f of FILES) {
    if (!existsSync(f.file)) {
      console.error(`${f.file} is missing: run \`npm run build\` first.`);
      process.exit(1);
    }
    rows.push({ ...f, ...measure(readFileSync(f.file)) });
  }
  const pad = (v, n) => String(v).padStart(n);
  console.log(`${'file'.padEnd(31)} ${pad('raw', 8)} ${pad('gzip', 8)} ${pad('brotli', 8)} ${pad('budget', 8)}  role`);
  for (const r of rows) console.log(`${r.file.padEnd(31)} ${pad(r.raw, 8)} ${pad(r.gzip, 8)} ${pad(r.brotli, 8)} ${pad(r.budget, 8)}  ${r.role}`);
  let over = false;
  for (const r of rows) {
    const verdict = `brotli ${r.brotli} of ${r.budget} bytes budget for ${r.file}`;
    if (r.brotli > r.budget) {
      console.error(`size budget exceeded: ${verdict}`);
      over = true;
    } else {
      console.log(`size ok: ${verdict}`);
    }
  }
  if (over && check) process.exit(1);
}
