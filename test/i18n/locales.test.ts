/**
 * The shipped locale files, each loaded the way the widget loads it (a native import() of
 * its URL): complete, well-formed, with every plural form its language needs; negotiation;
 * plural and number formatting through Intl; owners' overrides and added locales.
 */
import { expect } from '@open-wc/testing';
import { LOCALES, loadStrings, localeFrom, planLocale, resolveLocale } from '../../src/i18n/load.js';
import { negotiate } from '../../src/i18n/negotiate.js';
import { directionOf, en, format, localeFor, type Plural, type StringKey, type Strings } from '../../src/i18n/strings.js';

const keys = Object.keys(en) as StringKey[];
const placeholders = (text: string) => new Set(text.match(/\{\w+\}/g) ?? []);
const forms = (v: string | Plural) => (typeof v === 'string' ? [v] : Object.values(v));

describe('locale files', () => {
  it('ship at least 20 locales besides English, German and Arabic', () => {
    expect(LOCALES.filter((l) => !['de', 'ar'].includes(l)).length).to.be.at.least(20);
  });

  for (const name of LOCALES) {
    describe(name, () => {
      let table: Strings;
      before(async () => {
        const loaded = await loadStrings(name);
        expect(loaded, `${name} did not load`).to.not.equal(null);
        table = loaded!;
      });

      it('loads a complete table: every key, no other, each the right shape', async () => {
        const module = (await import(`../../src/i18n/locales/${name}.js`)) as { default: Strings };
        expect(Object.keys(module.default).sort()).to.deep.equal([...keys].sort());
        for (const key of keys) {
          const value = module.default[key];
          expect(typeof value, `${name} ${key}`).to.equal(typeof en[key]);
          for (const text of forms(value)) {
            expect(text.trim(), `${name} ${key} is empty`).to.not.equal('');
            expect(text, `${name} ${key} has stray spaces`).to.equal(text.trim());
          }
        }
        expect(table[keys[0]!]).to.equal(module.default[keys[0]!]);
      });

      it('has exactly the plural forms Intl.PluralRules gives its language', () => {
        const categories = new Intl.PluralRules(name).resolvedOptions().pluralCategories;
        for (const key of keys) {
          const value = table[key];
          if (typeof value === 'string') continue;
          expect(Object.keys(value).sort(), `${name} ${key}`).to.deep.equal([...categories].sort());
        }
      });

      it('keeps the placeholders: "other" has all of English, no form adds one', () => {
        for (const key of keys) {
          const want = new Set(forms(en[key]).flatMap((t) => [...placeholders(t)]));
          const value = table[key];
          const other = typeof value === 'string' ? value : value.other;
          for (const p of want) expect(other, `${name} ${key}`).to.contain(p);
          for (const text of forms(value)) for (const p of placeholders(text)) expect(want.has(p), `${name} ${key}: ${p}`).to.equal(true);
        }
      });

      it('is translated, not English left in place', () => {
        const same = keys.filter((k) => JSON.stringify(table[k]) === JSON.stringify(en[k]));
        // Words that are the same in many languages: "Chat", "(optional)", the file name…
        expect(same.length, `${name} same as English: ${same.join(', ')}`).to.be.at.most(6);
      });

      it(`reads ${['ar', 'he', 'fa'].includes(name) ? 'right to left' : 'left to right'}`, () => {
        expect(directionOf(name)).to.equal(['ar', 'he', 'fa'].includes(name) ? 'rtl' : 'ltr');
      });
    });
  }
});

