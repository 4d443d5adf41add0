/**
 * What a framework template may pass to <live-chat>: the attributes, the settable properties and
 * the event handlers, typed from the element class and its event map. The per-framework entries
 * (`live-chat/react`, `live-chat/vue`, `live-chat/preact`) build their JSX or component typings from these;
 * test/package checks the lists against custom-elements.json.
 *
 * Deliberately left out: `open`, because the element also has an `open()` method and React, Vue,
 * Preact and Svelte set a prop as a *property* whenever the element has one (`el.open = true` would
 * replace the method) — frameworks use the `expanded` property; and the read-only `phase` and
 * `transcript`. Types only: nothing here exists at run time.
 */
import type { LiveChat } from '../components/live-chat/live-chat.js';
import type { LiveChatEventMap } from '../components/live-chat/live-chat-events.js';

/** The properties a page may set (camelCase; rich values such as `prechatFields` as they are). */
export type LiveChatProperties = Partial<
  Pick<
    LiveChat,
    | 'endpoint'
    | 'orgId'
    | 'deploymentId'
    | 'buttonId'
    | 'apiVersion'
    | 'language'
    | 'visitorName'
    | 'inviteButtonId'
    | 'inviteDelay'
    | 'prechatFields'
    | 'position'
    | 'noLauncher'
    | 'preload'
    | 'postchatRedirect'
    | 'offlineFormAction'
    | 'strings'
    | 'expanded'
    | 'chatTitle'
    | 'chatSubtitle'
    | 'agentAvatars'
    | 'defaultAvatar'
    | 'sound'
    | 'maxFileSize'
    | 'accept'
  >
>;

/** The attributes (kebab-case HTML names; values as text, booleans by presence). */
export interface LiveChatAttributes {
  endpoint?: string;
  'org-id'?: string;
  'deployment-id'?: string;
  'button-id'?: string;
  'api-version'?: string;
  language?: string;
  'visitor-name'?: string;
  'invite-button-id'?: string;
  /** Seconds before the invitation may show. */
  'invite-delay'?: string | number;
  /** JSON text of the pre-chat form; pass the `prechatFields` property for an array. */
  'prechat-fields'?: string;
  position?: LiveChat['position'];
  'no-launcher'?: boolean;
  /** `idle`: the script-tag loader loads the widget at idle instead of on intent. */
  preload?: LiveChat['preload'];
  /** Navigate to the post-chat URL when the chat ends (default: the ended view links it). */
  'postchat-redirect'?: boolean;
  /** URL of a Web-to-Case-style endpoint: enables the leave-a-message form when no one is available. */
  'offline-form-action'?: string;
  /** Header title (default: the localised "Chat"). */
  'chat-title'?: string;
  /** Header line under the title while no status shows. */
  'chat-subtitle'?: string;
  /** Avatar image URL (http(s)) for agents `agentAvatars` does not name. */
  'default-avatar'?: string;
  /** A chime for agent messages while away (leading tab, after an interaction; mutable in the header). */
  sound?: boolean;
  /** Largest file (bytes) the visitor may send when the agent asks for one; default 25 MB. */
  'max-file-size'?: string | number;
  /** File types the visitor may send (`image/*,.pdf`); empty: any. */
  accept?: string;
}

/** Event handler props named `<prefix><event name>`, e.g. `onlive-chat-message`, typed with the event classes. */
export type LiveChatEventProps<Prefix extends string = 'on'> = {
  [K in keyof LiveChatEventMap as `${Prefix}${K}`]?: (event: LiveChatEventMap[K]) => void;
};

/** Attributes, properties and `on<event>` handlers together: what a JSX element type for <live-chat> adds. */
export type LiveChatJsxProps = LiveChatAttributes & LiveChatProperties & LiveChatEventProps<'on'>;
