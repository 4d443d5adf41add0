// A ChatSession wired to a reducer against a fresh reference-server sandbox, for the protocol
// tests: the snapshot the visitor would see, every resumable state the session reported, the
// agent's custom events.
import { waitUntil } from '@open-wc/testing';
import { RestClient } from '../../src/protocol/client.js';
import { reduce } from '../../src/protocol/reducer.js';
import { ChatSession } from '../../src/protocol/session.js';
import type { SessionState } from '../../src/protocol/session-types.js';
import { initialSnapshot, type ChatSnapshot } from '../../src/protocol/snapshot.js';
import { createSandbox, type Sandbox } from './reference-server.js';

export interface Harness {
  sb: Sandbox;
  session: ChatSession;
  client: RestClient;
  snap: () => ChatSnapshot;
  saved: () => SessionState | null;
  states: SessionState[];
  custom: [string, string][];
  finished: () => boolean;
  chatId: () => string;
}

const sandboxes: Sandbox[] = [];
const sessions: ChatSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.stop();
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
});

export async function harness(
  overrides: Record<string, unknown> = {},
  options: { sneakPeekIntervalMs?: number; typingPauseMs?: number; sessionTimeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<Harness> {
  const sb = await createSandbox({ scriptedAgent: { enabled: false }, clientPollTimeout: 5, ...overrides });
  sandboxes.push(sb);
  let snapshot: ChatSnapshot = initialSnapshot;
  let saved: SessionState | null = null;
  const states: SessionState[] = [];
  let finished = false;
  const custom: [string, string][] = [];
  const client = new RestClient({ endpoint: sb.endpointUrl, apiVersion: '58', fetch: options.fetch });
  const session = new ChatSession(
    client,
    {
      dispatch: (i) => (snapshot = reduce(snapshot, i)),
      changed: (st) => {
        saved = JSON.parse(JSON.stringify(st)) as SessionState;
        states.push(saved);
      },
      customEvent: (t, d) => custom.push([t, d]),
      finished: () => (finished = true),
    },
    { orgId: sb.orgId, backoffMs: 100, maxBackoffMs: 400, sneakPeekIntervalMs: options.sneakPeekIntervalMs, typingPauseMs: options.typingPauseMs, sessionTimeoutMs: options.sessionTimeoutMs },
  );
  sessions.push(session);
  return {
    sb,
    session,
    client,
    snap: () => snapshot,
    saved: () => saved,
    states,
    custom,
    finished: () => finished,
    chatId: () => session.state?.id ?? '',
  };
}

export function init(sb: Sandbox, extra: Record<string, unknown> = {}) {
  return {
    organizationId: sb.orgId,
    deploymentId: sb.deploymentId,
    buttonId: sb.buttonId,
    userAgent: navigator.userAgent,
    language: 'en-US',
    screenResolution: '1920x1080',
    visitorName: 'Jon A.',
    prechatDetails: [{ label: 'Email', value: 'jon@example.com', transcriptFields: ['Email__c'], displayToAgent: true }],
    prechatEntities: [],
    buttonOverrides: [],
    receiveQueueUpdates: true,
    isPost: true,
    ...extra,
  };
}

/** Starts a chat and has the agent accept it. */
export async function activeChat(h: Harness): Promise<void> {
  await h.session.start(init(h.sb));
  await waitUntil(() => h.snap().phase === 'queued', 'never queued', { timeout: 5000 });
  await h.sb.accept(h.chatId());
  await waitUntil(() => h.snap().phase === 'active', 'never active', { timeout: 5000 });
}

export const texts = (s: ChatSnapshot, kind?: string) => s.transcript.filter((e) => !kind || e.kind === kind).map((e) => e.text);

