/**
 * The content script's loop: find the titles the site adapter sees, ask the background which
 * are in the records, and keep exactly one badge after each matched title while the page
 * renders late, re-renders, scrolls in more items or navigates in place.
 *
 * The MutationObserver only schedules work; scans run batched on a timer, at most one at a
 * time, and a mutation storm trips a breaker that slows scanning down instead of burning CPU.
 * Scheduling throttles rather than debounces: a page that never stops mutating (a ticking
 * clock, a live feed) must not postpone the next scan forever.
 */
import type { SiteAdapter } from '../sites/types';
import { MESSAGE_LIMITS, type PageMatch, type PaperView, type TitleMatchView } from '../messaging/protocol';
import type { BadgeStyle } from '../settings/settings';
import { badgeButton, BADGE_TAG, createBadge, styleBadge } from '../ui/badge';
import { PreviewCard } from '../ui/preview-card';

export interface LensDeps {
  matchTitles(titles: string[]): Promise<(TitleMatchView | null)[]>;
  getPaper(id: string): Promise<PaperView | null>;
  openCluster(name: string): void;
  reportCount(count: number): void;
  /** Called once when a call into the extension fails for good (e.g. it was reloaded). */
  onFatal(error: unknown): void;
  /**
   * False once the extension context is gone (reloaded, updated, disabled). Checked before any
   * work so an orphaned script stops at the page's next mutation instead of scanning first.
   */
  isAlive(): boolean;
}

/** Least wait between a mutation and the scan it asks for (mutations coming together batch up). */
const SCAN_DELAY_MS = 120;
/** Scans in a one-second window before the breaker slows scanning to once a second. */
const STORM_SCANS_PER_SECOND = 8;
const STORM_DELAY_MS = 1_000;
/**
 * Idle time after a scan, as a multiple of what the scan cost: keeps our share of the main
 * thread near 1 / (1 + 9) = 10% on huge pages, however often they mutate.
 */
const SCAN_COST_FACTOR = 9;
/** Badges placed per task: a 2,000-title page must not hold the main thread for one long task. */
const APPLY_BATCH = 150;

/** What the user's options change in a page (see src/settings). */
export interface LensLook {
  badgeStyle: BadgeStyle;
  /** Hover time before the preview opens. */
  previewDelayMs: number;
}

interface Tracked {
  text: string;
  /** The matched record, or null when the title is not in the records. */
  match: TitleMatchView | null;
  badge: HTMLElement | null;
}

export class PageLens {
  private readonly tracked = new Map<Element, Tracked>();
  private readonly observer: MutationObserver;
  private readonly preview: PreviewCard;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the pending timer fires (Date.now() time), or 0 when none is pending. */
  private dueAt = 0;
  /** Main-thread time the last scan took (ms), excluding the wait for the background. */
  private lastScanCost = 0;
  private scanning = false;
  private rescan = false;
  private stopped = false;
  private recentScans: number[] = [];
  private lastCount = -1;
  private look: LensLook = { badgeStyle: 'compact', previewDelayMs: 250 };

  /** `adapterFor` answers undefined where the lens should show nothing (e.g. a site switched off). */
  constructor(
    private readonly doc: Document,
    private readonly adapterFor: (url: URL) => SiteAdapter | undefined,
    private readonly deps: LensDeps,
  ) {
    this.preview = new PreviewCard(doc, { getPaper: deps.getPaper, openCluster: deps.openCluster });
    this.observer = new MutationObserver((records) => {
      // Cheapest checks first: this runs for every batch of page mutations, storms included.
      if (this.dueAt !== 0 || this.stopped) return;
      if (!this.deps.isAlive()) return this.teardown();
      if (records.some((r) => !isOwnMutation(r))) this.schedule();
    });
  }

