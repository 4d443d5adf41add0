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

/** The canonical spelling of a tag (`iw` → `he`, `zh-tw` → `zh-TW`); undefined if not BCP 47. Cheap. */
function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined; // not a BCP 47 tag: skip it
  }
}

/**
 * Language, script and region, filled in from likely subtags. A page's first `maximize()` loads
 * Intl's likely-subtags data (80–150 ms at 4× CPU throttling), so `negotiate` asks for it only
 * when the answer depends on it.
 */
function subtags(c: string): Subtags | undefined {
  try {
    const full = new Intl.Locale(c).maximize();
    return { tag: c, language: full.language, script: full.script ?? '', region: full.region ?? '' };
  } catch {
    return undefined;
  }
}

/** Languages commonly written in more than one script, where the region can imply the script (`zh-TW`). */
const MULTI_SCRIPT = new Set('az bs ff ha kk ks ku mn ms pa sd sh shi sr tg uz vai yue zh'.split(' '));
const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();
/** A script subtag spelled in the tag itself (`zh-Hant`, `sr-Latn-RS`). */
const hasScript = (tag: string) => /^[a-z]{4}$/i.test(tag.split('-')[1] ?? '');

/**
 * The answer for one canonical requested tag when likely subtags cannot change it: null when no
 * locale has its language (maximize keeps a language other than `und`), an exact match, or the only
 * locale of its language when neither spells a script and the language has one script in common
 * use (the distance is then below 3 whatever the regions). Undefined: it takes `maximize()`.
 */
function quick(want: string, spelled: readonly (readonly [string, string])[]): string | null | undefined {
  const lang = primary(want);
  // `und` (undetermined) is the one language that maximize() changes.
  if (lang === 'und' || spelled.some(([, c]) => primary(c) === 'und')) return undefined;
  const same = spelled.filter(([, c]) => primary(c) === lang);
  if (!same.length) return null;
  const exact = same.find(([, c]) => c.toLowerCase() === want.toLowerCase());
  if (exact) return exact[0];
  const only = same.length === 1 ? same[0]! : undefined;
  return only && !MULTI_SCRIPT.has(lang) && !hasScript(want) && !hasScript(only[1]) ? only[0] : undefined;
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
 * `canonical: true` says `available` is canonical already (`Intl.getCanonicalLocales` would
 * return each tag as it is), which spares one `Intl` call per available locale.
 */
export function negotiate(requested: readonly string[], available: readonly string[], { canonical: ready = false } = {}): LocaleMatch | undefined {
  const spelled = available.flatMap((locale) => {
    const c = ready ? locale : canonical(locale);
    return c ? [[locale, c] as const] : [];
  });
  let offers: { locale: string; s: Subtags }[] | undefined;
  let fallback: LocaleMatch | undefined;
  for (const tag of requested) {
    const c = canonical(tag);
    const fast = c && quick(c, spelled);
    if (fast) return { locale: fast, requested: c };
    const want = c && fast === undefined ? subtags(c) : undefined;
    if (!want) continue;
    offers ??= spelled.flatMap(([locale, spelling]) => {
      const s = subtags(spelling);
      return s ? [{ locale, s }] : [];
    });
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
  const x = canonical(a);
  const y = canonical(b);
  return !!x && !!y && primary(x) === primary(y);
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
