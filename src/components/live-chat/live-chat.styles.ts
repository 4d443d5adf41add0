/** Styles of <live-chat>: corner placement, launcher, panel, header, end confirmation, narrow screens. */
import { css } from 'lit';

export const styles = css`
  :host {
    position: fixed;
    z-index: var(--_z);
    inset-block-end: calc(var(--_space) * 2);
    right: calc(var(--_space) * 2);
    display: flex;
    flex-direction: column;
    align-items: flex-end;
    gap: var(--_space);
  }
  :host([position='bottom-left']) {
    right: auto;
    left: calc(var(--_space) * 2);
    align-items: flex-start;
  }
  .launcher {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2.5);
    border: 0;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: var(--_shadow);
  }
  .dot {
    width: 9px;
    height: 9px;
    border-radius: 50%;
    background: #3ddc84;
    box-shadow: 0 0 0 2px var(--_on-accent);
  }
  .offline .dot {
    background: #9aa0a6;
  }
  .badge {
    position: absolute;
    inset-block-start: -6px;
    inset-inline-end: -6px;
    min-width: 1.4em;
    padding: 0 4px;
    box-sizing: border-box;
    border-radius: 999px;
    background: var(--_danger);
    color: #fff;
    font-size: 0.8em;
    line-height: 1.4em;
    text-align: center;
  }
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
  .body {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    overflow: auto;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    border: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
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
