/**
 * Agent avatars, one rule for the header and the transcript: an image from the owner's
 * `agent-avatars` map (agent id first, then name) or `default-avatar`, http(s) only; otherwise
 * (and when the image fails) the name's initials on a colour derived from the name.
 * Owns: that choice, the initials and the colour. The look lives in avatar.styles.ts.
 */
import { safeUrl } from './safe-url.js';

/** Agent name or agent id → image URL (what the `agentAvatars` property takes). */
export type AgentAvatars = Readonly<Record<string, string>>;

/** Colour classes `c0`…`c7` (avatar.styles.ts): each keeps white initials at 4.5:1 or more. */
export const AVATAR_COLOURS = 8;

export interface AvatarLook {
  /** An http(s) image URL, or null (initials only). */
  readonly src: string | null;
  readonly initials: string;
  /** `c0`…`c7`, the same for the same name. */
  readonly colour: string;
}

function pick(map: AgentAvatars | null | undefined, key: string | undefined): string | undefined {
  if (!map || !key || !Object.prototype.hasOwnProperty.call(map, key)) return undefined;
  const v = map[key];
  return typeof v === 'string' ? v : undefined;
}

/** The avatar of an agent: `id` and `name` as the server gives them. */
export function avatarLook(name: string, id: string | undefined, avatars: AgentAvatars | null | undefined, fallback: string | null | undefined): AvatarLook {
  const src = safeUrl(pick(avatars, id) ?? pick(avatars, name) ?? fallback ?? null);
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (w: string | undefined) => (w ? ([...w][0] ?? '') : '');
  const initials = (first(words[0]) + (words.length > 1 ? first(words[words.length - 1]) : '')).toLocaleUpperCase();
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return { src, initials, colour: `c${h % AVATAR_COLOURS}` };
}

/** The avatar as DOM: initials under an image that hides itself if it fails to load. */
export function avatarNode(look: AvatarLook, alt: string): HTMLElement {
  const box = document.createElement('span');
  box.className = `avatar ${look.colour}`;
  box.setAttribute('part', 'avatar');
  const letters = document.createElement('span');
  letters.setAttribute('aria-hidden', 'true');
  letters.textContent = look.initials;
  box.append(letters);
  if (look.src) {
    const img = document.createElement('img');
    img.alt = alt;
    img.src = look.src;
    img.addEventListener('error', hideImage);
    box.append(img);
  }
  return box;
}

/** An avatar image that failed to load leaves the initials visible. */
export function hideImage(e: Event): void {
  (e.currentTarget as HTMLElement).hidden = true;
}
