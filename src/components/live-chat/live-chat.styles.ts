/** Styles of <live-chat>: corner placement, launcher, panel, header, end confirmation, narrow screens. */
import { css, unsafeCSS } from 'lit';
import { launcherCss } from './launcher.css.js';

export const styles = css`
  ${unsafeCSS(launcherCss)}
  .panel {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    width: min(380px, calc(100vw - var(--_space) * 4));
    height: min(600px, calc(100dvh - var(--_space) * 4));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: var(--_shadow);
    overflow: hidden;
  }
  header {
    display: flex;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space) var(--_space) var(--_space) calc(var(--_space) * 2);
    background: var(--_accent);
    color: var(--_on-accent);
    --_avatar: calc(var(--live-chat-avatar-size, 28px) + 6px);
  }
  header .avatar {
    box-shadow: 0 0 0 2px var(--_on-accent);
  }
  .titles {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
  }
  .sub {
    margin: 0;
    font-size: 0.85em;
    opacity: 0.9;
  }
  header button {
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) / 2);
    background: transparent;
    color: inherit;
    padding: 4px 8px;
  }
  header button:hover {
    border-color: currentColor;
  }
  header :focus-visible {
    outline-color: var(--_on-accent);
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 2);
    border-bottom: 1px solid var(--_border);
  }
  .confirm p {
    flex: 1;
    margin: 0;
  }
  .confirm button {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 4px 10px;
    background: var(--_surface);
    color: var(--_text);
  }
  .confirm .yes {
    background: var(--_danger);
    border-color: var(--_danger);
    color: #fff;
  }
  .confirm live-chat-rating {
    flex-basis: 100%;
  }
  .confirm live-chat-rating::part(rating) {
    padding: 0;
  }
  .banner {
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 2);
    background: var(--_bubble);
    color: var(--_text);
    border-bottom: 1px solid var(--_border);
    text-align: center;
  }
  .body {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    overflow: auto;
  }
  /* The invitation's card stays above the launcher (its height and the gap). */
  live-chat-invitation {
    --_launcher-clearance: 64px;
  }
  :host([no-launcher]) live-chat-invitation {
    --_launcher-clearance: 0px;
  }
  /* Fingers: header buttons and the end confirmation at least 44×44 CSS px (the launcher: launcher.css.ts). */
  @media (pointer: coarse) {
    header button,
    .confirm button {
      min-width: 44px;
      min-height: 44px;
    }
  }
  @media (max-width: 480px) {
    :host([open]) {
      inset: 0;
    }
    :host([open]) .panel {
      width: 100vw;
      height: var(--_vvh, 100dvh);
      border-radius: 0;
      border: 0;
    }
  }
`;
