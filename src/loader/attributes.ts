/**
 * What the script-tag loader must declare before the widget's code exists, because the
 * custom element registry reads it once, when `<live-chat>` is defined: every observed
 * attribute of LiveChat, and the shadow root's options. A test keeps both equal to
 * LiveChat's own.
 */
export const OBSERVED_ATTRIBUTES = [
  'endpoint',
  'org-id',
  'deployment-id',
  'button-id',
  'api-version',
  'language',
  'visitor-name',
  'invite-button-id',
  'prechat-fields',
  'position',
  'no-launcher',
  'open',
  'preload',
];

export const SHADOW_ROOT_OPTIONS: ShadowRootInit = { mode: 'open' };

/** The public methods: before the widget's code has arrived, calls are queued and replayed in order. */
export const METHODS = ['open', 'minimize', 'start', 'send', 'end', 'sendCustomEvent'] as const;
export type MethodName = (typeof METHODS)[number];
