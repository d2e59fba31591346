/**
 * The badge and the preview card meet WCAG AA in both looks (page-theme.ts): text 4.5:1, control
 * boundaries and focus rings 3:1. The colours are read from BADGE_CSS and PREVIEW_CSS themselves
 * (their custom-property blocks, one per look), so this cannot drift from what a page shows.
 * What a badge sits on is the page's own background: its focus ring is checked against white for
 * the light look and against a near-black for the dark one (the badge's text, on its own fill,
 * is what identifies it, so its border is not a required boundary).
 */
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/ui/contrast';
import { BADGE_CSS, PREVIEW_CSS } from '../../src/ui/styles';
import { customProperties, ruleBlock } from '../helpers/custom-properties';

/** The custom properties declared in the first rule whose selector is exactly `selector`. */
const declared = (css: string, selector: string) => customProperties(ruleBlock(css, selector));

const TEXT = 4.5;
const NON_TEXT = 3;
const PAGE = { light: '#ffffff', dark: '#121212' };

const BADGE = { light: declared(BADGE_CSS, 'button'), dark: declared(BADGE_CSS, 'button.dark') };
const CARD = { light: declared(PREVIEW_CSS, '.card'), dark: declared(PREVIEW_CSS, '.card[data-theme="dark"]') };

const BADGE_PAIRS: [string, string, number, string][] = [
  ['--badge-fg', '--badge-bg', TEXT, 'badge text'],
  ['--badge-fg', '--badge-hover', TEXT, 'hovered badge text'],
  ['--badge-focus', 'page', NON_TEXT, 'focus ring on the page'],
];
const CARD_PAIRS: [string, string, number, string][] = [
  ['--fg', '--bg', TEXT, 'title and abstract'],
  ['--muted', '--bg', TEXT, 'venue line, notes, close button'],
  ['--muted', '--hover', TEXT, 'hovered close button'],
  ['--link', '--bg', TEXT, 'authors, links, "more"'],
  ['--border', '--bg', NON_TEXT, 'card edge, close button boundary'],
  ['--border', '--hover', NON_TEXT, 'hovered close button boundary'],
  ['--focus', '--bg', NON_TEXT, 'focus ring'],
];

describe('badge and preview colours (styles.ts)', () => {
  it('both looks define the same colours', () => {
    expect(BADGE.light.size).toBeGreaterThan(3);
    expect([...BADGE.dark.keys()].sort()).toEqual([...BADGE.light.keys()].sort());
    expect(CARD.light.size).toBeGreaterThan(6);
    expect([...CARD.dark.keys()].sort()).toEqual([...CARD.light.keys()].sort());
  });

  it('every colour is in a checked pair, but the shadow', () => {
    const covered = (pairs: typeof CARD_PAIRS) => new Set(pairs.flatMap(([fg, bg]) => [fg, bg]));
    expect([...BADGE.light.keys()].filter((name) => !covered(BADGE_PAIRS).has(name) && name !== '--badge-border')).toEqual([]);
    expect([...CARD.light.keys()].filter((name) => !covered(CARD_PAIRS).has(name) && name !== '--shadow')).toEqual([]);
  });

  for (const look of ['light', 'dark'] as const) {
    it.each(BADGE_PAIRS)(`${look} badge: %s on %s reaches %s:1 (%s)`, (fg, bg, minimum) => {
      const colour = (name: string) => (name === 'page' ? PAGE[look] : BADGE[look].get(name)!);
      const ratio = contrastRatio(colour(fg), colour(bg));
      expect(ratio, `${colour(fg)} on ${colour(bg)}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(minimum);
    });
    it.each(CARD_PAIRS)(`${look} preview: %s on %s reaches %s:1 (%s)`, (fg, bg, minimum) => {
      const ratio = contrastRatio(CARD[look].get(fg)!, CARD[look].get(bg)!);
      expect(ratio, `${CARD[look].get(fg)} on ${CARD[look].get(bg)}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(minimum);
    });
  }
});
