/**
 * Reference server configuration: the shape of the config file / sandbox overrides, the demo
 * defaults, and the merge + validation that turns a partial JSON object into a full config.
 * (The sandbox state lives in sandbox.ts; this module only describes and checks settings.)
 */

export type ButtonType = 'Standard' | 'Invite' | 'ToAgent';
export type AgentStatus = 'online' | 'away' | 'offline';

export interface ButtonConfig {
  id: string;
  type: ButtonType;
  label: string;
  /** ToAgent buttons: the agent they route to. */
  agentId?: string;
  language?: string;
  endpointUrl?: string;
  prechatUrl?: string;
  inviteImageUrl?: string;
  inviteImageWidth?: number;
  inviteImageHeight?: number;
  inviteRenderer?: 'Slide' | 'Fade' | 'Appear' | 'Custom';
  inviteStartPosition?: string;
  inviteEndPosition?: string;
  inviteRejectTime?: number;
  hasInviteAfterAccept?: boolean;
  hasInviteAfterReject?: boolean;
  inviteRules?: Record<string, unknown>;
  inviteDelayMs?: number;
}

export interface AgentConfig {
  id: string;
  name: string;
  status: AgentStatus;
  capacity: number;
  buttons: string[];
  sneakPeekEnabled: boolean;
}

export interface SensitiveDataRuleConfig {
  id: string;
  name: string;
  pattern: string;
  replacement: string;
  actionType: string;
}

export interface ServerConfig {
  /**
   * false (default, lenient): behave like the real service did for clients that omit `ack` on
   * Messages (server-tracked delivery) or `X-LIVEAGENT-SEQUENCE` on Chasitor POSTs (arrival
   * order). true: the guide to the letter — no ack means ack=-1, no sequence header means 400.
   */
  strict: boolean;
  orgId: string;
  deploymentId: string;
  pingRate: number;
  clientPollTimeout: number;
  sessionTimeoutMs: number;
  contentServerUrl: string;
  postChatUrl: string;
  buttons: ButtonConfig[];
  agents: AgentConfig[];
  scriptedAgent: {
    enabled: boolean;
    agentId: string;
    acceptAfterMs: number;
    typingMs: number;
    greeting: string;
    replyMode: 'echo' | 'none';
    /** After the greeting, offer quick replies (a `rich_message` CustomEvent): "Track my order", "Talk to a person". */
    quickReplies?: boolean;
  };
  idleTimeout: { isEnabled: boolean; warningTime: number; timeout: number };
  sensitiveDataRules: SensitiveDataRuleConfig[];
  postChat: { enabled: boolean; attachedRecords: Record<string, string> | string };
  switchServerUrl: string | null;
  /** ReconnectSession answers carry resetSequence: true (false: the field is left out, as some servers do). */
  reconnectResetSequence: boolean;
  /** Bearer token for the monitoring API; empty: a random one per sandbox. */
  monitorToken: string;
  /** Idle time after which a sandbox (not the default one) is dropped. */
  sandboxTimeoutMs: number;
  limits: {
    maxBodyBytes: number;
    maxSessions: number;
    maxTextLength: number;
    maxSandboxes: number;
    maxMessagesPerSession: number;
    maxLogRows: number;
    /** Largest file the upload servlet keeps (bytes). */
    maxUploadBytes: number;
  };
}

export type PartialConfig = { [K in keyof ServerConfig]?: ServerConfig[K] extends unknown[] ? ServerConfig[K] : ServerConfig[K] extends object | null ? Partial<ServerConfig[K]> : ServerConfig[K] };

