/**
 * What the loader declares before the widget exists must match the widget: the registry reads
 * observed attributes and lifecycle callbacks once, the shadow root cannot be re-created, and the
 * launcher's words must not change at the handover.
 */
import { expect } from '@open-wc/testing';
import { LiveChat } from '../../src/components/live-chat/live-chat.js';
import { METHODS, OBSERVED_ATTRIBUTES, PROPERTIES, SHADOW_ROOT_OPTIONS } from '../../src/loader/attributes.js';
import { loaderStrings } from '../../src/loader/strings.js';
import { negotiate } from '../../src/i18n/negotiate.js';
import { en } from '../../src/i18n/strings.js';
import { LOCALES, loadStrings, type LocaleName } from '../../src/i18n/load.js';

describe('loader declarations', () => {
  it('observes exactly the attributes LiveChat observes', () => {
    expect([...OBSERVED_ATTRIBUTES].sort()).to.deep.equal([...LiveChat.observedAttributes].sort());
  });

  it("answers property reads with LiveChat's attribute names and defaults", () => {
    const props = (LiveChat as unknown as { elementProperties: Map<string, { attribute?: string | boolean }> }).elementProperties;
    customElements.define('loader-defaults-probe', class extends LiveChat {});
    const probe = document.createElement('loader-defaults-probe') as unknown as Record<string, unknown>;
    for (const [prop, attr, fallback = ''] of PROPERTIES) {
      const opts = props.get(prop);
      expect(opts, prop).to.not.equal(undefined);
      expect(opts!.attribute === undefined || opts!.attribute === true ? prop.toLowerCase() : opts!.attribute, prop).to.equal(attr);
      expect(probe[prop], `${prop} default`).to.deep.equal(fallback);
    }
  });

  it('opens the shadow root the way lit would for LiveChat', () => {
    expect(SHADOW_ROOT_OPTIONS).to.deep.equal((LiveChat as unknown as { shadowRootOptions: ShadowRootInit }).shadowRootOptions);
  });

  it('queues every public method of LiveChat', () => {
    for (const name of METHODS) expect(LiveChat.prototype[name], name).to.be.a('function');
    const own = Object.getOwnPropertyNames(LiveChat.prototype).filter(
      (n) => typeof Object.getOwnPropertyDescriptor(LiveChat.prototype, n)?.value === 'function' && !n.endsWith('Callback') && n !== 'constructor',
    );
    // Lit lifecycle methods are not the page's API; everything else public must be queued.
    const lifecycle = ['render', 'willUpdate', 'updated', 'firstUpdated', 'update', 'shouldUpdate', 'getUpdateComplete'];
    expect(own.filter((n) => !lifecycle.includes(n)).sort()).to.deep.equal([...METHODS].sort());
  });

  it("has the widget's own launcher words for every language the widget ships", async () => {
    expect(Object.keys(loaderStrings).sort()).to.deep.equal(['en', ...LOCALES].sort());
    for (const lang of Object.keys(loaderStrings)) {
      const s = lang === 'en' ? en : (await loadStrings(lang as LocaleName))!;
      expect(s, `${lang} table`).to.be.an('object');
      expect(loaderStrings[lang]!.open, lang).to.equal(s['launcher.open']);
      expect(loaderStrings[lang]!.offline, lang).to.equal(s['launcher.offline']);
      expect(loaderStrings[lang]!.message, lang).to.equal(s['offline.launcher']);
    }
  });

  it('keys its table by canonical tags (the loader negotiates with `canonical: true`)', () => {
    const keys = Object.keys(loaderStrings);
    expect(keys.map((k) => Intl.getCanonicalLocales(k)[0])).to.deep.equal(keys);
    // The shortcut answers as the full negotiation does, here for a spread of visitors' tags.
    const visitors = ['en', 'en-GB', 'pt', 'pt-PT', 'zh', 'zh-TW', 'zh-Hant-HK', 'iw', 'ar-EG', 'sr-Latn', 'und', 'no', 'nb', 'x'];
    for (const tag of visitors) {
      expect(JSON.stringify(negotiate([tag], keys, { canonical: true })), tag).to.equal(JSON.stringify(negotiate([tag], keys)));
    }
  });
});
