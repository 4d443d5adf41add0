/**
 * Bidi isolation for text that goes into a string of the other direction (a Latin agent name in
 * an Arabic sentence, an Arabic name in an English one): FIRST STRONG ISOLATE … POP DIRECTIONAL
 * ISOLATE, so the name neither takes the sentence's direction nor reorders the words around it
 * (".تتحدث مع Ada L" stays "تتحدث مع Ada L."). The plain-text twin of `<bdi>`, for strings that end
 * up in one text node or an attribute (status region, system lines). Pure.
 */
export const isolate = (s: string): string => (s ? `\u2068${s}\u2069` : s);

/** `params` with every string value isolated (numbers stay numbers, for plurals). */
export function isolateParams(params: Readonly<Record<string, string | number>> = {}): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' ? isolate(v) : v;
  return out;
}
