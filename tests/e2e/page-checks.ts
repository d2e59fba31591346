/** Checks of an extension page shared by the e2e files: axe-core, text size, graph labels. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TestPage } from '../../scripts/browser/driver';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Every violation axe-core finds on the page, as "rule: help — where (why)" lines; empty when
 * clean. `context`: what to check (axe's include/exclude selectors), the whole document by default.
 */
export async function axeViolations(page: TestPage, context?: { include: string[][] }): Promise<string[]> {
  await page.addScript(AXE_SOURCE);
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context: object, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    const { violations } = await axe.run(within ?? document, { resultTypes: ['violations'] });
    return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join('; ')}`);
  }, context ?? null);
}

/** The root's and the body's font sizes: equal when nothing shrinks the text (Chromium's extension pages do, by 75%). */
export const rootAndBodyFontSize = (page: TestPage) => page.evaluate(() => [getComputedStyle(document.documentElement).fontSize, getComputedStyle(document.body).fontSize]);

/**
 * Pairs of co-author graph labels that overlap, as the browser's fonts draw them ("A × B").
 * Their SVG boxes: Firefox's client rects of SVG text are line boxes, taller than the glyphs.
 */
export function graphLabelCrossings(page: TestPage): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = [...document.querySelectorAll<SVGTextElement>('.graph svg text')].map((text) => {
      const { x, y, width, height } = text.getBBox();
      return { name: text.textContent, box: { left: x, top: y, right: x + width, bottom: y + height } };
    });
    const cross = (a: (typeof boxes)[number]['box'], b: (typeof boxes)[number]['box']) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    return boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => cross(a.box, b.box)).map((b) => `${a.name} × ${b.name}`));
  });
}
