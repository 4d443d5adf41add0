/** Styles of <live-chat-postchat>; token aliases come from shared/tokens.styles.ts, buttons and the
 * shared layout from shared/controls.styles.ts. */
import { css } from 'lit';

export const styles = css`
  a {
    color: var(--_accent);
  }
  .actions {
    flex-wrap: wrap;
    justify-content: center;
    margin-block-start: var(--_space);
  }
`;
