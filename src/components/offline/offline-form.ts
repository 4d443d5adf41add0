/**
 * The leave-a-message form as a chunk of its own (dist/live-chat.offline-form.js): what the
 * script-tag widget imports on first use (load-offline-form.ts) to register <live-chat-offline-form>.
 * A function, not a side effect of evaluation: package.json lists the modules with side effects,
 * and the bundler drops the body of any other module imported only for them.
 * The npm entry `live-chat/define` registers the element eagerly; calling this afterwards changes nothing.
 */
import { LiveChatOfflineForm } from './live-chat-offline-form.js';

export function defineOfflineForm(): void {
  if (!customElements.get('live-chat-offline-form')) customElements.define('live-chat-offline-form', LiveChatOfflineForm);
}
