/**
 * Corner placement, the launcher button and the visually-hidden helper as a plain CSS
 * string (no lit): part of <live-chat>'s styles, and the whole of the script-tag loader's
 * launcher, which must look the same before the widget's code has arrived.
 */
export const launcherCss = `
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
  /* Fingers: the launcher at least 44×44 CSS px, whatever the theme's font size (the loader's launcher too). */
  @media (pointer: coarse) {
    .launcher {
      min-width: 44px;
      min-height: 44px;
    }
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
`;
