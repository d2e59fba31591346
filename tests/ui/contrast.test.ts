/**
 * Every colour pair the extension pages draw (popup, cluster page, options page) meets WCAG AA in
 * light and dark: text 4.5:1; borders of controls, focus rings, selection and graph marks 3:1.
 * The colours are read from lens.css itself (its two `:root` blocks), so this cannot drift
 * from what the pages show; the pairs say which colour is drawn on which.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHex, relativeLuminance } from '../../src/ui/contrast';
import { customProperties } from '../helpers/custom-properties';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
const LENS_CSS = read('src/ui/cluster/lens.css');
const OPTIONS_CSS = read('src/ui/options/options.css');

const DARK_BLOCK = /@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}\s*\}/;
const light = customProperties(/^\s*:root\s*\{([^}]*)\}/m.exec(LENS_CSS.replace(DARK_BLOCK, ''))?.[1] ?? '');
const dark = customProperties(DARK_BLOCK.exec(LENS_CSS)?.[1] ?? '');
const SCHEMES = { light, dark };

const TEXT = 4.5;
const NON_TEXT = 3;
/** [foreground, background, minimum ratio, where the pages draw it]. */
const PAIRS: [string, string, number, string][] = [
  ['--fg', '--bg', TEXT, 'body text, titles, page matches'],
  ['--muted', '--bg', TEXT, 'hints, venue lines, counts, inactive tabs'],
  ['--accent', '--bg', TEXT, 'links and link buttons'],
  ['--error', '--bg', TEXT, 'error messages'],
  ['--chip-fg', '--chip', TEXT, 'count chips, badge samples'],
  ['--selected-fg', '--selected-bg', TEXT, 'the selected suggestion'],
  ['--bg', '--accent', TEXT, 'primary button'],
  ['--fg', '--hover', TEXT, 'hovered suggestion and page match, homonym note'],
  ['--muted', '--hover', TEXT, 'suggestion count on a hovered suggestion'],
  ['--accent', '--hover', TEXT, 'hovered export buttons'],
  ['--control-border', '--bg', NON_TEXT, 'search box, filter, export buttons, suggestion list, title-link underline'],
  ['--control-border', '--hover', NON_TEXT, 'hovered export button'],
  ['--selected-bg', '--bg', NON_TEXT, 'selected suggestion against the list'],
  ['--selected-bg', '--hover', NON_TEXT, 'selected suggestion against a hovered one'],
  ['--accent', '--bg', NON_TEXT, 'focus ring, active tab underline'],
  ['--accent', '--hover', NON_TEXT, 'homonym note rule, focus ring on a hovered row'],
  ['--group-1', '--bg', NON_TEXT, 'co-author graph: group 1 nodes'],
  ['--group-2', '--bg', NON_TEXT, 'co-author graph: group 2 nodes'],
  ['--group-3', '--bg', NON_TEXT, 'co-author graph: group 3 nodes'],
  ['--group-4', '--bg', NON_TEXT, 'co-author graph: group 4 nodes'],
  ['--fg', '--bg', NON_TEXT, 'co-author graph: the centre node'],
];
/** Colours that carry no information: separators between rows and graph edges (the caption and the list say it), shadows. */
const DECORATIVE = ['--line', '--shadow'];

describe('contrastRatio', () => {
  it('gives the WCAG figures for known pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
    // WCAG's own example threshold: #767676 on white is the lightest grey at 4.5:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
    // Order does not matter.
    expect(contrastRatio('#1f5fbf', '#ffffff')).toBe(contrastRatio('#ffffff', '#1f5fbf'));
  });

  it('uses the sRGB luminance with its linear segment', () => {
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 10);
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance([10, 10, 10])).toBeCloseTo(10 / 255 / 12.92, 10);
    expect(relativeLuminance([255, 0, 0])).toBeCloseTo(0.2126, 10);
  });

  it('reads #rgb and #rrggbb and refuses anything else', () => {
    expect(parseHex('#1f5FBF')).toEqual([31, 95, 191]);
    expect(parseHex('#abc')).toEqual([170, 187, 204]);
    expect(() => parseHex('rgb(0,0,0)')).toThrow(/not a hex colour/);
    expect(() => parseHex('#12345')).toThrow(/not a hex colour/);
  });
});

describe('the extension pages’ colours (lens.css)', () => {
  it('both schemes define the same colours', () => {
    expect(light.size).toBeGreaterThan(10);
    expect([...dark.keys()].sort()).toEqual([...light.keys()].sort());
  });

  it('every colour is either in a checked pair or decorative', () => {
    const covered = new Set([...PAIRS.flatMap(([fg, bg]) => [fg, bg]), ...DECORATIVE]);
    expect([...light.keys()].filter((name) => !covered.has(name))).toEqual([]);
  });

  it('no rule uses a colour literal: every colour goes through a custom property', () => {
    const literals = (css: string) =>
      css
        .replace(DARK_BLOCK, '')
        .replace(/^\s*:root\s*\{[^}]*\}/m, '')
        .match(/#[0-9a-f]{3,8}\b|\b(rgba?|hsla?)\(/gi) ?? [];
    expect(literals(LENS_CSS)).toEqual([]);
    expect(literals(OPTIONS_CSS)).toEqual([]);
  });

  for (const [scheme, colours] of Object.entries(SCHEMES)) {
    it.each(PAIRS)(`${scheme}: %s on %s reaches %s:1 (%s)`, (fg, bg, minimum) => {
      const ratio = contrastRatio(colours.get(fg)!, colours.get(bg)!);
      expect(ratio, `${fg} ${colours.get(fg)} on ${bg} ${colours.get(bg)}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(minimum);
    });
  }
});
