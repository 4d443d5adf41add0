/**
 * When the loader's Settings answer may stand in for the widget's first request
 * (src/controller/loader-settings.ts), and how the widget reads it (RestClient.settingsAnswer):
 * the same question, fresh, once; parsed as its own request's body would be.
 */
import { expect } from '@open-wc/testing';
import { LOADER_SETTINGS_MAX_AGE_MS, keepLoaderSettings, takeLoaderSettings, type LoaderSettings } from '../../src/controller/loader-settings.js';
import { RestClient } from '../../src/protocol/client.js';
import type { ChatConfig } from '../../src/protocol/snapshot.js';

const config: ChatConfig = { endpoint: 'https://x.example/chat/rest/', orgId: '00D', deploymentId: '572', buttonId: '573A', apiVersion: '49', language: 'en', visitorName: '', extraButtonIds: [] } as unknown as ChatConfig;
const answer = (over: Partial<LoaderSettings> = {}): LoaderSettings => ({
  endpoint: config.endpoint,
  orgId: config.orgId,
  deploymentId: config.deploymentId,
  apiVersion: '49',
  buttons: ['573A'],
  text: '{"buttons":[]}',
  at: 1_000_000,
  ...over,
});

/** What the widget would get for `kept`, asked `age` ms after it arrived, for `ids`. */
function taken(kept: LoaderSettings, age: number, ids: readonly string[] = ['573A']): string | null {
  const el = document.createElement('div');
  keepLoaderSettings(el, kept);
  return takeLoaderSettings(el, config, ids, kept.at + age);
}

describe('the loader\'s Settings answer', () => {
  it('stands in while younger than the bound, for the same question only', () => {
    expect(taken(answer(), 0)).to.equal('{"buttons":[]}');
    expect(taken(answer(), LOADER_SETTINGS_MAX_AGE_MS - 1)).to.equal('{"buttons":[]}');
    expect(taken(answer(), LOADER_SETTINGS_MAX_AGE_MS), 'at the bound').to.equal(null);
    expect(taken(answer(), -1), 'from the future (a clock set back)').to.equal(null);
    expect(taken(answer(), 0, ['573A', '573B']), 'more buttons').to.equal(null);
    expect(taken(answer({ buttons: ['573B', '573A'] }), 0, ['573A', '573B']), 'another order').to.equal(null);
    expect(taken(answer({ endpoint: 'https://y.example/chat/rest/' }), 0), 'another endpoint').to.equal(null);
    expect(taken(answer({ orgId: '00E' }), 0), 'another org').to.equal(null);
    expect(taken(answer({ deploymentId: '573' }), 0), 'another deployment').to.equal(null);
    expect(taken(answer({ apiVersion: '48' }), 0), 'another API version').to.equal(null);
  });

  it('is taken once: a later boot of the same element asks the server', () => {
    const el = document.createElement('div');
    keepLoaderSettings(el, answer());
    expect(takeLoaderSettings(el, config, ['573A'], answer().at)).to.equal('{"buttons":[]}');
    expect(takeLoaderSettings(el, config, ['573A'], answer().at)).to.equal(null);
    expect(takeLoaderSettings(document.createElement('div'), config, ['573A']), 'nothing handed over').to.equal(null);
  });

  it('is read as the client reads its own Settings body; a SwitchServer is left to a request', () => {
    const client = new RestClient({ endpoint: 'https://x.example/chat/rest/', apiVersion: '49', fetch: () => Promise.reject(new Error('no request expected')) });
    const good = client.settingsAnswer('{"messages":[{"type":"Settings","message":{"pingRate":40000,"buttons":[{"id":"573A","isAvailable":true}]}}]}');
    expect(JSON.stringify(good)).to.equal(JSON.stringify({ pingRate: 40000, buttons: [{ id: '573A', type: 'Standard', isAvailable: true, estimatedWaitTime: null }] }));
    const code = (text: string) => {
      try {
        client.settingsAnswer(text);
        return 'parsed';
      } catch (e) {
        return (e as { code?: string }).code ?? 'thrown';
      }
    };
    expect(code('{"buttons": [')).to.equal('malformed-response');
    expect(code('')).to.equal('malformed-response');
    expect(code('{"buttons":"<img src=x onerror=alert(1)>"}')).to.equal('malformed-response');
    expect(client.settingsAnswer('{"messages":[{"type":"SwitchServer","message":{"newUrl":"https://other.example/chat"}}]}')).to.equal(null);
  });
});
