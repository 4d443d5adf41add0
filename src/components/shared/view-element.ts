/**
 * Base classes of the widget's parts: `LocalizedElement` consumes the locale (strings,
 * language, direction) that <live-chat> provides; `ChatView` also consumes the chat
 * snapshot. Both work without a provider (defaults), so a part can be tested, or used
 * alone, by setting the properties. Owns nothing visible; each part renders its own view.
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { chatSnapshotContext } from '../../controller/context.js';
import { defaultLocale, localeContext, type LocaleInfo } from '../../i18n/strings.js';
import { initialSnapshot, type ChatSnapshot } from '../../protocol/snapshot.js';

export class LocalizedElement extends LitElement {
  /** Strings, language and direction (from `<live-chat>` through context, or set directly). */
  @consume({ context: localeContext, subscribe: true })
  @property({ attribute: false })
  locale: LocaleInfo = defaultLocale;
}

export class ChatView extends LocalizedElement {
  /** The chat to show (from `<live-chat>` through context, or set directly). */
  @consume({ context: chatSnapshotContext, subscribe: true })
  @property({ attribute: false })
  snapshot: ChatSnapshot = initialSnapshot;
}
