/**
 * Bidi isolation for text that goes into a string of the other direction (a Latin agent name in
 * an Arabic sentence, an Arabic name in an English one): FIRST STRONG ISOLATE … POP DIRECTIONAL
 * ISOLATE, so the name neither takes the sentence's direction nor reorders the words around it
 * (".تتحدث مع Ada L" stays "تتحدث مع Ada L."). For plain text where no element can be used (status
 * region, attributes); in templates `<bdi>` does the same.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
