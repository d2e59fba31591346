import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SCAN_COST_FACTOR,
  SCAN_DELAY_MS,
  STORM_DELAY_MS,
  STORM_SCANS_PER_SECOND,
  ScanScheduler,
  scanWait,
} from '../../src/content/scan-scheduler';

describe('scanWait', () => {
  it('waits what was asked while scans are cheap and few', () => {
    expect(scanWait(SCAN_DELAY_MS, 0, 0)).toBe(SCAN_DELAY_MS);
    expect(scanWait(0, STORM_SCANS_PER_SECOND - 1, 0)).toBe(0);
  });

  it('waits longer after a costly scan, in proportion to its cost', () => {
    expect(scanWait(SCAN_DELAY_MS, 0, 50)).toBe(50 * SCAN_COST_FACTOR);
    expect(scanWait(0, 0, 1)).toBe(SCAN_COST_FACTOR);
  });

  it('slows to the storm delay once a second holds too many scans, even for a scan asked "now"', () => {
    expect(scanWait(0, STORM_SCANS_PER_SECOND, 0)).toBe(STORM_DELAY_MS);
    expect(scanWait(SCAN_DELAY_MS, STORM_SCANS_PER_SECOND + 5, 0)).toBe(STORM_DELAY_MS);
  });
});

/** A scheduler whose scans are counted, each costing `cost` ms and settling when `settle` says. */
function harness(options: { cost?: number; manual?: boolean } = {}) {
  const starts: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const finishers: (() => void)[] = [];
  const scheduler = new ScanScheduler(async () => {
    starts.push(Date.now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    if (options.manual) await new Promise<void>((resolve) => finishers.push(resolve));
    inFlight--;
    return options.cost ?? 0;
  });
  scheduler.start();
  return {
    scheduler,
    starts,
    maxInFlight: () => maxInFlight,
    finishScan: async () => {
      finishers.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

describe('ScanScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 10_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('throttles: requests that keep coming do not push a pending scan back', async () => {
    const { scheduler, starts } = harness();
    // A page that mutates every 30 ms, forever: a debounce would never scan.
    scheduler.request();
    for (let t = 30; t <= 3 * SCAN_DELAY_MS; t += 30) {
      await vi.advanceTimersByTimeAsync(30);
      scheduler.request();
    }
    expect(starts).toEqual([1, 2, 3].map((n) => 10_000 + n * SCAN_DELAY_MS));
  });

  it('a request for "now" brings a pending scan forward', async () => {
    const { scheduler, starts } = harness();
    scheduler.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(scheduler.pending).toBe(true);
    scheduler.request(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toEqual([10_010]);
    // The slower timer it replaced does not scan a second time.
    await vi.advanceTimersByTimeAsync(SCAN_DELAY_MS);
    expect(starts).toHaveLength(1);
  });

  it('runs one scan at a time; requests during a scan become one scan after it', async () => {
    const { scheduler, starts, finishScan, maxInFlight } = harness({ manual: true });
    scheduler.request(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toHaveLength(1);
    for (let i = 0; i < 5; i++) scheduler.request(0);
    await vi.advanceTimersByTimeAsync(5 * SCAN_DELAY_MS);
    expect(starts).toHaveLength(1);
    await finishScan();
    // The change seen mid-scan is looked at again, after the usual delay.
    expect(starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(SCAN_DELAY_MS);
    expect(starts).toHaveLength(2);
    await finishScan();
    await vi.advanceTimersByTimeAsync(10 * SCAN_DELAY_MS);
    expect(starts).toHaveLength(2);
    expect(maxInFlight()).toBe(1);
  });

  it('does not scan again unasked', async () => {
    const { scheduler, starts } = harness();
    scheduler.request(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(starts).toHaveLength(1);
  });

  it('after a costly scan, waits in proportion to its cost', async () => {
    const { scheduler, starts } = harness({ cost: 50 });
    scheduler.request(0);
    await vi.advanceTimersByTimeAsync(0);
    scheduler.request();
    await vi.advanceTimersByTimeAsync(50 * SCAN_COST_FACTOR - 1);
    expect(starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toEqual([10_000, 10_000 + 50 * SCAN_COST_FACTOR]);
  });

  it('the storm breaker: past the scans a second allows, the next waits the storm delay', async () => {
    const { scheduler, starts } = harness();
    // Asked "now" again and again (e.g. a page firing location changes in a loop).
    for (let i = 0; i < STORM_SCANS_PER_SECOND; i++) {
      scheduler.request(0);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(starts).toHaveLength(STORM_SCANS_PER_SECOND);
    const lastStart = starts.at(-1)!;
    scheduler.request(0);
    await vi.advanceTimersByTimeAsync(STORM_DELAY_MS - 1);
    expect(starts).toHaveLength(STORM_SCANS_PER_SECOND);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts).toHaveLength(STORM_SCANS_PER_SECOND + 1);
    expect(starts.at(-1)! - lastStart).toBe(STORM_DELAY_MS + 10);
    // The storm over (a quiet second), a request is served at the usual pace again.
    await vi.advanceTimersByTimeAsync(STORM_DELAY_MS);
    scheduler.request(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toHaveLength(STORM_SCANS_PER_SECOND + 2);
  });

  it('stop cancels the pending scan and ignores requests until started again', async () => {
    const { scheduler, starts } = harness();
    scheduler.request();
    scheduler.stop();
    expect(scheduler.pending).toBe(false);
    scheduler.request(0);
    await vi.advanceTimersByTimeAsync(10 * SCAN_DELAY_MS);
    expect(starts).toEqual([]);
    scheduler.start();
    scheduler.request(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toHaveLength(1);
  });

  it('afterNextScan resolves when the next scan to start has finished, not before', async () => {
    const { scheduler, starts, finishScan } = harness({ manual: true });
    let done = false;
    void scheduler.afterNextScan().then(() => void (done = true));
    scheduler.request(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(starts).toHaveLength(1);
    expect(done).toBe(false); // started, not finished
    await finishScan();
    expect(done).toBe(true);
  });

  it('afterNextScan waits for the next scan when one is already in flight, and is released by stop', async () => {
    const { scheduler, finishScan } = harness({ manual: true });
    scheduler.request(0);
    await vi.advanceTimersByTimeAsync(0);
    let done = false;
    void scheduler.afterNextScan().then(() => void (done = true));
    await finishScan(); // the scan that was already running when asked
    expect(done).toBe(false);
    scheduler.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });
});