export function defaultConfig(): ServerConfig {
  return {
    strict: false,
    orgId: '00DDEMO00000001',
    deploymentId: '572DEMO00000001',
    pingRate: 50000,
    clientPollTimeout: 40,
    sessionTimeoutMs: 120000,
    contentServerUrl: '',
    postChatUrl: '',
    buttons: [
      { id: '573DEMO00000001', type: 'Standard', label: 'Support' },
      { id: '573DEMO00000002', type: 'Standard', label: 'Sales' },
      {
        id: '573DEMO00000003',
        type: 'Invite',
        label: 'Proactive',
        inviteRenderer: 'Slide',
        inviteStartPosition: 'BottomRight',
        inviteEndPosition: 'BottomRight',
        inviteRejectTime: 30,
        hasInviteAfterAccept: false,
        hasInviteAfterReject: false,
        inviteDelayMs: 5000,
      },
      { id: '573DEMO00000004', type: 'ToAgent', label: 'Ada directly', agentId: '005DEMO00000001' },
    ],
    agents: [
      {
        id: '005DEMO00000001',
        name: 'Ada L.',
        status: 'online',
        capacity: 3,
        buttons: ['573DEMO00000001', '573DEMO00000003', '573DEMO00000004'],
        sneakPeekEnabled: true,
      },
      {
        id: '005DEMO00000002',
        name: 'Grace H.',
        status: 'online',
        capacity: 3,
        buttons: ['573DEMO00000001', '573DEMO00000002'],
        sneakPeekEnabled: false,
      },
    ],
    scriptedAgent: {
      enabled: true,
      agentId: '005DEMO00000001',
      acceptAfterMs: 1500,
      typingMs: 800,
      greeting: "Hi! I'm Ada. How can I help?",
      replyMode: 'echo',
    },
    idleTimeout: { isEnabled: false, warningTime: 60, timeout: 120 },
    sensitiveDataRules: [
      {
        id: '0GODEMO00000001',
        name: 'Card numbers',
        pattern: '\\b(?:\\d[ -]?){13,16}\\b',
        replacement: '****',
        actionType: 'Replace',
      },
    ],
    postChat: { enabled: false, attachedRecords: { ContactId: '003DEMO00000001' } },
    switchServerUrl: null,
    reconnectResetSequence: true,
    monitorToken: '',
    sandboxTimeoutMs: 30 * 60 * 1000,
    limits: {
      maxBodyBytes: 65536,
      maxSessions: 1000,
      maxTextLength: 4000,
      maxSandboxes: 200,
      maxMessagesPerSession: 2000,
      maxLogRows: 5000,
      maxUploadBytes: 25 * 1024 * 1024,
    },
  };
}

/**
 * The demo server's config (`npm start`, `--demo`): the defaults, with sneak peek on for Grace H.,
 * the human agent the demo page sends you to, so the console shows the visitor's draft. The
 * plain defaults keep it off for her, so tests meet one agent of each kind.
 */
export function demoConfig(): ServerConfig {
  const config = defaultConfig();
  for (const agent of config.agents) if (agent.id === '005DEMO00000002') agent.sneakPeekEnabled = true;
  config.scriptedAgent.quickReplies = true;
  return config;
}

export class ConfigError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges a partial config (JSON) over a base; objects merge one level deep, arrays replace. */
export function mergeConfig(base: ServerConfig, patch: unknown): ServerConfig {
  if (patch === undefined || patch === null) return structuredClone(base);
  if (!isObject(patch)) throw new ConfigError('config must be a JSON object');
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in out)) throw new ConfigError(`unknown config key "${key}"`);
    const current = out[key];
    if (isObject(current) && isObject(value)) out[key] = { ...current, ...structuredClone(value) };
    else out[key] = structuredClone(value);
  }
  const config = out as unknown as ServerConfig;
  validateConfig(config);
  return config;
}

function check(cond: unknown, what: string): asserts cond {
  if (!cond) throw new ConfigError(what);
}

