/**
 * <live-chat> in a Vue 3 template (Vue's full build, bundled from this project's node_modules,
 * see test/helpers/framework-bundles.mjs) against the reference server, with
 * `compilerOptions.isCustomElement` as docs/frameworks.md says: Vue binds `:prechatFields` as a
 * property, `org-id` as an attribute, and `@live-chat-message` hears the agent's message.
 */
import '../../src/define.js';
import { expect, waitUntil } from '@open-wc/testing';
import { createApp, ref, version, type App } from 'vue';
import type { LiveChatMessageEvent, PrechatField } from '../../src/index.js';
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
  it('renders <live-chat> from a template with isCustomElement, binds properties and sees the agent’s message', async () => {
    expect(version).to.match(/^3\./);
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const warnings: string[] = [];
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      realWarn(...args);
    };
    const fields: PrechatField[] = [{ type: 'name', id: 'name', label: 'Your name', required: true }];
    const s = sandbox;
    const messages = ref<string[]>([]);
    host = document.createElement('div');
    document.body.append(host);
    app = createApp({
      template: `<live-chat
        :endpoint="endpoint"
        :org-id="orgId"
        :deployment-id="deploymentId"
        :button-id="buttonId"
        :noLauncher="true"
        :prechatFields="fields"
        @live-chat-message="onMessage"
      ></live-chat>
      <p class="count">{{ messages.length }}</p>`,
      setup: () => ({
        endpoint: s.endpointUrl,
        orgId: s.orgId,
        deploymentId: s.deploymentId,
        buttonId: s.buttonId,
        fields,
        messages,
        onMessage: (e: LiveChatMessageEvent) => messages.value.push(`${e.detail.message.kind}: ${e.detail.message.text}`),
      }),
    });
    app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('live-chat');
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
    await waitUntil(() => messages.value.includes('agent: Hello from the agent to Vue'), `no message event; got ${JSON.stringify(messages.value)}`, {
      timeout: 10_000,
    });
    await waitUntil(() => host!.querySelector('.count')!.textContent !== '0', 'Vue did not re-render from the handler');
  });
});
