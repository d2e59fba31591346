/**
 * The content script's loop: find the titles the site adapter sees, ask the background which
 * are in the records, and keep exactly one badge on each matched title while the page renders
 * late, re-renders, scrolls in more items or navigates in place. An inline title (a link, a
 * span) gets its badge as the next sibling; any other element (a heading, a block) gets it as
 * its last child.
 *
 * The MutationObserver only asks for scans; `ScanScheduler` decides when they run (throttled,
 * one at a time, slowed down by a mutation storm).
 */
import type { PageId } from '../records/identity';
import type { FoundTitle, SiteAdapter } from '../sites/types';
import { MESSAGE_LIMITS, type PageMatch, type PaperView, type TitleMatchView } from '../messaging/protocol';
import { DEFAULT_SETTINGS, type BadgeStyle, type LensTheme } from '../settings/settings';
import { badgeButton, BADGE_TAG, badgeTitleElement, createBadge, styleBadge, themeBadge } from '../ui/badge';
import { pageThemeAt, type Theme } from '../ui/page-theme';
import { PreviewCard } from '../ui/preview-card';
import { ScanScheduler } from './scan-scheduler';

export interface LensDeps {
  /** `ids[i]`: the page ids the page states for `titles[i]` (the background tries them first). */
  matchTitles(titles: string[], ids: PageId[][]): Promise<(TitleMatchView | null)[]>;
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

/** Badges placed per task: a 2,000-title page must not hold the main thread for one long task. */
export const APPLY_BATCH = 150;

/** What the user's options change in a page (see src/settings). */
export interface LensLook {
  badgeStyle: BadgeStyle;
  /** Hover time before the preview opens. */
  previewDelayMs: number;
  theme: LensTheme;
}

interface Tracked {
  /** The title as last asked about: its text and ids (`queryKey`). */
  key: string;
  /** The matched record, or null when the title is not in the records. */
  match: TitleMatchView | null;
  badge: HTMLElement | null;
}

export class PageLens {
  private readonly tracked = new Map<Element, Tracked>();
  private readonly observer: MutationObserver;
  private readonly preview: PreviewCard;
  private readonly scheduler = new ScanScheduler(() => this.scan());
  private stopped = false;
  private lastCount = -1;
  private look: LensLook = { badgeStyle: DEFAULT_SETTINGS.badgeStyle, previewDelayMs: DEFAULT_SETTINGS.previewDelayMs, theme: DEFAULT_SETTINGS.theme };

  /** `adapterFor` answers undefined where the lens should show nothing (e.g. a site switched off). */
  constructor(
    private readonly doc: Document,
    private readonly adapterFor: (url: URL) => SiteAdapter | undefined,
    private readonly deps: LensDeps,
  ) {
    this.preview = new PreviewCard(doc, {
      getPaper: deps.getPaper,
      openCluster: deps.openCluster,
      themeFor: (anchor) => this.themeAt(anchor.parentElement ?? anchor),
      matchedBy: (badge) => [...this.tracked.values()].find((item) => item.badge === badge)?.match?.by,
    });
    this.observer = new MutationObserver((records) => {
      // Cheapest checks first: this runs for every batch of page mutations, storms included.
      if (this.scheduler.pending || this.stopped) return;
      if (!this.deps.isAlive()) return this.teardown();
      if (records.some((r) => !isOwnMutation(r))) this.scheduler.request();
    });
  }

