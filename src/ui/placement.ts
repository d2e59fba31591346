/**
 * Where the preview card goes: a pure function of the boxes involved (viewport coordinates), so
 * the rules are tested directly. The card sits below its badge and title, or above them when it
 * fits better there; it never covers them, its height is capped to the free space on its side
 * (the card scrolls inside), and it stays within the viewport.
 */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface CardPlacement {
  left: number;
  top: number;
  maxHeight: number;
}

/** Between the card and what it must not cover. */
export const PLACEMENT_GAP = 6;
/** Between the card and the viewport's edges. */
export const PLACEMENT_MARGIN = 8;
/** Less free height than this beside badge and title: clear the badge alone (at 200% zoom a title can fill the viewport). */
export const MIN_CARD_HEIGHT = 96;

/** Null when the badge is out of the viewport: the card has nothing to sit next to. */
export function placeCard({
  badge,
  title,
  viewport,
  card,
}: {
  badge: Box;
  title: Box | null;
  viewport: { width: number; height: number };
  card: { width: number; height: number };
}): CardPlacement | null {
  if (badge.bottom <= 0 || badge.top >= viewport.height || badge.right <= 0 || badge.left >= viewport.width) return null;
  const spaces = (avoid: Box) => ({
    avoid,
    below: viewport.height - PLACEMENT_MARGIN - (avoid.bottom + PLACEMENT_GAP),
    above: avoid.top - PLACEMENT_GAP - PLACEMENT_MARGIN,
  });
  let room = spaces(title ? union(badge, title) : badge);
  if (Math.max(room.below, room.above) < MIN_CARD_HEIGHT) room = spaces(badge);
  const below = card.height <= room.below || (card.height > room.above && room.below >= room.above);
  const space = Math.max(0, below ? room.below : room.above);
  const maxHeight = Math.floor(Math.min(card.height, space));
  const top = below ? room.avoid.bottom + PLACEMENT_GAP : room.avoid.top - PLACEMENT_GAP - maxHeight;
  const left = Math.max(PLACEMENT_MARGIN, Math.min(badge.left, viewport.width - card.width - PLACEMENT_MARGIN));
  return { left: Math.round(left), top: Math.round(top), maxHeight };
}

function union(a: Box, b: Box): Box {
  return { left: Math.min(a.left, b.left), top: Math.min(a.top, b.top), right: Math.max(a.right, b.right), bottom: Math.max(a.bottom, b.bottom) };
}
