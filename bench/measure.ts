/** Small timing helpers for the bench (never used by tests). */
import { cpus, totalmem } from 'node:os';

export function machine(): string {
  const cpu = cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${cpu} · ${cpus().length} cores · ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.versions.node}`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs fn over inputs, returning answers, per-call latencies (ms, sorted) and calls/s. */
export function timeEach<I, O>(inputs: readonly I[], fn: (input: I) => O, budgetMs = Infinity): { answers: O[]; latencies: number[]; perSecond: number; done: number } {
  const answers: O[] = [];
  const latencies: number[] = [];
  const start = performance.now();
  for (const input of inputs) {
    const t = performance.now();
    answers.push(fn(input));
    latencies.push(performance.now() - t);
    if (performance.now() - start > budgetMs) break;
  }
  const total = performance.now() - start;
  return { answers, latencies: latencies.sort((a, b) => a - b), perSecond: (answers.length / total) * 1000, done: answers.length };
}

/** Wall time of one call in ms. */
export function timeOnce<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

export async function timeOnceAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t };
}

/** Heap growth caused by building something (after GC when exposed). */
export function heapDelta<T>(build: () => T): { value: T; bytes: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const value = build();
  gc?.();
  return { value, bytes: process.memoryUsage().heapUsed - before };
}

export const fmt = {
  n: (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–'),
  ms: (x: number) => (Number.isFinite(x) ? (x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(x < 10 ? 2 : 0)} ms`) : '–'),
  mb: (x: number) => `${(x / 2 ** 20).toFixed(1)} MiB`,
  kb: (x: number) => `${(x / 1024).toFixed(1)} KiB`,
  p: (x: number) => x.toFixed(4),
  ratio: (x: number) => (Number.isFinite(x) ? `${x >= 10 ? Math.round(x) : x.toFixed(1)}×` : '–'),
};

/** Prints rows as an aligned text table. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
