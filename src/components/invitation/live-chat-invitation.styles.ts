/** Styles of <live-chat-invitation>; token aliases come from shared/tokens.styles.ts, buttons and the
 * shared layout from shared/controls.styles.ts. The 16px offsets below are EDGE in
 * invitation-placement.ts (keep them equal). */
import { css } from 'lit';

export const styles = css`
  :host {
    display: contents;
  }
  .card {
    position: fixed;
    z-index: var(--_z);
    box-sizing: border-box;
    inline-size: min(20rem, calc(100vw - 32px));
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 2);
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    translate: var(--_tx, 0) var(--_ty, 0);
  }
  [data-v='start'] {
    top: 16px;
  }
  /* Above the launcher's row when <live-chat> says there is one (--_launcher-clearance), never over it. */
  [data-v='end'] {
    bottom: calc(16px + var(--_launcher-clearance, 0px));
  }
  /* A phone: never the whole screen. */
  @media (max-width: 480px) {
    .card {
      max-block-size: 50dvh;
      overflow: auto;
    }
  }
  [data-v='center'] {
    top: 50%;
    --_ty: -50%;
  }
  [data-h='start'] {
    left: 16px;
  }
  [data-h='end'] {
    right: 16px;
  }
  [data-h='center'] {
    left: 50%;
    --_tx: -50%;
  }
`;
