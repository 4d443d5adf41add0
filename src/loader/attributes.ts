/**
 * What the script-tag loader must declare before the widget's code exists, because the
 * custom element registry reads it once, when `<live-chat>` is defined: every observed
 * attribute of LiveChat, and the shadow root's options. A test keeps both equal to
 * LiveChat's own.
 */
/**
 * LiveChat's configuration properties: [property, attribute, default] (default '' unless given).
 * Before the handover the loader answers reads from what the page set, else the attribute, else
 * the default; what the page set is handed to the widget as its own property value.
 */
export const PROPERTIES: readonly (readonly [prop: string, attr: string, fallback?: string | number | boolean | null])[] = [
  ['endpoint', 'endpoint'],
  ['orgId', 'org-id'],
  ['deploymentId', 'deployment-id'],
  ['buttonId', 'button-id'],
  ['apiVersion', 'api-version', '49'],
  ['language', 'language', ''],
  ['visitorName', 'visitor-name'],
  ['inviteButtonId', 'invite-button-id'],
  ['inviteDelay', 'invite-delay', 0],
  ['prechatFields', 'prechat-fields', null],
  ['position', 'position', 'bottom-right'],
  ['noLauncher', 'no-launcher', false],
  ['preload', 'preload'],
  ['postchatRedirect', 'postchat-redirect', false],
  ['offlineFormAction', 'offline-form-action'],
  ['chatTitle', 'chat-title'],
  ['chatSubtitle', 'chat-subtitle'],
  ['defaultAvatar', 'default-avatar'],
  ['sound', 'sound', false],
  ['maxFileSize', 'max-file-size', 26214400],
  ['accept', 'accept'],
];

/** Every attribute LiveChat observes: the properties' and `open` (the `expanded` property). */
export const OBSERVED_ATTRIBUTES = [...PROPERTIES.map((p) => p[1]), 'open'];

export const SHADOW_ROOT_OPTIONS: ShadowRootInit = { mode: 'open' };

/** The public methods: before the widget's code has arrived, calls are queued and replayed in order. */
export const METHODS = ['open', 'minimize', 'start', 'send', 'end', 'sendCustomEvent'] as const;
export type MethodName = (typeof METHODS)[number];
