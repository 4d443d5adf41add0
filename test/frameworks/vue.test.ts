/**
 * <live-chat> in a Vue 3 single-file component (test/frameworks/Support.vue), compiled as
 * @vitejs/plugin-vue compiles it — vue/compiler-sfc with `compilerOptions.isCustomElement`, as
 * docs/frameworks.md says — and run on Vue's runtime-only build (both bundled from this project's
 * node_modules by test/helpers/framework-bundles.mjs), against the reference server: Vue binds
 * `:prechatFields` as a property and `:org-id` as an attribute, does not try to resolve the tag as a
 * component, and `@live-chat-message` hears the agent's message.
 */
import '../../src/define.js';
import { expect, waitUntil } from '@open-wc/testing';
import { createApp, version, type App } from 'vue';
import Support from './Support.vue';
import type { PrechatField } from '../../src/index.js';
import { createSandbox, type Sandbox } from '../helpers/reference-server.js';

let sandbox: Sandbox | undefined;
let app: App | undefined;
let host: HTMLElement | undefined;
const realWarn = console.warn;

afterEach(async () => {
  console.warn = realWarn;
  app?.unmount();
  host?.remove();
  app = host = undefined;
  sessionStorage.clear(); // a persisted chat would resume in the next test
  await sandbox?.dispose();
  sandbox = undefined;
});

describe('Vue 3', () => {
  it('renders <live-chat> from an SFC compiled with isCustomElement, binds properties and sees the agent’s message', async () => {
    expect(version).to.match(/^3\./);
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      realWarn(...args);
    };
    const fields: PrechatField[] = [{ type: 'name', id: 'name', label: 'Your name', required: true }];
    host = document.createElement('div');
    document.body.append(host);
    app = createApp(Support, {
      endpoint: sandbox.endpointUrl,
      orgId: sandbox.orgId,
      deploymentId: sandbox.deploymentId,
      buttonId: sandbox.buttonId,
      fields,
    });
    app.mount(host);

    await waitUntil(() => host!.querySelector('live-chat'), 'Vue never rendered <live-chat>');
    const el = host.querySelector('live-chat')!;
    expect(el).to.be.instanceOf(customElements.get('live-chat')!);
    expect(el.prechatFields, 'prechatFields set as a property').to.equal(fields);
    expect(el.getAttribute('org-id')).to.equal(sandbox.orgId);
    expect(el.orgId).to.equal(sandbox.orgId);
    expect(el.noLauncher).to.equal(true);
    expect(warnings.filter((w) => w.includes('Failed to resolve component')), 'Vue treated the tag as a component').to.deep.equal([]);

    void el.start({ visitorName: 'Vue Visitor' });
    const chat = await sandbox.waitForChat();
    await sandbox.accept(chat.id);
    await sandbox.say(chat.id, 'Hello from the agent to Vue');
    // Every transcript entry is a message event (the "joined" line too): wait for the agent's.
    await waitUntil(() => host!.querySelector('.agent')!.textContent === 'agent: Hello from the agent to Vue', 'no message event reached the SFC', { timeout: 10_000 });
    expect(Number(host.querySelector('.count')!.textContent)).to.be.at.least(2);
  });
});
