/** Styles of <live-chat-prechat>; token aliases come from shared/tokens.styles.ts, buttons and the
 * shared layout from shared/controls.styles.ts. */
import { css } from 'lit';

export const styles = css`
  form {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 2);
  }
  .field {
    display: grid;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-block-end: calc(var(--_space) / 2);
  }
  label,
  legend {
    font-weight: 600;
  }
  .choice {
    font-weight: 400;
    display: flex;
    gap: var(--_space);
    align-items: center;
  }
  .opt {
    font-weight: 400;
    color: var(--_muted);
  }
  input:not([type='checkbox'], [type='radio']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: calc(var(--_space) * 0.75);
    min-width: 0;
  }
  input[type='checkbox'],
  input[type='radio'] {
    accent-color: var(--_accent);
    margin: 0;
    inline-size: 1.1em;
    block-size: 1.1em;
  }
  textarea {
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .error {
    color: var(--_danger);
    margin: 0;
    font-size: 0.9em;
  }
`;
