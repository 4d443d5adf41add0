/**
 * Before and around a chat: Settings on the first run (availability, ping rate, invitations; the
 * loader's answer when it is fresh and to the same question: loader-settings.ts),
 * then Availability every ping rate while the page is visible and no chat runs; the visitor id
 * once per visitor; and a Breadcrumb for every page the visitor reaches (with the running
 * chat's credentials, so a server can put it on the chat).
 *
 * Owns: its timers (ping, invitation auto-reject, breadcrumb debounce) and what it last sent.
 * Leaves to others: what the answers mean (protocol/presence.ts, the reducer), the chat itself.
 */
import type { Credentials, RestClient } from '../protocol/client.js';
import { isAbort, toChatError } from '../protocol/errors.js';
import type { ChatStore } from '../protocol/persistence.js';
import { invitationOf, pingInterval, presenceOf } from '../protocol/presence.js';
import { isRunning, type ChatInput } from '../protocol/reducer.js';
import type { ChatConfig, ChatSnapshot } from '../protocol/snapshot.js';

export interface PresenceHost {
  client(): RestClient | null;
  store(): ChatStore | null;
  /** Aborted when the controller tears down. */
  signal(): AbortSignal | undefined;
  config(): ChatConfig;
  snapshot(): ChatSnapshot;
  dispatch(input: ChatInput): void;
  /** Another tab runs the chat (it sends presence checks). */
  follower(): boolean;
  /** The chat's credentials while one exists (this tab's session, or the one the leading tab shares). */
  credentials(): Credentials | null;
  rejectInvitation(): void;
  /** The loader's Settings body when it may stand in for the first request for `ids` (loader-settings.ts), else null. */
  loaderSettings(ids: readonly string[]): string | null;
}

type Timer = ReturnType<typeof setTimeout> | undefined;

export class PresenceWatch {
  private pingTimer: Timer;
  private pingMs = 50_000;
  private inviteTimer: Timer;
  private breadcrumbTimer: Timer;
  private lastBreadcrumb = '';
  /** When this page's watch began (the invitation delay counts from here). */
  private startedAt = 0;
  /** Invitations answered in this tab (never offered again; kept in the store across the site's pages). */
  readonly answeredInvites = new Set<string>();

  constructor(private readonly host: PresenceHost) {}

  /** Settings first (the guide: the first request of a visitor's session), then the visitor id and the first crumb. */
  begin(): void {
    this.startedAt = Date.now();
    void this.check(true).finally(() => {
      void this.ensureVisitorId();
      this.breadcrumbSoon(0);
    });
  }

  schedulePing(ms: number): void {
    clearTimeout(this.pingTimer);
    this.pingTimer = setTimeout(() => void this.check(false), ms);
  }

  stopPing(): void {
    clearTimeout(this.pingTimer);
    clearTimeout(this.inviteTimer);
    this.pingTimer = this.inviteTimer = undefined;
  }

  stop(): void {
    this.stopPing();
    clearTimeout(this.breadcrumbTimer);
    this.breadcrumbTimer = undefined;
  }

  /** Settings on the first run (invitations, ping rate), Availability after; only while visible and no chat runs. */
  private async check(first: boolean): Promise<void> {
    const h = this.host;
    const client = h.client();
    const signal = h.signal();
    if (!client || !signal || signal.aborted) return;
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    if (hidden || isRunning(h.snapshot().phase) || h.follower()) {
      // Visibility or the end of the chat will bring us back.
      if (!hidden) this.schedulePing(this.pingMs);
      return;
    }
    const config = h.config();
    const ids = [config.buttonId, ...(config.extraButtonIds ?? [])];
    try {
      if (first) {
        // The loader's fresh answer to the same question, read as if it were this request's.
        const handed = h.loaderSettings(ids);
        const settings = (handed !== null && client.settingsAnswer(handed)) || (await client.settings(config.orgId, config.deploymentId, ids, signal));
        this.pingMs = pingInterval(settings.pingRate);
        h.dispatch({ type: 'availability', ...presenceOf(config.buttonId, settings.buttons) });
        for (const id of h.store()?.answeredInvites ?? []) this.answeredInvites.add(id); // answered on an earlier page
        this.offerInvitation(invitationOf(settings.buttons, this.answeredInvites));
      } else {
        const results = await client.availability(config.orgId, config.deploymentId, ids, signal);
        h.dispatch({ type: 'availability', ...presenceOf(config.buttonId, results) });
      }
      const s = h.snapshot();
      if (s.error && !isRunning(s.phase) && s.phase !== 'failed') h.dispatch({ type: 'error', error: null });
    } catch (e) {
      if (isAbort(e)) return;
      if (!isRunning(h.snapshot().phase)) h.dispatch({ type: 'error', error: toChatError(e) });
      // A failed Settings call is asked again (not replaced by Availability).
      clearTimeout(this.pingTimer);
      this.pingTimer = setTimeout(() => void this.check(first), this.pingMs);
      return;
    }
    this.schedulePing(this.pingMs);
  }

  /** Shows the invitation once the configured delay since the page began has passed (and still nothing runs). */
  private offerInvitation(invitation: ReturnType<typeof invitationOf>): void {
    if (!invitation) return;
    clearTimeout(this.inviteTimer);
    const wait = this.startedAt + Math.max(0, this.host.config().inviteDelayMs ?? 0) - Date.now();
    if (wait > 0) {
      this.inviteTimer = setTimeout(() => this.offerInvitation(invitation), wait);
      return;
    }
    const phase = this.host.snapshot().phase;
    if (phase !== 'idle' && phase !== 'unavailable') return;
    this.host.dispatch({ type: 'invitation', invitation });
    clearTimeout(this.inviteTimer);
    if (invitation.rejectTime > 0) this.inviteTimer = setTimeout(() => this.host.rejectInvitation(), invitation.rejectTime * 1000);
  }

  /** The invitation on show is answered (never offered again): its button id, or null when none shows. */
  answerInvitation(): string | null {
    const inv = this.host.snapshot().invitation;
    if (!inv) return null;
    clearTimeout(this.inviteTimer);
    this.answeredInvites.add(inv.buttonId);
    const store = this.host.store();
    if (store) store.answeredInvites = [...this.answeredInvites];
    return inv.buttonId;
  }

  private async ensureVisitorId(): Promise<void> {
    const h = this.host;
    const client = h.client();
    const store = h.store();
    const signal = h.signal();
    if (!client || !store || !signal || store.visitorId) return;
    const config = h.config();
    try {
      store.visitorId = await client.visitorId(config.orgId, config.deploymentId, signal);
    } catch {
      /* tracking only: try again on the next page */
    }
  }

  /** A Breadcrumb for the current page after `delay` (debounced, once per URL). */
  breadcrumbSoon(delay = 300): void {
    clearTimeout(this.breadcrumbTimer);
    this.breadcrumbTimer = setTimeout(() => {
      const h = this.host;
      const client = h.client();
      const signal = h.signal();
      const href = typeof location !== 'undefined' ? location.href : '';
      if (!client || !signal || href === this.lastBreadcrumb) return;
      const credentials = h.credentials();
      // While a chat exists the crumb waits for its credentials (a session still being created, a
      // reloaded page's resumed one, the leading tab's shared one): asked again until they are there.
      if (!credentials && isRunning(h.snapshot().phase)) return this.breadcrumbSoon(1000);
      this.lastBreadcrumb = href;
      client.breadcrumb(href, credentials, signal).catch(() => {
        this.lastBreadcrumb = '';
      });
    }, delay);
  }
}
