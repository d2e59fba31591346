/**
 * WCAG 2.x contrast, as pure functions: the unit tests compute every colour pair of the
 * extension pages (tests/ui/contrast.test.ts) and of the badge and preview
 * (tests/ui/lens-contrast.test.ts) with them; page-theme.ts judges a page's background by it.
 */

export type Rgb = readonly [r: number, g: number, b: number];

/** `#rgb` or `#rrggbb` → 0–255 channels; anything else throws (the test must not guess). */
export function parseHex(colour: string): Rgb {
  const hex = colour.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a hex colour: ${colour}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

/** Relative luminance (WCAG 2.2, definition "relative luminance"). */
export function relativeLuminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio of two colours, 1–21, whichever is lighter. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(parseHex(a)), relativeLuminance(parseHex(b))].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
