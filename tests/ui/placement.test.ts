import { describe, expect, it } from 'vitest';
import { MIN_CARD_HEIGHT, PLACEMENT_GAP, PLACEMENT_MARGIN, placeCard, type Box } from '../../src/ui/placement';
import { shortAuthorList } from '../../src/ui/author-list';

const box = (left: number, top: number, width: number, height: number): Box => ({ left, top, right: left + width, bottom: top + height });
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const viewport = { width: 1280, height: 800 };
const card = { width: 440, height: 300 };
const cardBox = (p: { left: number; top: number; maxHeight: number }) => box(p.left, p.top, card.width, p.maxHeight);

describe('placeCard', () => {
  it('goes below the badge and its title when it fits there', () => {
    const badge = box(600, 100, 50, 18);
    const title = box(100, 96, 500, 26);
    const placed = placeCard({ badge, title, viewport, card })!;
    expect(placed).toEqual({ left: 600, top: 122 + PLACEMENT_GAP, maxHeight: 300 });
  });

  it('goes above when there is more room there, and never covers badge or title', () => {
    const badge = box(600, 700, 50, 18);
    const title = box(100, 640, 500, 80); // a three-line title
    const placed = placeCard({ badge, title, viewport, card })!;
    expect(placed.top + placed.maxHeight).toBe(640 - PLACEMENT_GAP);
    expect(overlaps(cardBox(placed), title)).toBe(false);
    expect(overlaps(cardBox(placed), badge)).toBe(false);
  });

  it('caps its height to the free space (it scrolls inside) rather than covering the title', () => {
    // 200% zoom: a 400 px viewport, the title in the middle, room for neither whole card.
    const small = { width: 640, height: 400 };
    const badge = box(300, 180, 80, 36);
    const title = box(20, 150, 600, 100);
    const placed = placeCard({ badge, title, viewport: small, card })!;
    const space = Math.max(small.height - PLACEMENT_MARGIN - 250 - PLACEMENT_GAP, 150 - PLACEMENT_GAP - PLACEMENT_MARGIN);
    expect(placed.maxHeight).toBe(space);
    expect(overlaps(cardBox(placed), title)).toBe(false);
    expect(placed.top).toBeGreaterThanOrEqual(PLACEMENT_MARGIN);
    expect(placed.top + placed.maxHeight).toBeLessThanOrEqual(small.height - PLACEMENT_MARGIN);
  });

  it('clears the badge alone when a title fills the viewport', () => {
    const badge = box(300, 300, 80, 36);
    const title = box(20, 20, 600, 740);
    const placed = placeCard({ badge, title, viewport, card })!;
    expect(placed.maxHeight).toBeGreaterThanOrEqual(MIN_CARD_HEIGHT);
    expect(overlaps(cardBox(placed), badge)).toBe(false);
  });

  it('stays inside the viewport sideways', () => {
    const placed = placeCard({ badge: box(1250, 100, 50, 18), title: null, viewport, card })!;
    expect(placed.left + card.width).toBeLessThanOrEqual(viewport.width - PLACEMENT_MARGIN);
  });

  it('has no place once the badge left the viewport (the card closes)', () => {
    expect(placeCard({ badge: box(600, -40, 50, 18), title: null, viewport, card })).toBeNull();
    expect(placeCard({ badge: box(600, 820, 50, 18), title: null, viewport, card })).toBeNull();
  });
});

describe('shortAuthorList', () => {
  const authors = Array.from({ length: 84 }, (_, i) => `Author ${i + 1}`);
  it('shows the first names of a long list and hides the rest', () => {
    const { shown, hidden } = shortAuthorList(authors, 8);
    expect(shown).toEqual(authors.slice(0, 8));
    expect(hidden).toHaveLength(76);
  });
  it('never hides a single name behind "+1 more"', () => {
    expect(shortAuthorList(authors.slice(0, 9), 8)).toEqual({ shown: authors.slice(0, 9), hidden: [] });
  });
});
