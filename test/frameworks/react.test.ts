/**
 * <live-chat> rendered by React 19 (bundled from this project's node_modules, see
 * test/helpers/framework-bundles.mjs) against the reference server: React sets
 * `prechatFields` as a property and the ids as attributes, and an `onlive-chat-message`
 * prop hears the agent's message. This is what JSX compiles to (`createElement`); the JSX
 * typings themselves are checked by test/package against the packed package.
 */
import '../../src/define.js';
import { expect, waitUntil } from '@open-wc/testing';
import { createElement, version } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { LiveChatMessageEvent, LiveChatPhaseChangeEvent, PrechatField } from '../../src/index.js';
import { createSandbox, type Sandbox } from '../helpers/reference-server.js';

let sandbox: Sandbox | undefined;
let root: Root | undefined;
let host: HTMLElement | undefined;

afterEach(async () => {
  root?.unmount();
  host?.remove();
  root = host = undefined;
  sessionStorage.clear(); // a persisted chat would resume in the next test
  await sandbox?.dispose();
  sandbox = undefined;
});

describe('React 19', () => {
  it('renders <live-chat> with properties, attributes and onlive-chat-* props, and sees the agent’s message', async () => {
    expect(version).to.match(/^19\./);
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const fields: PrechatField[] = [{ type: 'name', id: 'name', label: 'Your name', required: true }];
    const messages: string[] = [];
    const phases: string[] = [];
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
    root.render(
      createElement('live-chat', {
        endpoint: sandbox.endpointUrl,
        'org-id': sandbox.orgId,
        'deployment-id': sandbox.deploymentId,
        'button-id': sandbox.buttonId,
        'no-launcher': true,
        prechatFields: fields,
        'onlive-chat-message': (e: LiveChatMessageEvent) => messages.push(`${e.detail.message.kind}: ${e.detail.message.text}`),
        'onlive-chat-phase-change': (e: LiveChatPhaseChangeEvent) => phases.push(e.detail.phase),
      }),
    );
    await waitUntil(() => host!.querySelector('live-chat'), 'React never rendered <live-chat>');
    const el = host.querySelector('live-chat')!;
    expect(el).to.be.instanceOf(customElements.get('live-chat')!);
    expect(el.prechatFields, 'prechatFields set as a property').to.equal(fields);
    expect(el.getAttribute('org-id')).to.equal(sandbox.orgId);
    expect(el.orgId).to.equal(sandbox.orgId);
    expect(el.noLauncher).to.equal(true);
    expect(typeof el.open, 'open() is still a method').to.equal('function');

    void el.start({ visitorName: 'React Visitor' });
    const chat = await sandbox.waitForChat();
    expect(chat.visitorName).to.equal('React Visitor');
    await sandbox.accept(chat.id);
    await sandbox.say(chat.id, 'Hello from the agent <b>to React</b>');
    await waitUntil(() => messages.includes('agent: Hello from the agent <b>to React</b>'), `no message event; got ${JSON.stringify(messages)}`, {
      timeout: 10_000,
    });
    expect(phases).to.include('active');
  });
});
