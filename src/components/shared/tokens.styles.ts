/**
 * Shared theme tokens: maps every public `--live-chat-*` custom property to a private
 * `--_*` alias with the default as fallback, so a value the page sets anywhere above the
 * element (`:root` included) wins. Every element's `static styles` starts with `tokens`.
 *
 * Owns: token names, defaults, light/dark defaults, the reduced-motion switch.
 * Leaves to each element: how it uses the aliases.
 *
 * Light/dark: defaults use `light-dark()`, which follows the used `color-scheme`
 * (`light dark` by default, i.e. `prefers-color-scheme`; a page may force one with
 * `--live-chat-color-scheme: light` or `live-chat { color-scheme: light }`).
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    color-scheme: var(--live-chat-color-scheme, light dark);
    --_accent: var(--live-chat-color-accent, #0b5cab);
    --_on-accent: var(--live-chat-color-on-accent, #fff);
    --_surface: var(--live-chat-color-surface, light-dark(#fff, #1b1b1f));
    --_text: var(--live-chat-color-text, light-dark(#1b1b1f, #ececf1));
    --_muted: var(--live-chat-color-muted, light-dark(#5c5f66, #a9adb5));
    --_border: var(--live-chat-color-border, light-dark(#d0d4da, #43464e));
    --_danger: var(--live-chat-color-danger, light-dark(#b3261e, #f2b8b5));
    --_bubble: var(--live-chat-color-bubble, light-dark(#eef1f5, #2a2b31));
    --_radius: var(--live-chat-radius, 12px);
    --_font: var(--live-chat-font-family, system-ui, sans-serif);
    --_size: var(--live-chat-font-size, 15px);
    --_space: var(--live-chat-space, 8px);
    --_shadow: var(--live-chat-shadow, 0 8px 32px rgb(0 0 0 / 0.2));
    --_z: var(--live-chat-z-index, 2147483000);
    --_motion: var(--live-chat-motion, 1);
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.4;
    color: var(--_text);
  }
  @media (prefers-reduced-motion: reduce) {
    :host {
      --_motion: 0;
    }
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