describe('negotiate()', () => {
  const available = [...LOCALES, 'en'];
  const cases: [string[], string | undefined][] = [
    [['fr'], 'fr'],
    [['fr-CA'], 'fr'],
    [['de-AT'], 'de'],
    [['pt-PT'], 'pt-BR'],
    [['pt'], 'pt-BR'],
    [['zh-TW'], 'zh-Hant'],
    [['zh-HK'], 'zh-Hant'],
    [['zh-Hant'], 'zh-Hant'],
    [['zh-CN'], 'zh-Hans'],
    [['zh'], 'zh-Hans'],
    [['zh-SG'], 'zh-Hans'],
    [['iw'], 'he'], // the old code for Hebrew
    [['in-ID'], 'id'], // the old code for Indonesian
    [['EN_us'], 'en'],
    [['ar-EG'], 'ar'],
    [['fa-IR'], 'fa'],
    [['sw', 'fr'], 'fr'], // Swahili does not ship: the next language the visitor reads
    [['not a tag!', 'ko-KR'], 'ko'],
    [['sw'], undefined],
    [[], undefined],
  ];
  for (const [requested, want] of cases) {
    it(`${JSON.stringify(requested)} → ${want ?? 'nothing'}`, () => {
      expect(negotiate(requested, available)?.locale).to.equal(want);
    });
  }

  it('prefers another region of a later language over another script of the first', () => {
    expect(negotiate(['zh-TW', 'en'], ['zh-Hans', 'en'])?.locale).to.equal('en');
    expect(negotiate(['zh-TW'], ['zh-Hans', 'en'])?.locale).to.equal('zh-Hans');
  });

  it('takes an exact tag over a sibling region', () => {
    expect(negotiate(['pt-PT'], ['pt-BR', 'pt-PT'])?.locale).to.equal('pt-PT');
    expect(negotiate(['en-GB'], ['en-US', 'en-GB'])?.locale).to.equal('en-GB');
  });
});

describe('plural forms and numbers through Intl', () => {
  it('chooses the Arabic form for 0, 1, 2, 3, 11 and 100 and writes Arabic digits', async () => {
    const ar = (await loadStrings('ar'))!;
    const unread = (n: number) => format(ar['launcher.unread'], { count: n }, 'ar');
    expect(unread(1)).to.equal('رسالة جديدة واحدة');
    expect(unread(2)).to.equal('رسالتان جديدتان');
    expect(unread(3)).to.equal(`${new Intl.NumberFormat('ar').format(3)} رسائل جديدة`);
    expect(unread(11)).to.equal(`${new Intl.NumberFormat('ar').format(11)} رسالة جديدة`);
    expect(unread(100)).to.equal(`${new Intl.NumberFormat('ar').format(100)} رسالة جديدة`);
    expect(unread(0)).to.equal('لا توجد رسائل جديدة');
  });

  it('follows Russian one / few / many', async () => {
    const ru = (await loadStrings('ru'))!;
    const left = (n: number) => format(ru['composer.left'], { count: n }, 'ru');
    expect(left(1)).to.equal('Остался 1 символ');
    expect(left(3)).to.equal('Осталось 3 символа');
    expect(left(5)).to.equal('Осталось 5 символов');
    expect(left(21)).to.equal('Остался 21 символ');
    expect(left(1000)).to.equal(`Осталось ${new Intl.NumberFormat('ru').format(1000)} символов`);
  });

  it('uses "one" for 0 in French and groups thousands the French way', async () => {
    const fr = (await loadStrings('fr'))!;
    expect(format(fr['composer.over'], { count: 0 }, 'fr')).to.equal('0 caractère en trop');
    expect(format(fr['composer.over'], { count: 1500 }, 'fr')).to.equal(`${new Intl.NumberFormat('fr').format(1500)} caractères en trop`);
  });

  it('picks English singular and plural', () => {
    expect(format(en['system.idle-warning'], { seconds: 1 }, 'en')).to.equal('Are you still there? The chat ends in 1 second.');
    expect(format(en['system.idle-warning'], { seconds: 30 }, 'en')).to.equal('Are you still there? The chat ends in 30 seconds.');
  });

  it('leaves unknown placeholders and plain texts alone', () => {
    expect(format('{a} and {b}', { a: 'x' })).to.equal('x and {b}');
    expect(format('{n} items', { n: 1234 }, 'de')).to.equal('1.234 items');
  });
});

