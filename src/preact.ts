/**
 * `live-chat/preact`: JSX typings for Preact, which (like React 19) sets a custom element's props as
 * properties when the element has them and turns `on<event-name>` props into listeners. Importing
 * this module (`import 'live-chat/preact'` or `import type {} from 'live-chat/preact'`) adds
 * `<live-chat>` to Preact's `JSX.IntrinsicElements`. It registers nothing: import `live-chat/define`
 * for that. Empty at run time.
 */
import type { HTMLAttributes } from 'preact';
import type { LiveChat } from './components/live-chat/live-chat.js';
import type { LiveChatJsxProps } from './frameworks/props.js';

/** The props `<live-chat>` takes in Preact: Preact's own HTML attributes plus the element's. */
export type LiveChatPreactProps = Omit<HTMLAttributes<LiveChat>, keyof LiveChatJsxProps> & LiveChatJsxProps;

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Preact declares JSX as a namespace; augmenting it needs one
  namespace JSX {
    interface IntrinsicElements {
      'live-chat': LiveChatPreactProps;
    }
  }
}
