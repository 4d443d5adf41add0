/**
 * Styles of <live-chat-transcript> (uses the shared token aliases). Notes kept out of the
 * CSS text so they do not ship in the bundle:
 * - `.m + .m`: block layout (not flex) so appending to a long log does not re-run a flex pass
 *   over every entry.
 * - `.m`: each entry spans the log's width (so size containment off-screen keeps it); its
 *   content aligns by kind. content-visibility keeps long logs cheap to lay out.
 * - `a`: links take the bubble's own text colour (underlined), readable on any theme.
 */
import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    flex: 1;
  }
  .log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--_space);
  }
  .m + .m {
    margin-block-start: calc(var(--_space) * 0.75);
  }
  .m {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    overflow-wrap: anywhere;
    white-space: pre-wrap;
    content-visibility: auto;
    contain-intrinsic-size: auto 3em;
  }
  .m[hidden] {
    display: none;
  }
  .b {
    display: block;
    max-width: 85%;
    box-sizing: border-box;
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.25);
    border-radius: var(--_radius);
    background: var(--_bubble);
  }
  .visitor {
    align-items: flex-end;
  }
  .visitor .b {
    background: var(--_accent);
    color: var(--_on-accent);
    text-align: start;
  }

  .system {
    align-items: center;
    text-align: center;
    color: var(--_muted);
    font-size: 0.87em;
  }
  .meta,
  .st {
    display: block;
    font-size: 0.8em;
    color: var(--_muted);
    margin-block: 2px;
  }
  .failed .st {
    color: var(--_danger);
  }
  .st button {
    border: 0;
    background: none;
    color: inherit;
    text-decoration: underline;
    padding: 0 4px;
  }
  a {
    color: inherit;
  }
  .typing {
    padding: 0 var(--_space) var(--_space);
    color: var(--_muted);
    font-size: 0.87em;
  }
  .typing i {
    display: inline-block;
    width: 5px;
    height: 5px;
    margin-inline-start: 3px;
    border-radius: 50%;
    background: currentColor;
    animation: blink 1.2s infinite both;
  }
  .typing i:nth-child(2) {
    animation-delay: 0.2s;
  }
  .typing i:nth-child(3) {
    animation-delay: 0.4s;
  }
  @keyframes blink {
    50% {
      opacity: 0.2;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .typing i {
      animation: none;
    }
  }
`;
