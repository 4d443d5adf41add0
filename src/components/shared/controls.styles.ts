/**
 * Shared form-control styles: the secondary and `.primary` buttons, the `.actions` row
 * and the centred status view (`.view`) used by the pre-chat, queue, post-chat and invitation
 * views, which are blocks. Token aliases come from tokens.styles.ts; each element adds its own
 * layout.
 */
import { css } from 'lit';

export const controls = css`
  :host {
    display: block;
  }
  p {
    margin: 0;
  }
  .title {
    font-weight: 600;
  }
  .view {
    display: grid;
    gap: var(--_space);
    justify-items: center;
    text-align: center;
    padding: calc(var(--_space) * 3) calc(var(--_space) * 2);
  }
  .actions {
    display: flex;
    gap: var(--_space);
    justify-content: flex-end;
  }
  button {
    border-radius: calc(var(--_radius) / 2);
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    background: transparent;
    color: inherit;
  }
  .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  /* Fingers: every control at least 44×44 CSS px (WCAG 2.5.5). */
  @media (pointer: coarse) {
    button,
    .choice {
      min-block-size: 44px;
      min-inline-size: 44px;
    }
  }
`;