  start(): void {
    this.stopped = false;
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true, characterData: true });
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.dueAt = 0;
    this.observer.disconnect();
    this.preview.destroy();
  }

  /** Removes every badge and stops (the extension went away, or the page is leaving). */
  teardown(): void {
    this.stop();
    this.removeAllBadges();
  }

  private removeAllBadges(): void {
    for (const item of this.tracked.values()) if (item.badge) this.removeBadge(item.badge);
    this.tracked.clear();
  }

  /** New options: restyles the badges on the page and looks again now (a site may be off or on). */
  setLook(look: LensLook): void {
    const restyle = look.badgeStyle !== this.look.badgeStyle;
    this.look = { ...look };
    if (restyle) {
      for (const item of this.tracked.values()) if (item.badge && item.match) styleBadge(item.badge, item.match.title, look.badgeStyle, item.match.authorCount);
    }
    this.schedule(0);
  }

  /** A navigation without reload (pushState, tabs): look again now. */
  onLocationChange(): void {
    this.schedule(0);
  }

  pageMatches(): PageMatch[] {
    const seen = new Set<string>();
    const matches: PageMatch[] = [];
    for (const [, item] of this.tracked) {
      if (!item.match || !item.badge || seen.has(item.match.id)) continue;
      seen.add(item.match.id);
      const { id, title, venue, year } = item.match;
      matches.push({ id, title, venue, year });
    }
    return matches;
  }

  /** Scrolls to the first badge of this record and opens its preview. */
  reveal(id: string): boolean {
    for (const item of this.tracked.values()) {
      if (item.match?.id !== id || !item.badge?.isConnected) continue;
      item.badge.scrollIntoView({ block: 'center' });
      badgeButton(item.badge)?.focus();
      void this.preview.open(item.badge, id).catch((error: unknown) => this.deps.onFatal(error));
      return true;
    }
    return false;
  }

  private schedule(delay = SCAN_DELAY_MS): void {
    if (this.stopped) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    const now = Date.now();
    this.recentScans = this.recentScans.filter((t) => now - t < 1_000);
    const storm = this.recentScans.length >= STORM_SCANS_PER_SECOND;
    const wait = storm ? STORM_DELAY_MS : Math.max(delay, this.lastScanCost * SCAN_COST_FACTOR);
    // Throttle: a pending scan is never pushed back, only brought forward (location change).
    if (this.dueAt !== 0 && this.dueAt <= now + wait) return;
    clearTimeout(this.timer);
    this.dueAt = now + wait;
    this.timer = setTimeout(() => {
      this.dueAt = 0;
      void this.scan();
    }, wait);
  }

  private async scan(): Promise<void> {
    if (this.stopped) return;
    if (!this.deps.isAlive()) return this.teardown();
    this.scanning = true;
    this.recentScans.push(Date.now());
    let cost = 0;
    try {
      let started = performance.now();
      this.dropDeparted();
      const view = this.doc.defaultView;
      const adapter = view ? this.adapterFor(new URL(view.location.href)) : undefined;
      if (!adapter) {
        // Switched off here (or a page no adapter serves): no badge may stay.
        this.removeAllBadges();
        this.report();
        return;
      }
      const found = adapter.findTitles(this.doc, new URL(view!.location.href));
      const pending: { element: Element; text: string }[] = [];
      for (const { element, text } of found) {
        // Longer than any title the records can hold (and than a request may carry): one such
        // string must not get the whole request refused and leave the page without badges.
        if (text.length > MESSAGE_LIMITS.titleLength) continue;
        const known = this.tracked.get(element);
        if (known && known.text === text && (known.match === null || known.badge?.isConnected)) continue;
        pending.push({ element, text });
      }
      cost += performance.now() - started;
      if (pending.length > 0) {
        const byText = await this.match([...new Set(pending.map((p) => p.text))]);
        for (let i = 0; i < pending.length; i += APPLY_BATCH) {
          // The page may have gone (or the extension been reloaded) while we waited.
          if (this.stopped) return;
          if (i > 0) await yieldToPage();
          started = performance.now();
          for (const { element, text } of pending.slice(i, i + APPLY_BATCH)) {
            if (element.isConnected) this.apply(element, text, byText.get(text) ?? null);
          }
          cost += performance.now() - started;
        }
      }
      this.report();
    } catch (error) {
      this.deps.onFatal(error);
    } finally {
      this.lastScanCost = cost;
      this.scanning = false;
      if (this.rescan) {
        this.rescan = false;
        this.schedule();
      }
    }
  }

  /** Asks in requests the background accepts (at most MESSAGE_LIMITS.titlesPerRequest titles each). */
  private async match(texts: string[]): Promise<Map<string, TitleMatchView | null>> {
    const byText = new Map<string, TitleMatchView | null>();
    for (let i = 0; i < texts.length; i += MESSAGE_LIMITS.titlesPerRequest) {
      const chunk = texts.slice(i, i + MESSAGE_LIMITS.titlesPerRequest);
      const results = await this.deps.matchTitles(chunk);
      chunk.forEach((text, j) => byText.set(text, results[j] ?? null));
    }
    return byText;
  }

  private apply(element: Element, text: string, match: TitleMatchView | null): void {
    const previous = this.tracked.get(element);
    if (previous?.badge && (!match || previous.match?.id !== match.id || !isPlacedAfter(previous.badge, element))) {
      this.removeBadge(previous.badge);
      previous.badge = null;
    }
    const item: Tracked = previous ?? { text, match: null, badge: null };
    item.text = text;
    item.match = match;
    if (match && !item.badge) item.badge = this.placeBadge(element, match);
    this.tracked.set(element, item);
  }

  private placeBadge(element: Element, match: TitleMatchView): HTMLElement {
    const badge = createBadge(this.doc, match.id, match.title);
    styleBadge(badge, match.title, this.look.badgeStyle, match.authorCount);
    const button = badgeButton(badge)!;
    const open = () => {
      // Nothing tells an orphaned script that the extension went away until it looks: a badge
      // of a reloaded extension goes (with the others) when touched, instead of failing to load.
      if (!this.deps.isAlive()) return this.teardown();
      // A rejection left unhandled here would be reported in the page's console.
      void this.preview.open(badge, match.id).catch((error: unknown) => this.deps.onFatal(error));
    };
    let hoverTimer: ReturnType<typeof setTimeout> | undefined;
    button.addEventListener('mouseenter', () => {
      hoverTimer = setTimeout(open, this.look.previewDelayMs);
    });
    button.addEventListener('mouseleave', () => {
      clearTimeout(hoverTimer);
      this.preview.scheduleClose();
    });
    button.addEventListener('focus', open);
    button.addEventListener('blur', () => this.preview.scheduleClose(200));
    button.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation(); // the title may sit inside a link or a clickable card
      open();
    });
    // Headings and blocks take the badge as their last child; inline titles get it as a sibling.
    // data-placement lets tests (and anyone debugging) find the title a badge belongs to.
    if (INLINE_TAGS.has(element.localName)) {
      badge.dataset.placement = 'after';
      element.after(badge);
    } else {
      badge.dataset.placement = 'inside';
      element.append(badge);
    }
    return badge;
  }

  private removeBadge(badge: HTMLElement): void {
    this.preview.closeIfAnchoredTo(badge);
    badge.remove();
  }

  /** Forgets titles that left the page and removes badges whose title went away. */
  private dropDeparted(): void {
    for (const [element, item] of this.tracked) {
      if (element.isConnected && (!item.badge || isPlacedAfter(item.badge, element))) continue;
      if (item.badge) this.removeBadge(item.badge);
      this.tracked.delete(element);
    }
    // Badges orphaned by a page that moved nodes around without our knowledge.
    const live = new Set([...this.tracked.values()].map((t) => t.badge));
    for (const badge of this.doc.querySelectorAll<HTMLElement>(`${BADGE_TAG}[data-arrow-lens="badge"]`)) {
      if (!live.has(badge)) badge.remove();
    }
  }

  private report(): void {
    const count = this.pageMatches().length;
    if (count === this.lastCount) return;
    this.lastCount = count;
    this.deps.reportCount(count);
  }
}

/** Lets the page run (input, rendering) between batches of our DOM work. */
function yieldToPage(): Promise<void> {
  return new Promise((resume) => setTimeout(resume, 0));
}

const INLINE_TAGS = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'cite', 'label']);

function isPlacedAfter(badge: Element, element: Element): boolean {
  return badge.isConnected && (badge.parentElement === element || badge.previousElementSibling === element);
}

/** Mutations that only add or remove our own badge/preview hosts are not page changes. */
function isOwnMutation(record: MutationRecord): boolean {
  if (record.type !== 'childList') return isOwnNode(record.target);
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every(isOwnNode);
}

function isOwnNode(node: Node): boolean {
  return node instanceof Element && node.hasAttribute('data-arrow-lens');
}
