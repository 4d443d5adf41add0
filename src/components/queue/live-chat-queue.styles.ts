/** Styles of <live-chat-queue>; token aliases come from shared/tokens.styles.ts, buttons and the
 * shared layout from shared/controls.styles.ts. */
import { css } from 'lit';

export const styles = css`
  /* Above the conversation while waiting: compact. */
  .view {
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
    border-block-end: 1px solid var(--_border);
  }
  .wait {
    color: var(--_muted);
  }
  .progress {
    inline-size: min(12rem, 80%);
    block-size: 4px;
    border-radius: 2px;
    background: var(--_border);
    overflow: hidden;
    margin-block: var(--_space);
  }
  .progress span {
    display: block;
    block-size: 100%;
    inline-size: 40%;
    background: var(--_accent);
    border-radius: inherit;
    animation: slide 1.6s ease-in-out infinite alternate;
  }
  @keyframes slide {
    to {
      translate: 150% 0;
    }
  }
  :dir(rtl) .progress span {
    animation-name: slide-rtl;
  }
  @keyframes slide-rtl {
    to {
      translate: -150% 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .progress span {
      animation: none;
      inline-size: 100%;
      opacity: 0.6;
    }
  }
`;
