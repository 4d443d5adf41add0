/**
 * The package's main export: classes and types, registering nothing.
 * Import `live-chat/define` to register the tags; `live-chat/react`, `live-chat/vue` and
 * `live-chat/preact` add template typings (docs/frameworks.md).
 */
export { LiveChat } from './components/live-chat/live-chat.js';
export type { PrechatFieldsValue } from './components/live-chat/live-chat.js';
export {
  LiveChatEvent,
  LiveChatPhaseChangeEvent,
  LiveChatMessageEvent,
  LiveChatCustomEvent,
  LiveChatEndedEvent,
  LiveChatErrorEvent,
  LiveChatRatingEvent,
  LiveChatOfflineMessageEvent,
} from './components/live-chat/live-chat-events.js';
export type {
  LiveChatEventMap,
  LiveChatPhaseChangeDetail,
  LiveChatMessageDetail,
  LiveChatCustomEventDetail,
  LiveChatEndedDetail,
  LiveChatErrorDetail,
  LiveChatRatingDetail,
  LiveChatOfflineMessageDetail,
} from './components/live-chat/live-chat-events.js';
export type { LiveChatAttributes, LiveChatProperties, LiveChatEventProps, LiveChatJsxProps } from './frameworks/props.js';
export { LiveChatTranscript } from './components/transcript/live-chat-transcript.js';
export { LiveChatComposer } from './components/composer/live-chat-composer.js';
export { LiveChatPrechat, parsePrechatFields, toPrechatValues } from './components/prechat/live-chat-prechat.js';
export { PRECHAT_FIELD_TYPES } from './components/prechat/prechat-fields.js';
export type {
  PrechatField,
  PrechatFieldType,
  PrechatOption,
  PrechatAnswers,
  ParsedPrechatFields,
} from './components/prechat/prechat-fields.js';
export { LiveChatQueue, queueStatusText } from './components/queue/live-chat-queue.js';
export { LiveChatPostchat, transcriptToText } from './components/postchat/live-chat-postchat.js';
export { LiveChatOfflineForm } from './components/offline/live-chat-offline-form.js';
export { LiveChatRating } from './components/rating/live-chat-rating.js';
export type { OfflineFields } from './protocol/web-to-case.js';
export { LiveChatInvitation } from './components/invitation/live-chat-invitation.js';
export { localeFor } from './components/shared/locale.js';
export { LOCALES, resolveLocale } from './i18n/load.js';
export type { LocaleName, LocaleOverrides } from './i18n/load.js';
export type { LocaleInfo, Plural, PluralKey, StringKey, StringOverrides, Strings } from './i18n/strings.js';
export { chatSnapshotContext } from './controller/context.js';
export type * from './protocol/snapshot.js';
export { initialSnapshot, MAX_MESSAGE_LENGTH } from './protocol/snapshot.js';
