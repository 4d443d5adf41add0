/**
 * `live-chat/vue`: template typings for Vue 3. Importing this module (`import 'live-chat/vue'` or
 * `import type {} from 'live-chat/vue'`) adds `<live-chat>` to Vue's `GlobalComponents`, so vue-tsc
 * and Volar check its properties and type `@live-chat-message` and the other events with the event
 * classes. Vue still has to be told the tag is a custom element (`compilerOptions.isCustomElement`,
 * see docs/frameworks.md). It registers nothing: import `live-chat/define` for that. Empty at run time.
 */
import type { DefineComponent } from 'vue';
import type { LiveChatEventMap } from './components/live-chat/live-chat-events.js';
import type { LiveChatProperties } from './frameworks/props.js';

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** `onLiveChatMessage` and friends: how Vue names the handler of `@live-chat-message`. */
export type LiveChatVueEventProps = {
  [K in keyof LiveChatEventMap as `on${Capitalize<Camel<K>>}`]?: (event: LiveChatEventMap[K]) => void;
};

/** The props `<live-chat>` takes in a Vue template (camelCase properties; kebab-case works in templates too). */
export type LiveChatVueProps = LiveChatProperties & LiveChatVueEventProps;

declare module 'vue' {
  interface GlobalComponents {
    'live-chat': DefineComponent<LiveChatVueProps>;
  }
}
