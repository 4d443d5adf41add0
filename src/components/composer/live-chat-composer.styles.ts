/** Styles of <live-chat-composer> (uses the shared token aliases). */
import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_space);
    padding: var(--_space);
    border-top: 1px solid var(--_border);
  }
  textarea {
    flex: 1;
    min-width: 0;
    box-sizing: border-box;
    resize: none;
    field-sizing: content;
    min-height: 2.6em;
    max-height: 9em;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  textarea[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  button {
    display: grid;
    place-items: center;
    width: 2.6em;
    height: 2.6em;
    border: 0;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
  }
  @media (pointer: coarse) {
    button {
      width: 44px;
      height: 44px;
    }
  }
  button:disabled {
    opacity: 0.45;
    cursor: default;
  }
  :host(:dir(rtl)) svg {
    transform: scaleX(-1);
  }
  p {
    flex-basis: 100%;
    margin: 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .over {
    color: var(--_danger);
  }
`;
