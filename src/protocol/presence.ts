/**
 * Before a chat: what Settings and Availability answers mean for the snapshot
 * (online or offline, the wait, a proactive invitation). Pure functions.
 *
 * Owns: interpretation. Leaves to others: when to ask (controller) and HTTP (client.ts).
 */
import type { Invitation } from './snapshot.js';
import type { AvailabilityResult, ButtonSettings } from './wire.js';

export interface PresenceView {
  online: boolean;
  estimatedWaitTime: number | null;
}

/** The configured button's availability (any result for it; absent = offline). */
export function presenceOf(buttonId: string, results: readonly (AvailabilityResult | ButtonSettings)[]): PresenceView {
  const r = results.find((x) => x.id === buttonId);
  return { online: r?.isAvailable ?? false, estimatedWaitTime: r?.isAvailable ? r.estimatedWaitTime : null };
}

const RENDERERS = ['Slide', 'Fade', 'Appear', 'Custom'] as const;

/** The first available Invite button becomes the invitation, unless the visitor already answered it. */
export function invitationOf(buttons: readonly ButtonSettings[], answered: ReadonlySet<string>): Invitation | null {
  for (const b of buttons) {
    if (b.type !== 'Invite' || !b.isAvailable || answered.has(b.id)) continue;
    const renderer = (RENDERERS as readonly string[]).includes(b.inviteRenderer ?? '') ? (b.inviteRenderer as Invitation['renderer']) : 'Appear';
    return {
      buttonId: b.id,
      renderer,
      startPosition: b.inviteStartPosition ?? 'BottomRight',
      endPosition: b.inviteEndPosition ?? 'BottomRight',
      rejectTime: b.inviteRejectTime ?? 0,
    };
  }
  return null;
}

/** The server's ping rate in milliseconds, clamped to something sane (default 50 s). */
export function pingInterval(pingRate: number | null): number {
  if (pingRate === null || pingRate <= 0) return 50_000;
  // Some servers give seconds: nobody pings more than once a second.
  const ms = pingRate < 1000 ? pingRate * 1000 : pingRate;
  return Math.min(Math.max(ms, 1000), 600_000);
}
