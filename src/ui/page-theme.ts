/**
 * Light or dark: the look the badge and the preview take on the page they sit on. A venue page
 * in light colours gets the light card whatever the operating system's dark mode says, and a
 * dark page the dark card: judged from the computed background behind the badge (the first
 * ancestor that paints one), else the page's `color-scheme`.
 */
import { relativeLuminance } from './contrast';

export type Theme = 'light' | 'dark';

/** A computed CSS colour (`rgb(…)`, `rgba(…)`, `color(srgb …)`) as 0–255 channels and alpha, or null. */
export function parseComputedColour(value: string): { r: number; g: number; b: number; a: number } | null {
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/i.exec(value.trim());
  if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: alpha(rgb[4]) };
  const srgb = /^color\(\s*srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+%?))?\s*\)$/i.exec(value.trim());
  if (srgb) return { r: Number(srgb[1]) * 255, g: Number(srgb[2]) * 255, b: Number(srgb[3]) * 255, a: alpha(srgb[4]) };
  return null;
}

function alpha(text: string | undefined): number {
  if (text === undefined) return 1;
  return text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
}

/** Dark when black text would contrast less with it than white text does. */
export function isDarkBackground({ r, g, b }: { r: number; g: number; b: number }): boolean {
  const l = relativeLuminance([r, g, b]);
  return (l + 0.05) / 0.05 < 1.05 / (l + 0.05);
}

/** The theme of the page around `element`: its nearest painted background, else the page's colour scheme. */
export function pageThemeAt(element: Element): Theme {
  const view = element.ownerDocument.defaultView;
  if (!view) return 'light';
  for (let at: Element | null = element; at; at = at.parentElement) {
    const colour = parseComputedColour(view.getComputedStyle(at).backgroundColor);
    // A mostly transparent background lets what is behind it decide.
    if (colour && colour.a >= 0.5) return isDarkBackground(colour) ? 'dark' : 'light';
  }
  // Nothing painted: the canvas, dark only when the page asks for a dark colour scheme only.
  const scheme = view.getComputedStyle(element.ownerDocument.documentElement).colorScheme;
  return /^\s*dark\s*$/.test(scheme) || (/\bdark\b/.test(scheme) && view.matchMedia?.('(prefers-color-scheme: dark)').matches) ? 'dark' : 'light';
}
