/**
 * The tags the widget registers up front, shared by the two entries that register them:
 * define.ts (npm, `live-chat/define`: these plus the leave-a-message form, everything eagerly) and
 * bundle.ts (the script-tag widget, whose leave-a-message form is a chunk loaded on first use:
 * components/offline/load-offline-form.ts). A tag already defined (a page with two copies) is left alone.
 */
import { LiveChat } from './components/live-chat/live-chat.js';
import { LiveChatTranscript } from './components/transcript/live-chat-transcript.js';
import { LiveChatComposer } from './components/composer/live-chat-composer.js';
import { LiveChatPrechat } from './components/prechat/live-chat-prechat.js';
import { LiveChatQueue } from './components/queue/live-chat-queue.js';
import { LiveChatPostchat } from './components/postchat/live-chat-postchat.js';
import { LiveChatInvitation } from './components/invitation/live-chat-invitation.js';
import { LiveChatRating } from './components/rating/live-chat-rating.js';

export type TagList = ReadonlyArray<readonly [string, CustomElementConstructor]>;

export const WIDGET_TAGS: TagList = [
  ['live-chat', LiveChat],
  ['live-chat-transcript', LiveChatTranscript],
  ['live-chat-composer', LiveChatComposer],
  ['live-chat-prechat', LiveChatPrechat],
  ['live-chat-queue', LiveChatQueue],
  ['live-chat-postchat', LiveChatPostchat],
  ['live-chat-invitation', LiveChatInvitation],
  ['live-chat-rating', LiveChatRating],
];

export function defineTags(tags: TagList): void {
  for (const [tag, ctor] of tags) {
    if (!customElements.get(tag)) customElements.define(tag, ctor);
  }
}
