// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isDarkBackground, pageThemeAt, parseComputedColour } from '../../src/ui/page-theme';

describe('page theme', () => {
  it('reads computed colours', () => {
    expect(parseComputedColour('rgb(255, 255, 255)')).toEqual({ r: 255, g: 255, b: 255, a: 1 });
    expect(parseComputedColour('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseComputedColour('rgb(10 20 30 / 50%)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseComputedColour('color(srgb 1 0 0)')).toEqual({ r: 255, g: 0, b: 0, a: 1 });
    expect(parseComputedColour('transparent')).toBeNull();
  });

  it('tells dark from light backgrounds', () => {
    expect(isDarkBackground({ r: 255, g: 255, b: 255 })).toBe(false);
    expect(isDarkBackground({ r: 28, g: 36, b: 32 })).toBe(true);
    expect(isDarkBackground({ r: 128, g: 128, b: 128 })).toBe(false);
    expect(isDarkBackground({ r: 90, g: 90, b: 90 })).toBe(true);
  });

  it('judges from the nearest painted background behind an element', () => {
    document.body.innerHTML = '<div id="dark" style="background-color: rgb(20, 22, 24)"><p><span id="in-dark">x</span></p></div><div id="glass" style="background-color: rgba(255, 255, 255, 0.1)"><span id="in-glass">y</span></div>';
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    expect(pageThemeAt(document.getElementById('in-dark')!)).toBe('dark');
    // A mostly transparent layer lets the page behind it decide.
    expect(pageThemeAt(document.getElementById('in-glass')!)).toBe('light');
    document.body.style.backgroundColor = 'rgb(16, 16, 16)';
    expect(pageThemeAt(document.getElementById('in-glass')!)).toBe('dark');
  });
});