  /** Starts watching the page; resolves once the first scan has finished (or the lens stopped). */
  start(): Promise<void> {
    this.stopped = false;
    this.scheduler.start();
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true, characterData: true });
    const scanned = this.scheduler.afterNextScan();
    this.scheduler.request(0);
    return scanned;
  }

  stop(): void {
    this.stopped = true;
    this.scheduler.stop();
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
    const retheme = look.theme !== this.look.theme;
    this.look = { ...look };
    if (retheme) for (const item of this.tracked.values()) if (item.badge) themeBadge(item.badge, this.themeAt(item.badge.parentElement ?? item.badge));
    if (restyle) {
      for (const item of this.tracked.values()) if (item.badge && item.match) styleBadge(item.badge, item.match.title, look.badgeStyle, item.match.authorCount);
    }
    this.scheduler.request(0);
  }

  /** A navigation without reload (pushState, tabs): look again now. */
  onLocationChange(): void {
    this.scheduler.request(0);
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

  /** One look at the page; resolves to the main-thread time it took (ms), never rejects. */
  private async scan(): Promise<number> {
    if (!this.deps.isAlive()) {
      this.teardown();
      return 0;
    }
    let cost = 0;
    try {
      let started = performance.now();
      this.dropDeparted();
      const view = this.doc.defaultView;
      const url = view ? new URL(view.location.href) : undefined;
      const adapter = url ? this.adapterFor(url) : undefined;
      if (!url || !adapter) {
        // Switched off here (or a page no adapter serves): no badge may stay.
        this.removeAllBadges();
        this.report();
        return cost;
      }
      const pending = this.changedTitles(adapter, url);
      cost += performance.now() - started;
      if (pending.length > 0) {
        const byKey = await this.match(pending);
        for (let i = 0; i < pending.length; i += APPLY_BATCH) {
          // The page may have gone (or the extension been reloaded) while we waited.
          if (this.stopped) return cost;
          if (i > 0) await yieldToPage();
          started = performance.now();
          const batch = pending.slice(i, i + APPLY_BATCH).filter(({ element }) => element.isConnected);
          // All reads of the page's styles first, then all writes: one style recalculation a
          // batch, not one a badge.
          const themes = batch.map(({ element, key }) => (byKey.get(key) ? this.themeAt(badgeContainer(element)) : null));
          batch.forEach(({ element, key }, j) => this.apply(element, key, byKey.get(key) ?? null, themes[j] ?? 'light'));
          cost += performance.now() - started;
        }
      }
      this.report();
    } catch (error) {
      this.deps.onFatal(error);
    }
    return cost;
  }

  /** The titles the adapter finds that are new, changed, or lost their badge since the last scan. */
  private changedTitles(adapter: SiteAdapter, url: URL): PendingTitle[] {
    const pending: PendingTitle[] = [];
    for (const found of adapter.findTitles(this.doc, url)) {
      // Longer than any title the records can hold (and than a request may carry): one such
      // string must not get the whole request refused and leave the page without badges.
      if (found.text.length > MESSAGE_LIMITS.titleLength) continue;
      const key = queryKey(found);
      const known = this.tracked.get(found.element);
      if (known && known.key === key && (known.match === null || known.badge?.isConnected)) continue;
      pending.push({ element: found.element, text: found.text, ids: found.ids ?? [], key });
    }
    return pending;
  }

  /**
   * Asks about each distinct title (text and ids) once, in requests the background accepts (at
   * most MESSAGE_LIMITS.titlesPerRequest titles each); the answers by `queryKey`.
   */
  private async match(pending: readonly PendingTitle[]): Promise<Map<string, TitleMatchView | null>> {
    const queries = [...new Map(pending.map((p) => [p.key, p])).values()];
    const byKey = new Map<string, TitleMatchView | null>();
    for (let i = 0; i < queries.length; i += MESSAGE_LIMITS.titlesPerRequest) {
      const chunk = queries.slice(i, i + MESSAGE_LIMITS.titlesPerRequest);
      const results = await this.deps.matchTitles(
        chunk.map((q) => q.text),
        chunk.map((q) => q.ids),
      );
      chunk.forEach((q, j) => byKey.set(q.key, results[j] ?? null));
    }
    return byKey;
  }

  /** `theme`: the look of the page where the title's badge goes, if it gets one. */
  private apply(element: Element, key: string, match: TitleMatchView | null, theme: Theme): void {
    const previous = this.tracked.get(element);
    if (previous?.badge && (!match || previous.match?.id !== match.id || !isBadgeOf(previous.badge, element))) {
      this.removeBadge(previous.badge);
      previous.badge = null;
    }
    const item: Tracked = previous ?? { key, match: null, badge: null };
    item.key = key;
    item.match = match;
    if (match && !item.badge) item.badge = this.placeBadge(element, match, theme);
    this.tracked.set(element, item);
  }

  private placeBadge(element: Element, match: TitleMatchView, theme: Theme): HTMLElement {
    const badge = createBadge(this.doc, match.id, match.title);
    styleBadge(badge, match.title, this.look.badgeStyle, match.authorCount);
    this.wirePreview(badge, match.id);
    // Headings and blocks take the badge as their last child; inline titles get it as a sibling.
    // data-placement lets tests (and anyone debugging) find the title a badge belongs to.
    if (isInline(element)) {
      badge.dataset.placement = 'after';
      element.after(badge);
    } else {
      badge.dataset.placement = 'inside';
      element.append(badge);
    }
    themeBadge(badge, theme);
    return badge;
  }

  /** The user's choice, or the look of the page at `container` (where a badge sits or will sit). */
  private themeAt(container: Element): Theme {
    return this.look.theme === 'page' ? pageThemeAt(container) : this.look.theme;
  }

  /**
   * Hover (after the preview delay), focus and click open the badge's preview. Hover and click
   * count only when the user made them (`isTrusted`): a page script's `click()` or synthetic
   * event must not open the record's preview. Focus is trusted whoever moves it, but in a closed
   * shadow root only the user (Tab) can move it onto the button.
   */
  private wirePreview(badge: HTMLElement, id: string): void {
    const button = badgeButton(badge)!;
    const open = () => {
      // Nothing tells an orphaned script that the extension went away until it looks: a badge
      // of a reloaded extension goes (with the others) when touched, instead of failing to load.
      if (!this.deps.isAlive()) return this.teardown();
      // A rejection left unhandled here would be reported in the page's console.
      void this.preview.open(badge, id).catch((error: unknown) => this.deps.onFatal(error));
    };
    let hoverTimer: ReturnType<typeof setTimeout> | undefined;
    button.addEventListener('mouseenter', (event) => {
      if (event.isTrusted) hoverTimer = setTimeout(open, this.look.previewDelayMs);
    });
    button.addEventListener('mouseleave', () => {
      clearTimeout(hoverTimer);
      this.preview.scheduleClose();
    });
    button.addEventListener('focus', open);
    button.addEventListener('blur', () => this.preview.scheduleClose(200));
    // The card's DOM sits at the end of the page: Tab on its badge enters it (preview-card.ts).
    button.addEventListener('keydown', (event) => {
      if (event.key === 'Tab' && !event.shiftKey && this.preview.isOpenFor(badge) && this.preview.focusFirst()) event.preventDefault();
    });
    button.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation(); // the title may sit inside a link or a clickable card
      if (event.isTrusted) open();
    });
  }

  private removeBadge(badge: HTMLElement): void {
    this.preview.closeIfAnchoredTo(badge);
    badge.remove();
  }

  /** Forgets titles that left the page and removes badges whose title went away. */
  private dropDeparted(): void {
    for (const [element, item] of this.tracked) {
      if (element.isConnected && (!item.badge || isBadgeOf(item.badge, element))) continue;
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

interface PendingTitle {
  element: Element;
  text: string;
  ids: PageId[];
  key: string;
}

/** One string per distinct question: the text and the ids (a title holds no line break; an id no space). */
function queryKey(found: FoundTitle): string {
  return found.ids?.length ? `${found.text}\n${found.ids.join(' ')}` : found.text;
}

/** Lets the page run (input, rendering) between batches of our DOM work. */
function yieldToPage(): Promise<void> {
  return new Promise((resume) => setTimeout(resume, 0));
}

const INLINE_TAGS = new Set(['a', 'span', 'strong', 'b', 'em', 'i', 'cite', 'label']);

/** Inline titles get their badge as a sibling; headings and blocks as their last child. */
function isInline(element: Element): boolean {
  return INLINE_TAGS.has(element.localName);
}

/** The element a title's badge goes into. */
function badgeContainer(element: Element): Element {
  return (isInline(element) ? element.parentElement : null) ?? element;
}

/** Whether `badge` still sits where placeBadge put it for `element` (inside it, or right after it). */
function isBadgeOf(badge: Element, element: Element): boolean {
  return badge.isConnected && badgeTitleElement(badge) === element;
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
