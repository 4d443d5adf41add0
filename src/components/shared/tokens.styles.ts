/**
 * Shared theme tokens: maps every public `--live-chat-*` custom property to a private
 * `--_*` alias with the default as fallback, so a value the page sets anywhere above the
 * element (`:root` included) wins. Every element's `static styles` starts with `tokens`.
 *
 * Owns: token names, defaults, light/dark defaults, the reduced-motion switch.
 * Leaves to each element: how it uses the aliases.
 *
 * Light/dark: defaults use `light-dark()`, which follows the used `color-scheme`
 * (`light dark` by default, i.e. `prefers-color-scheme`; a page may force one with
 * `--live-chat-color-scheme: light` or `live-chat { color-scheme: light }`).
 */
import { unsafeCSS } from 'lit';
import { tokensCss } from './tokens.css.js';

export const tokens = unsafeCSS(tokensCss);
