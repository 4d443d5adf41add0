/**
 * Registers every live-chat tag, the leave-a-message form included (the script-tag widget loads
 * that one on first use; npm users get it at once). Safe to load twice (a page may carry two
 * copies): a tag that is already defined is left alone.
 * Its type declarations re-export the package's types, so `import 'live-chat/define'`
 * alone brings the global augmentations: `HTMLElementTagNameMap['live-chat']` and the
 * `live-chat-*` events in `GlobalEventHandlersEventMap`.
 */
import { LiveChatOfflineForm } from './components/offline/live-chat-offline-form.js';
import { WIDGET_TAGS, defineTags } from './widget-tags.js';

export type * from './index.js';

defineTags([...WIDGET_TAGS, ['live-chat-offline-form', LiveChatOfflineForm]]);
