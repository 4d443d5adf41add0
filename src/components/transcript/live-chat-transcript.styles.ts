/**
 * Styles of <live-chat-transcript> (uses the shared token aliases). Notes kept out of the
 * CSS text so they do not ship in the bundle:
 * - Block layout all the way down (groups, messages): appending to a long log never re-runs a
 *   flex or grid pass over every entry, and a group of thousands of messages needs no
 *   intrinsic sizing of its children. The avatar is positioned, not a flex item.
 * - `.m`: each message spans the group's width (so size containment off-screen keeps it); its
 *   bubble is an inline block aligned by kind. content-visibility keeps long logs cheap.
 * - `.log:focus-visible .active`: the keyboard indicator around the active message.
 * - `a`: links take the bubble's own text colour (underlined), readable on any theme.
 */
import { css } from 'lit';

export const styles = css`
  :host {
    position: relative;
    display: flex;
    flex-direction: column;
    min-height: 0;
    flex: 1;
    --_avatar: var(--live-chat-avatar-size, 28px);
  }
  .log {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: var(--_space);
  }
  .log:focus-visible {
    outline-offset: -2px;
  }
  .log:focus-visible .active {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
    border-radius: var(--_radius);
  }
  .g,
  .inner > .m,
  .day {
    margin-block-start: calc(var(--_space) * 1.5);
  }
  .g {
    position: relative;
  }
  .g.agent {
    padding-inline-start: calc(var(--_avatar) + var(--_space));
  }
  .g > .avatar {
    position: absolute;
    inset-inline-start: 0;
    top: 1.2em;
  }
  .g.visitor {
    text-align: end;
  }
  .m {
    overflow-wrap: anywhere;
    white-space: pre-wrap;
    content-visibility: auto;
    contain-intrinsic-size: auto 2.5em;
  }
  .m + .m {
    margin-block-start: 3px;
  }
  .m[hidden] {
    display: none;
  }
  .b {
    display: inline-block;
    max-width: 85%;
    box-sizing: border-box;
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 1.25);
    border-radius: var(--_radius);
    background: var(--_bubble);
    text-align: start;
    vertical-align: top;
  }
  .visitor .b {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .system,
  .day {
    text-align: center;
    color: var(--_muted);
    font-size: 0.87em;
  }
  .day {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  .day::before,
  .day::after {
    content: '';
    flex: 1;
    border-top: 1px solid var(--_border);
  }
  .meta,
  .st {
    display: block;
    font-size: 0.8em;
    color: var(--_muted);
    margin-block: 2px;
  }
  .failed.st {
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
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .pill {
    position: absolute;
    bottom: calc(var(--_space) * 2);
    left: 50%;
    translate: -50% 0;
    border: 0;
    border-radius: 999px;
    padding: 6px 14px;
    background: var(--_accent);
    color: var(--_on-accent);
    box-shadow: var(--_shadow);
  }
  .typing {
    padding-block-start: var(--_space);
    padding-inline-start: calc(var(--_avatar) + var(--_space));
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
