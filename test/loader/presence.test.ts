/**
 * The loader's presence check (src/loader/presence.ts) against the reference server over real
 * HTTP: the URL it asks, what it makes of the answer, and every way the answer can be wrong
 * (malformed, hostile, an error status, a cut connection), which must read as "unknown" (null)
 * and never throw; and the body it keeps for the widget (loader-settings.ts).
 */
import { expect } from '@open-wc/testing';
import { presence, settingsUrl } from '../../src/loader/presence.js';
import { createSandbox, type Sandbox } from '../helpers/reference-server.js';

let sandbox: Sandbox | undefined;

afterEach(async () => {
  await sandbox?.dispose();
  sandbox = undefined;
});

function urlFor(sb: Sandbox, buttons: string[] = [sb.buttonId]): string {
  const url = settingsUrl({ endpoint: sb.endpointUrl, orgId: sb.orgId, deploymentId: sb.deploymentId, buttons });
  expect(url, 'a URL').to.be.a('string');
  return url!;
}

describe('loader presence check', () => {
  it('asks Settings for the buttons, as the protocol spells it', () => {
    const url = new URL(settingsUrl({ endpoint: '/chat/rest', orgId: '00D&x', deploymentId: '572', buttons: ['573A', '573B'] })!);
    expect(url.origin).to.equal(location.origin);
    expect(url.pathname).to.equal('/chat/rest/Visitor/Settings');
    expect(url.searchParams.get('org_id')).to.equal('00D&x');
    expect(url.searchParams.get('deployment_id')).to.equal('572');
    expect(url.searchParams.get('Settings.buttonIds')).to.equal('[573A,573B]');
    expect(url.searchParams.get('Settings.needEstimatedWaitTime')).to.equal('1');
    expect(settingsUrl({ endpoint: 'https://x.example/rest/', orgId: 'o', deploymentId: 'd', buttons: ['b'] })!.startsWith('https://x.example/rest/Visitor/Settings?')).to.equal(true);
    expect(settingsUrl({ endpoint: 'http://[bad', orgId: 'o', deploymentId: 'd', buttons: ['b'] }), 'no URL').to.equal(null);
  });

  it('answers which buttons are available, and none when every agent is offline', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const online = await presence(urlFor(sandbox), '49');
    expect([...(online ?? ['unknown'])]).to.deep.equal([sandbox.buttonId]);
    for (const a of sandbox.agents) await sandbox.setAgent(a.id, 'offline');
    const offline = await presence(urlFor(sandbox), '49');
    expect(offline === null ? 'unknown' : [...offline]).to.deep.equal([]);
  });

  it('reads a wrong answer as unknown (null), never as offline, and never throws', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const url = urlFor(sandbox);
    const wrong: [string, Parameters<Sandbox['fault']>[0]][] = [
      ['truncated JSON', { resource: 'Visitor/Settings', kind: 'malformed' }],
      ['an error status', { resource: 'Visitor/Settings', kind: 'status', status: 500 }],
      ['a cut connection', { resource: 'Visitor/Settings', kind: 'drop' }],
      ['buttons not a list', { resource: 'Visitor/Settings', kind: 'status', status: 200, body: '{"buttons":"<img src=x onerror=alert(1)>"}' }],
      ['messages not a list', { resource: 'Visitor/Settings', kind: 'status', status: 200, body: '{"messages":{"type":"Settings"}}' }],
      ['null', { resource: 'Visitor/Settings', kind: 'status', status: 200, body: 'null' }],
      ['no Settings message', { resource: 'Visitor/Settings', kind: 'status', status: 200, body: '{"messages":[{"type":"Availability","message":{}}]}' }],
    ];
    for (const [what, fault] of wrong) {
      await sandbox.clearFaults();
      await sandbox.fault(fault);
      expect(await presence(url, '49'), what).to.equal(null);
    }
  });

  it('counts only well-formed available entries of a hostile list', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const body = JSON.stringify({
      messages: [
        {
          type: 'Settings',
          message: {
            buttons: [null, 7, { id: { toString: 1 }, isAvailable: true }, { id: 'A', isAvailable: 'true' }, { id: 'B', isAvailable: false }, { id: 'C', isAvailable: true }, { id: '__proto__', isAvailable: true }],
          },
        },
      ],
    });
    await sandbox.fault({ resource: 'Visitor/Settings', kind: 'status', status: 200, body });
    const answer = await presence(urlFor(sandbox), '49');
    expect(answer === null ? 'unknown' : [...answer].sort()).to.deep.equal(['A', 'C', '__proto__']);
  });

  it('keeps the body of every 2xx answer as received, read or not, and nothing of an error status', async () => {
    sandbox = await createSandbox({ scriptedAgent: { enabled: false } });
    const url = urlFor(sandbox);
    const kept: string[] = [];
    const keep = (text: string) => kept.push(text);
    await presence(url, '49', keep);
    expect(kept.length).to.equal(1);
    expect(kept[0]!.includes('"type":"Settings"') && kept[0]!.includes(`"id":"${sandbox.buttonId}"`), kept[0]!.slice(0, 200)).to.equal(true);
    await sandbox.fault({ resource: 'Visitor/Settings', kind: 'status', status: 200, body: '{"buttons": [' });
    expect(await presence(url, '49', keep)).to.equal(null);
    await sandbox.fault({ resource: 'Visitor/Settings', kind: 'status', status: 500 });
    expect(await presence(url, '49', keep)).to.equal(null);
    expect(kept.slice(1)).to.deep.equal(['{"buttons": [']);
  });
});
