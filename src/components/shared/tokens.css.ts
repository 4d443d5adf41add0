/**
 * The theme tokens as a plain CSS string (no lit): shared by every element's styles
 * (through tokens.styles.ts) and by the script-tag loader's launcher, which must look the
 * same before the widget's code has arrived. What the tokens are: see tokens.styles.ts.
 */
export const tokensCss = `
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
