/**
 * Registers every live-chat tag. Safe to load twice (a page may carry two
 * copies): a tag that is already defined is left alone.
 * Its type declarations re-export the package's types, so `import 'live-chat/define'`
 * alone brings the global augmentations: `HTMLElementTagNameMap['live-chat']` and the
 * `live-chat-*` events in `GlobalEventHandlersEventMap`.
 */
import { LiveChat } from './components/live-chat/live-chat.js';
import { LiveChatTranscript } from './components/transcript/live-chat-transcript.js';
import { LiveChatComposer } from './components/composer/live-chat-composer.js';
import { LiveChatPrechat } from './components/prechat/live-chat-prechat.js';
import { LiveChatQueue } from './components/queue/live-chat-queue.js';
import { LiveChatPostchat } from './components/postchat/live-chat-postchat.js';
import { LiveChatInvitation } from './components/invitation/live-chat-invitation.js';
import { LiveChatOfflineForm } from './components/offline/live-chat-offline-form.js';
import { LiveChatRating } from './components/rating/live-chat-rating.js';

export type * from './index.js';

const tags: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['live-chat', LiveChat],
  ['live-chat-transcript', LiveChatTranscript],
  ['live-chat-composer', LiveChatComposer],
  ['live-chat-prechat', LiveChatPrechat],
  ['live-chat-queue', LiveChatQueue],
  ['live-chat-postchat', LiveChatPostchat],
  ['live-chat-invitation', LiveChatInvitation],
  ['live-chat-offline-form', LiveChatOfflineForm],
  ['live-chat-rating', LiveChatRating],
];

for (const [tag, ctor] of tags) {
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
