/**
 * `live-chat/react`: JSX typings for React 19, which sets a custom element's props as properties
 * when the element has them and turns `on<event-name>` props into event listeners. Importing this
 * module (`import 'live-chat/react'` or `import type {} from 'live-chat/react'`) adds `<live-chat>`
 * to `React.JSX.IntrinsicElements` with its attributes, properties and `onlive-chat-*` handlers.
 * It registers nothing: import `live-chat/define` for that. Empty at run time.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { LiveChat } from './components/live-chat/live-chat.js';
import type { LiveChatJsxProps } from './frameworks/props.js';

/** The props `<live-chat>` takes in React: React's own HTML attributes plus the element's. */
export type LiveChatReactProps = DetailedHTMLProps<HTMLAttributes<LiveChat>, LiveChat> & LiveChatJsxProps;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares JSX as a namespace; augmenting it needs one
  namespace JSX {
    interface IntrinsicElements {
      'live-chat': LiveChatReactProps;
    }
  }
}
