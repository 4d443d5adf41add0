/**
 * Bidi isolation of a value inside a sentence of another direction ("تتحدث مع Ada L."):
 * FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the plain-text twin of `<bdi>`, for strings
 * that end up in one text node or an attribute. Pure.
 */
export const isolate = (s: string): string => (s ? `\u2068${s}\u2069` : s);

/** `params` with every string value isolated (numbers stay numbers, for plurals). */
export function isolateParams(params: Readonly<Record<string, string | number>> = {}): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? isolate(v) : v;
  return out;
}
