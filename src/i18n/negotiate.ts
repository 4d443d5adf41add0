/**
 * Language negotiation, pure: which available locale best serves a visitor's languages,
 * in the spirit of the `Intl.LocaleMatcher` proposal's "best fit". Tags are canonicalised
 * and maximised by `Intl` (so `iw` is Hebrew, `zh-TW` is `zh-Hant-TW`, `pt` is `pt-Latn-BR`),
 * then compared: same language and script, nearest region first. Owns nothing else.
 */

/** The chosen locale, and which of the visitor's tags it serves. */
export interface LocaleMatch {
  /** The available locale, spelled as given. */
  readonly locale: string;
  /** The visitor's tag it was matched for, canonicalised (`pt-PT`, `zh-TW`). */
  readonly requested: string;
}

interface Subtags {
  readonly tag: string;
  readonly language: string;
  readonly script: string;
  readonly region: string;
}

function subtags(tag: string): Subtags | undefined {
  try {
    const canonical = Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
    if (!canonical) return undefined;
    const full = new Intl.Locale(canonical).maximize();
    return { tag: canonical, language: full.language, script: full.script ?? '', region: full.region ?? '' };
  } catch {
    return undefined; // not a BCP 47 tag: skip it
  }
}

/**
 * Distance from what the visitor asked for to what is available: 0 same tag, 1 same
 * language, script and region (`de` for `de-DE`), 2 another region (`pt-BR` for `pt-PT`),
 * 3 another script (`zh-Hans` for `zh-Hant`: readable, but only when nothing better fits),
 * undefined another language.
 */
function distance(want: Subtags, have: Subtags): number | undefined {
  if (want.language !== have.language) return undefined;
  if (want.tag.toLowerCase() === have.tag.toLowerCase()) return 0;
  if (want.script !== have.script) return 3;
  return want.region === have.region ? 1 : 2;
}

/**
 * The best available locale for the visitor's tags (most preferred first): the first tag
 * with a same-script match wins, its nearest match chosen (earlier in `available` on a tie);
 * a cross-script match is used only when no tag has a better one. Undefined when nothing fits.
 */
export function negotiate(requested: readonly string[], available: readonly string[]): LocaleMatch | undefined {
  const offers = available.flatMap((locale) => {
    const s = subtags(locale);
    return s ? [{ locale, s }] : [];
  });
  let fallback: LocaleMatch | undefined;
  for (const tag of requested) {
    const want = subtags(tag);
    if (!want) continue;
    let best: { locale: string; d: number } | undefined;
    for (const { locale, s } of offers) {
      const d = distance(want, s);
      if (d !== undefined && (!best || d < best.d)) best = { locale, d };
    }
    if (!best) continue;
    if (best.d < 3) return { locale: best.locale, requested: want.tag };
    fallback ??= { locale: best.locale, requested: want.tag };
  }
  return fallback;
}

/** Whether two tags are the same language (`de-AT` and `de`; not `pt` and `es`). */
export function sameLanguage(a: string, b: string): boolean {
  const x = subtags(a);
  return !!x && x.language === subtags(b)?.language;
}

/** The visitor's languages, most preferred first: the `language` attribute, else `<html lang>`, else the browser's. */
export function requestedLanguages(attribute: string): string[] {
  const own = attribute.trim();
  if (own) return [own];
  const page = typeof document === 'undefined' ? '' : document.documentElement.lang.trim();
  if (page) return [page];
  const browser = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  const tags = browser.filter(Boolean);
  return tags.length ? [...tags] : ['en'];
}