export function validateConfig(c: ServerConfig): void {
  check(typeof c.strict === 'boolean', 'strict must be a boolean');
  check(typeof c.orgId === 'string' && c.orgId, 'orgId must be a non-empty string');
  check(typeof c.deploymentId === 'string' && c.deploymentId, 'deploymentId must be a non-empty string');
  check(typeof c.pingRate === 'number', 'pingRate must be a number');
  check(typeof c.clientPollTimeout === 'number' && c.clientPollTimeout >= 1 && c.clientPollTimeout <= 600, 'clientPollTimeout must be a number of seconds (1-600)');
  check(typeof c.sessionTimeoutMs === 'number' && c.sessionTimeoutMs > 0, 'sessionTimeoutMs must be a positive number');
  check(typeof c.contentServerUrl === 'string', 'contentServerUrl must be a string');
  check(typeof c.postChatUrl === 'string', 'postChatUrl must be a string');
  check(Array.isArray(c.buttons), 'buttons must be an array');
  for (const b of c.buttons) {
    check(isObject(b) && typeof b.id === 'string' && b.id, 'every button needs a string id');
    check(['Standard', 'Invite', 'ToAgent'].includes(b.type), `button ${b.id}: type must be Standard, Invite or ToAgent`);
    if (typeof b.label !== 'string') b.label = b.id;
    if (b.type === 'ToAgent') check(typeof b.agentId === 'string', `button ${b.id}: ToAgent buttons need agentId`);
  }
  check(Array.isArray(c.agents), 'agents must be an array');
  for (const a of c.agents) {
    check(isObject(a) && typeof a.id === 'string' && a.id, 'every agent needs a string id');
    if (typeof a.name !== 'string') a.name = a.id;
    if (a.status === undefined) a.status = 'online';
    check(['online', 'away', 'offline'].includes(a.status), `agent ${a.id}: status must be online, away or offline`);
    if (a.capacity === undefined) a.capacity = 3;
    check(typeof a.capacity === 'number' && a.capacity >= 0, `agent ${a.id}: capacity must be a number`);
    if (a.buttons === undefined) a.buttons = [];
    check(Array.isArray(a.buttons) && a.buttons.every((x) => typeof x === 'string'), `agent ${a.id}: buttons must be an array of ids`);
    a.sneakPeekEnabled = a.sneakPeekEnabled === true;
  }
  const s = c.scriptedAgent;
  check(isObject(s), 'scriptedAgent must be an object');
  check(typeof s.enabled === 'boolean', 'scriptedAgent.enabled must be a boolean');
  check(typeof s.acceptAfterMs === 'number' && s.acceptAfterMs >= 0, 'scriptedAgent.acceptAfterMs must be a number');
  check(typeof s.typingMs === 'number' && s.typingMs >= 0, 'scriptedAgent.typingMs must be a number');
  check(typeof s.greeting === 'string', 'scriptedAgent.greeting must be a string');
  check(s.replyMode === 'echo' || s.replyMode === 'none', 'scriptedAgent.replyMode must be "echo" or "none"');
  check(s.quickReplies === undefined || typeof s.quickReplies === 'boolean', 'scriptedAgent.quickReplies must be a boolean');
  check(isObject(c.idleTimeout) && typeof c.idleTimeout.isEnabled === 'boolean', 'idleTimeout.isEnabled must be a boolean');
  check(Array.isArray(c.sensitiveDataRules), 'sensitiveDataRules must be an array');
  for (const r of c.sensitiveDataRules) {
    check(isObject(r) && typeof r.pattern === 'string' && typeof r.name === 'string', 'every sensitive data rule needs name and pattern');
    try {
      new RegExp(r.pattern);
    } catch {
      throw new ConfigError(`sensitive data rule ${r.name}: invalid pattern`);
    }
  }
  check(isObject(c.postChat) && typeof c.postChat.enabled === 'boolean', 'postChat.enabled must be a boolean');
  check(c.switchServerUrl === null || typeof c.switchServerUrl === 'string', 'switchServerUrl must be a string or null');
  check(typeof c.reconnectResetSequence === 'boolean', 'reconnectResetSequence must be a boolean');
  check(typeof c.monitorToken === 'string', 'monitorToken must be a string');
  check(isObject(c.limits), 'limits must be an object');
  for (const [k, v] of Object.entries(c.limits)) check(typeof v === 'number' && v > 0, `limits.${k} must be a positive number`);
}
