/** Styles of <live-chat-postchat>; token aliases come from shared/tokens.styles.ts. */
import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  [part='postchat'] {
    display: grid;
    gap: var(--_space);
    justify-items: center;
    text-align: center;
    padding: calc(var(--_space) * 3) calc(var(--_space) * 2);
  }
  p {
    margin: 0;
  }
  .title {
    font-weight: 600;
  }
  a {
    color: var(--_accent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    justify-content: center;
    margin-block-start: var(--_space);
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
`;
