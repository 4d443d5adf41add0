/**
 * The one URL check of the widget: only http(s) URLs are linked or followed (transcript
 * links, post-chat and offline URLs). Pure; owns nothing else.
 */

/** The absolute URL when `url` is http(s), else null (javascript:, data:, garbage). */
export function safeUrl(url: string | null | undefined, base = document.baseURI): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
