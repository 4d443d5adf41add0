/**
 * Maps the Settings enums of an Invite button to placements, pure.
 * End positions (TopLeft … Center … BottomRight) become a vertical and a horizontal
 * anchor that the stylesheet turns into fixed positions; start positions (TopLeft,
 * TopLeftTop, TopLeftLeft, Top, …) become the off-screen point a Slide starts from.
 * Positions are physical (Left is left in every writing direction), as in Salesforce.
 */
export type Anchor = 'start' | 'center' | 'end';

/** Distance of the card from the viewport edge, px (the stylesheet uses the same). */
export const EDGE = 16;

const anchor = (k: string | undefined): Anchor =>
  k === 'Top' || k === 'Left' ? 'start' : k === 'Bottom' || k === 'Right' ? 'end' : 'center';

/** [vertical, horizontal] anchors of an end position; unknown values fall back to BottomRight. */
export function endAnchors(position: string): [Anchor, Anchor] {
  if (position === 'Center') return ['center', 'center'];
  const p = (position && /^(Top|Bottom)?(Left|Right)?$/.exec(position)) || ['', 'Bottom', 'Right'];
  return [anchor(p[1]), anchor(p[2])];
}

/**
 * The top-left point (px) a sliding card of size w×h starts from in a vw×vh viewport:
 * outside the edge(s) the start position names; a third word picks the edge it enters
 * through (TopLeftTop: from above, at the left; TopLeftLeft: from the left, at the top).
 */
export function slideStart(position: string, vw: number, vh: number, w: number, h: number): [number, number] {
  const words = position.match(/[A-Z][a-z]+/g) ?? ['Bottom'];
  let v: string | undefined;
  let hz: string | undefined;
  for (const k of words.slice(0, 2)) {
    if (k === 'Top' || k === 'Bottom') v = k;
    else hz = k;
  }
  const outV = words.length < 3 ? v !== undefined : words[2] === v;
  const outH = words.length < 3 ? hz !== undefined : words[2] === hz;
  const at = (a: Anchor, size: number, n: number, out: boolean) =>
    a === 'start' ? (out ? -n : EDGE) : a === 'end' ? (out ? size : size - n - EDGE) : (size - n) / 2;
  return [at(anchor(hz), vw, w, outH), at(anchor(v), vh, h, outV)];
}
