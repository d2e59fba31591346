/**
 * When the page lens scans: at most one scan at a time, started by a timer that page mutations
 * only ever bring forward. Scheduling throttles rather than debounces: a page that never stops
 * mutating (a ticking clock, a live feed) must not postpone the next scan forever. A mutation
 * storm trips a breaker that slows scanning down instead of burning CPU.
 */

/** Least wait between a mutation and the scan it asks for (mutations coming together batch up). */
export const SCAN_DELAY_MS = 120;
/** Scans in a one-second window before the breaker slows scanning to once a second. */
export const STORM_SCANS_PER_SECOND = 8;
export const STORM_DELAY_MS = 1_000;
/**
 * Idle time after a scan, as a multiple of what the scan cost: keeps our share of the main
 * thread near 1 / (1 + 9) = 10% on huge pages, however often they mutate.
 */
export const SCAN_COST_FACTOR = 9;
const STORM_WINDOW_MS = 1_000;

/**
 * How long to wait before the next scan.
 * @param delay what the caller asked for (0: now, e.g. a location change)
 * @param recentScans how many scans started in the last second
 * @param lastScanCost main-thread time the last scan took (ms)
 */
export function scanWait(delay: number, recentScans: number, lastScanCost: number): number {
  if (recentScans >= STORM_SCANS_PER_SECOND) return STORM_DELAY_MS;
  return Math.max(delay, lastScanCost * SCAN_COST_FACTOR);
}

/**
 * A scan: resolves to the main-thread time it cost (ms), excluding waits for the background.
 * It must not reject (the page lens hands its errors to `onFatal`).
 */
export type Scan = () => Promise<number>;

export class ScanScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the pending timer fires (Date.now() time), or 0 when none is pending. */
  private dueAt = 0;
  private lastScanCost = 0;
  private scanning = false;
  private rescan = false;
  private stopped = true;
  /** Start times of recent scans, for the storm breaker. */
  private recentScans: number[] = [];
  /** Callers of `afterNextScan`, told when the next scan to start has finished. */
  private waiting: (() => void)[] = [];

  constructor(private readonly scan: Scan) {}

  /** True while a scan is waiting for its timer: another request can only bring it forward. */
  get pending(): boolean {
    return this.dueAt !== 0;
  }

  start(): void {
    this.stopped = false;
  }

  /** Cancels the pending scan; one in flight finishes, but no request is honoured until start(). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.dueAt = 0;
    for (const done of this.waiting.splice(0)) done();
  }

  /**
   * Resolves once a scan that starts after this call has finished, or when scanning stops: how
   * "Look for papers on this page" knows the page's badges are there (no guessed delay).
   */
  afterNextScan(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((done) => this.waiting.push(done));
  }

  /** Asks for a scan within `delay` ms (later under load or in a storm). */
  request(delay = SCAN_DELAY_MS): void {
    if (this.stopped) return;
    if (this.scanning) {
      // One scan at a time: look again once this one is done, since it may have missed the change.
      this.rescan = true;
      return;
    }
    const now = Date.now();
    this.recentScans = this.recentScans.filter((t) => now - t < STORM_WINDOW_MS);
    const wait = scanWait(delay, this.recentScans.length, this.lastScanCost);
    // Throttle: a pending scan is never pushed back, only brought forward (location change).
    if (this.dueAt !== 0 && this.dueAt <= now + wait) return;
    clearTimeout(this.timer);
    this.dueAt = now + wait;
    this.timer = setTimeout(() => {
      this.dueAt = 0;
      void this.run();
    }, wait);
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    this.scanning = true;
    this.recentScans.push(Date.now());
    const waiting = this.waiting.splice(0);
    try {
      this.lastScanCost = await this.scan();
    } finally {
      this.scanning = false;
      for (const done of waiting) done();
      if (this.rescan) {
        this.rescan = false;
        this.request();
      }
    }
  }
}
