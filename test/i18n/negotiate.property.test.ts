// negotiate() skips Intl's likely subtags (a slow first call) when they cannot change the answer.
// This checks it against the plain rule — every tag maximized, nearest same-script match of the
// first tag that has one — on random visitor tags and random sets of available locales.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { negotiate } from '../../src/i18n/negotiate.js';
import { LOCALES } from '../../src/i18n/load.js';

function full(tag: string) {
  try {
    const c = Intl.getCanonicalLocales(tag.trim().replace(/_/g, '-'))[0]!;
    const m = new Intl.Locale(c).maximize();
    return { tag: c, language: m.language, script: m.script ?? '', region: m.region ?? '' };
  } catch {
    return undefined;
  }
}

/** The rule as docs/i18n.md states it, with every tag maximized. */
function reference(requested: readonly string[], available: readonly string[]) {
  const offers = available.flatMap((locale) => {
    const s = full(locale);
    return s ? [{ locale, s }] : [];
  });
  let fallback: { locale: string; requested: string } | undefined;
  for (const tag of requested) {
    const want = full(tag);
    if (!want) continue;
    let best: { locale: string; d: number } | undefined;
    for (const { locale, s } of offers) {
      if (want.language !== s.language) continue;
      const d = want.tag.toLowerCase() === s.tag.toLowerCase() ? 0 : want.script !== s.script ? 3 : want.region === s.region ? 1 : 2;
      if (!best || d < best.d) best = { locale, d };
    }
    if (!best) continue;
    if (best.d < 3) return { locale: best.locale, requested: want.tag };
    fallback ??= { locale: best.locale, requested: want.tag };
  }
  return fallback;
}

const LANGS = ['en', 'de', 'fr', 'pt', 'zh', 'sr', 'uz', 'pa', 'he', 'iw', 'in', 'id', 'ar', 'fa', 'es', 'und', 'sw', 'ja'];
const SCRIPTS = ['', 'Latn', 'Cyrl', 'Hans', 'Hant', 'Arab', 'Guru'];
const REGIONS = ['', 'US', 'GB', 'BR', 'PT', 'TW', 'HK', 'CN', 'RS', 'AF', 'PK', 'IN', 'DE', 'AT', '419'];
const tag = fc
  .tuple(fc.constantFrom(...LANGS), fc.constantFrom(...SCRIPTS), fc.constantFrom(...REGIONS), fc.boolean())
  .map(([l, s, r, lower]) => {
    const t = [l, s, r].filter(Boolean).join(lower ? '_' : '-');
    return lower ? t.toLowerCase() : t;
  });

describe('negotiate() without likely subtags where they cannot matter', () => {
  it('answers as the rule with every tag maximized (random tags, shipped and owner locales)', () => {
    fc.assert(
      fc.property(
        fc.array(tag, { maxLength: 4 }),
        fc.oneof(fc.constant([...LOCALES, 'en']), fc.array(tag, { minLength: 1, maxLength: 6 }), fc.array(tag, { maxLength: 3 }).map((extra) => [...LOCALES, 'en', ...extra])),
        (requested, available) => {
          expect(negotiate(requested, available)).to.deep.equal(reference(requested, available));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('still reads the script from the region where that decides (zh-TW, sr-RS, pa-PK)', () => {
    expect(negotiate(['zh-TW'], ['zh-Hans', 'zh-Hant'])?.locale).to.equal('zh-Hant');
    expect(negotiate(['sr-RS', 'en'], ['sr-Latn', 'en'])?.locale).to.equal('en');
    expect(negotiate(['pa-PK', 'en'], ['pa', 'en'])?.locale).to.equal('en');
  });
});
