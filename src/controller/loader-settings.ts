/**
 * The loader's Settings answer, handed to the widget (bundle.ts `upgrade`) so that the widget's
 * first presence check does not ask the same question again a few seconds later: opening the
 * panel before that check answered used to cost one more Settings round trip.
 *
 * Owns: whether the loader's answer may stand in for the widget's own first Settings request
 * (the same question, asked recently) and handing it out once. Leaves to others: the request
 * (loader/presence.ts), reading the body (RestClient.settingsAnswer: the same parsing and checks as
 * the widget's own request), what the answer means (presence-watch.ts).
 */
import type { ChatConfig } from '../protocol/snapshot.js';

/** What the loader asked Visitor/Settings and the 2xx body it got (as text), with when it arrived (Date.now()). */
export interface LoaderSettings {
  readonly endpoint: string;
  readonly orgId: string;
  readonly deploymentId: string;
  readonly apiVersion: string;
  /** The launcher's button first, then the invitation's, if any (the order of the request). */
  readonly buttons: readonly string[];
  readonly text: string;
  readonly at: number;
}

/**
 * How old the loader's answer may be: 30 s. Once the widget runs it polls Availability every ping
 * rate (the server's `pingRate`, 50 s when it gives none: protocol/presence.ts), so its picture of who
 * is online is routinely that old; an answer younger than 30 s is at least as current. Visitors
 * who hover within seconds of the page's load (the common case) reuse it; a later intent asks again.
 */
export const LOADER_SETTINGS_MAX_AGE_MS = 30_000;

const handed = new WeakMap<Element, LoaderSettings>();

/** The handover: the loader's answer for `el` (kept until the widget's first check takes it). */
export function keepLoaderSettings(el: Element, settings: LoaderSettings): void {
  handed.set(el, settings);
}

/**
 * The loader's body for `el` (once: a later boot asks the server) when it answers the question the
 * widget is about to ask (same endpoint, org, deployment, API version and button ids, in order)
 * and is younger than `maxAge`; null otherwise.
 */
export function takeLoaderSettings(el: Element, c: ChatConfig, ids: readonly string[], now = Date.now(), maxAge = LOADER_SETTINGS_MAX_AGE_MS): string | null {
  const s = handed.get(el);
  handed.delete(el);
  if (!s || now - s.at < 0 || now - s.at >= maxAge) return null;
  const same = s.endpoint === c.endpoint && s.orgId === c.orgId && s.deploymentId === c.deploymentId && s.apiVersion === c.apiVersion;
  return same && s.buttons.join() === ids.join() ? s.text : null;
}