describe('owners\' strings', () => {
  it('an override wins over the shipped table; the rest stays that language', async () => {
    const overrides = { fr: { 'launcher.open': 'Parlons-en' } };
    const locale = await resolveLocale(['fr-BE'], overrides);
    expect(locale.strings['launcher.open']).to.equal('Parlons-en');
    expect(locale.strings['panel.minimize']).to.equal('Réduire la discussion');
    expect(locale.lang).to.equal('fr-BE');
    expect(locale.dir).to.equal('ltr');
  });

  it('overrides English too, and a plain text may replace a plural', async () => {
    const locale = await resolveLocale(['en-GB'], { en: { 'panel.title': 'Help', 'launcher.unread': 'New messages' } });
    expect(locale.strings['panel.title']).to.equal('Help');
    expect(format(locale.strings['launcher.unread'], { count: 3 }, 'en')).to.equal('New messages');
  });

  it('adds a locale the widget does not ship, English for what it leaves out', async () => {
    const locale = await resolveLocale(['eo'], { eo: { 'launcher.open': 'Babilu kun ni', 'panel.title': 'Babilejo' } });
    expect(locale.lang).to.equal('eo');
    expect(locale.strings['launcher.open']).to.equal('Babilu kun ni');
    expect(locale.strings['end.button']).to.equal(en['end.button']);
  });

  it('an owner\'s region starts from the nearest shipped locale (pt-PT from pt-BR)', async () => {
    const overrides = { 'pt-PT': { 'launcher.open': 'Fale connosco' } };
    expect(planLocale(['pt-PT'], overrides)).to.deep.equal({ locale: 'pt-PT', file: 'pt-BR', lang: 'pt-PT' });
    const locale = await resolveLocale(['pt-PT'], overrides);
    expect(locale.strings['launcher.open']).to.equal('Fale connosco');
    expect(locale.strings['end.button']).to.equal('Encerrar chat');
    // A Brazilian visitor keeps the shipped table.
    expect((await resolveLocale(['pt-BR'], overrides)).strings['launcher.open']).to.equal('Fale com a gente');
  });

  it('an added right-to-left locale reads right to left', async () => {
    const locale = await resolveLocale(['ur-PK'], { ur: { 'launcher.open': 'ہم سے بات کریں' } });
    expect(locale.dir).to.equal('rtl');
    expect(locale.lang).to.equal('ur-PK');
  });

  it('ignores unknown keys and malformed values, with a warning, and keeps the good ones', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      const bad = { de: { 'launcher.open': 'Hallo', 'no.such.key': 'x', 'panel.title': 42, 'composer.left': { one: 'x' } } };
      const locale = await resolveLocale(['de'], bad as never);
      expect(locale.strings['launcher.open']).to.equal('Hallo');
      expect(locale.strings['panel.title']).to.equal('Chat');
      expect(typeof locale.strings['composer.left']).to.equal('object');
      expect(warnings.join('\n')).to.contain('no.such.key').and.contain('panel.title').and.contain('composer.left');
    } finally {
      console.warn = warn;
    }
  });

  it('a file that failed means English, with the owner\'s English overrides', () => {
    const plan = planLocale(['ja'], {});
    expect(plan.file).to.equal('ja');
    const locale = localeFrom(plan, null, { en: { 'panel.title': 'Help' }, ja: { 'panel.title': 'ヘルプ' } });
    expect(locale.lang).to.equal('en');
    expect(locale.dir).to.equal('ltr');
    expect(locale.strings['panel.title']).to.equal('Help');
    expect(locale.strings['launcher.open']).to.equal(en['launcher.open']);
  });
});

describe('localeFor()', () => {
  it('marks English text as English: a table is needed for another language', async () => {
    expect(localeFor('de')).to.deep.include({ lang: 'en', dir: 'ltr', strings: en });
    expect(localeFor('en-GB')).to.deep.include({ lang: 'en-GB', strings: en });
    const he = (await loadStrings('he'))!;
    expect(localeFor('he-IL', he)).to.deep.include({ lang: 'he-IL', dir: 'rtl', strings: he });
  });
});
