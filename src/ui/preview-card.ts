/**
 * The quick abstract preview: one card per page, in its own closed shadow root (closed-root.ts:
 * the page cannot read the record) at the top of the document (so no page container can clip
 * it), placed next to the badge that opened it.
 *
 * Keyboard: the card is a non-modal dialog named by its title. Tab on the badge enters it (its
 * DOM sits at the end of the page, so Tab would otherwise skip it), Shift+Tab on its first
 * control goes back to the badge, Tab on its last control continues with the page after the
 * badge, Esc closes it and returns focus to the badge. It stays open while focus is inside.
 *
 * Placement (placement.ts): below or above the badge and its title, never over them, its height
 * capped to the free space (it scrolls inside); it follows the badge while the page scrolls and
 * closes when the badge leaves the viewport.
 */
import type { PaperView } from '../messaging/protocol';
import type { MatchedBy } from '../records/record-index';
import { EXTERNAL_LINK, el, linksRow, paperPageLink, sourcesLine, venueLine } from './dom';
import { PREVIEW_CSS } from './styles';
import { badgeButton, badgeTitleElement } from './badge';
import { attachClosedRoot } from './closed-root';
import { placeCard } from './placement';
import { shortAuthorList } from './author-list';
import type { Theme } from './page-theme';
import { t } from '../i18n/t';

export interface PreviewDeps {
  getPaper(id: string): Promise<PaperView | null>;
  openCluster(name: string): void;
  /** The look for a card opened from `anchor` (the page's, or the one the user chose). */
  themeFor(anchor: HTMLElement): Theme;
  /** What the opening badge's title was matched by, when known (a note on the card says it). */
  matchedBy?(badge: HTMLElement): MatchedBy | undefined;
}

/** The note per way a badge matched (fixed keys, so the i18n check sees each). */
const MATCHED_BY_NOTE = {
  id: () => t('preview_matchedById'),
  title: () => t('preview_matchedByTitle'),
  both: () => t('preview_matchedByBoth'),
} satisfies Record<MatchedBy, () => string>;

/** Authors shown before "+N more". */
export const PREVIEW_AUTHORS_SHOWN = 8;

const FOCUSABLE = 'a[href], button:not([disabled])';

export class PreviewCard {
  private host: HTMLElement | null = null;
  private shadow: ShadowRoot | null = null;
  private card: HTMLElement | null = null;
  private anchor: HTMLElement | null = null;
  private openId: string | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private followFrame = 0;
  private closingFrom: HTMLElement | null = null;
  private request = 0;
  private readonly cache = new Map<string, Promise<PaperView | null>>();
  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.openId) {
      const hadFocus = this.hasFocus();
      const anchor = this.anchor;
      this.close();
      if (hadFocus && anchor) this.returnFocus(anchor);
    }
  };
  /** Page scroll (any scroller) or resize: follow the badge, or close once it left the viewport. */
  private readonly onViewportChange = () => {
    const view = this.doc.defaultView;
    if (!view || this.followFrame) return;
    this.followFrame = view.requestAnimationFrame(() => {
      this.followFrame = 0;
      this.position();
    });
  };

  constructor(
    private readonly doc: Document,
    private readonly deps: PreviewDeps,
  ) {}

  async open(anchor: HTMLElement, id: string): Promise<void> {
    // Focus handed back to the badge as the card closes must not open it again.
    if (anchor === this.closingFrom) return;
    this.cancelClose();
    if (this.openId === id && this.anchor === anchor) return;
    const request = ++this.request;
    this.anchor = anchor;
    this.openId = id;
    let paper = this.cache.get(id);
    if (!paper) {
      paper = this.deps.getPaper(id).catch(() => null);
      this.cache.set(id, paper);
    }
    const view = await paper;
    if (request !== this.request || !anchor.isConnected) return;
    this.render(view, id, this.deps.themeFor(anchor));
    this.position();
  }

  /** Whether the card is open for `anchor`. */
  isOpenFor(anchor: Element): boolean {
    return this.openId !== null && this.anchor === anchor && this.card?.hidden === false;
  }

  /** Moves focus to the card's first control (Tab on its badge). */
  focusFirst(): boolean {
    const first = this.focusables()[0];
    first?.focus();
    return !!first;
  }

  scheduleClose(delay = 300): void {
    this.cancelClose();
    this.closeTimer = setTimeout(() => {
      // Focus inside keeps the card open, whatever the pointer does.
      if (!this.hasFocus()) this.close();
    }, delay);
  }

  cancelClose(): void {
    clearTimeout(this.closeTimer);
  }

  close(): void {
    this.cancelClose();
    this.request++;
    this.openId = null;
    if (this.anchor) badgeButton(this.anchor)?.setAttribute('aria-expanded', 'false');
    this.anchor = null;
    if (this.card) this.card.hidden = true;
    this.doc.removeEventListener('keydown', this.onKeydown, true);
    this.doc.removeEventListener('scroll', this.onViewportChange, true);
    this.doc.defaultView?.removeEventListener('resize', this.onViewportChange);
  }

  /** The badge this card belongs to went away. */
  closeIfAnchoredTo(anchor: Element): void {
    if (this.anchor === anchor) this.close();
  }

  destroy(): void {
    this.close();
    this.host?.remove();
    this.host = null;
    this.shadow = null;
    this.card = null;
  }

  /** Focus back on the badge of a card that just closed (Esc, the close button). */
  private returnFocus(anchor: HTMLElement, options?: FocusOptions): void {
    this.closingFrom = anchor;
    try {
      badgeButton(anchor)?.focus(options);
    } finally {
      this.closingFrom = null;
    }
  }

  /** Focus is in the card (the document sees its host focused). */
  private hasFocus(): boolean {
    return this.host !== null && this.doc.activeElement === this.host;
  }

  private focusables(): HTMLElement[] {
    return this.card && !this.card.hidden ? [...this.card.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => !e.closest('[hidden]')) : [];
  }

  private ensureHost(): HTMLElement {
    if (this.card && this.host?.isConnected) return this.card;
    const host = this.doc.createElement('arrow-lens-preview');
    host.dataset.arrowLens = 'preview';
    const shadow = attachClosedRoot(host);
    const card = el(this.doc, 'div', { className: 'card', attrs: { role: 'dialog', 'aria-labelledby': 'title', 'aria-describedby': 'meta' } });
    card.hidden = true;
    card.addEventListener('mouseenter', () => this.cancelClose());
    card.addEventListener('mouseleave', () => this.scheduleClose());
    card.addEventListener('focusout', (event) => {
      const next = event.relatedTarget as Node | null;
      if (!next || !shadow.contains(next)) this.scheduleClose(150);
    });
    card.addEventListener('focusin', () => this.cancelClose());
    card.addEventListener('keydown', (event) => this.keepTabOrder(event));
    shadow.append(el(this.doc, 'style', { text: PREVIEW_CSS }), card);
    this.doc.documentElement.append(host);
    this.host = host;
    this.shadow = shadow;
    this.card = card;
    return card;
  }

  /**
   * Tab order as if the card sat right after its badge: Shift+Tab on the first control goes back
   * to the badge; Tab on the last moves focus to the badge and lets the browser's own Tab go on
   * from there, to whatever follows the badge in the page.
   */
  private keepTabOrder(event: KeyboardEvent): void {
    if (event.key !== 'Tab' || !this.anchor) return;
    const controls = this.focusables();
    const active = this.shadow?.activeElement;
    const badge = badgeButton(this.anchor);
    if (!badge || controls.length === 0) return;
    if (event.shiftKey && active === controls[0]) {
      event.preventDefault();
      badge.focus();
    } else if (!event.shiftKey && active === controls[controls.length - 1]) {
      badge.focus({ preventScroll: true });
    }
  }

  private render(paper: PaperView | null, id: string, theme: Theme): void {
    const card = this.ensureHost();
    const d = this.doc;
    card.replaceChildren();
    card.dataset.recordId = id;
    card.dataset.theme = theme;
    const close = el(d, 'button', { className: 'close', text: '×', attrs: { type: 'button', 'aria-label': t('preview_close'), title: t('preview_close') } });
    close.addEventListener('click', () => {
      const anchor = this.anchor;
      this.close();
      if (anchor) this.returnFocus(anchor);
    });
    if (!paper) {
      card.removeAttribute('aria-labelledby');
      card.setAttribute('aria-label', t('preview_label'));
      card.append(el(d, 'div', { className: 'head' }, [el(d, 'p', { className: 'note', text: t('preview_loadFailed') }), close]));
    } else {
      card.setAttribute('aria-labelledby', 'title');
      card.removeAttribute('aria-label');
      const page = paperPageLink(paper);
      const title = el(d, 'p', { className: 'title', attrs: { id: 'title' } }, [
        page ? el(d, 'a', { text: paper.title, attrs: { href: page, ...EXTERNAL_LINK } }) : d.createTextNode(paper.title),
      ]);
      const abstract = el(d, 'p', { className: 'abstract clamped', text: paper.abstract || t('preview_noAbstract') });
      const more = el(d, 'button', { className: 'more', text: t('preview_more'), attrs: { type: 'button', 'aria-expanded': 'false' } });
      more.addEventListener('click', () => {
        const expanded = abstract.classList.toggle('clamped') === false;
        more.textContent = expanded ? t('preview_less') : t('preview_more');
        more.setAttribute('aria-expanded', String(expanded));
        this.position();
      });
      const by = this.anchor ? this.deps.matchedBy?.(this.anchor) : undefined;
      const body = el(d, 'div', { className: 'body' }, [
        el(d, 'p', { className: 'meta', text: venueLine(paper), attrs: { id: 'meta' } }),
        linksRow(d, paper, 'links'),
        by ? el(d, 'p', { className: 'matched-by', text: MATCHED_BY_NOTE[by]() }) : null,
        this.authorList(paper.authors),
        abstract,
        (paper.abstract ?? '').length > 400 ? more : null,
        el(d, 'p', { className: 'note', text: [sourcesLine(paper), t('preview_footer')].filter(Boolean).join(' · ') }),
      ]);
      card.append(el(d, 'div', { className: 'head' }, [title, close]), body);
    }
    card.hidden = false;
    if (this.anchor) badgeButton(this.anchor)?.setAttribute('aria-expanded', 'true');
    this.doc.addEventListener('keydown', this.onKeydown, true);
    this.doc.addEventListener('scroll', this.onViewportChange, { capture: true, passive: true });
    this.doc.defaultView?.addEventListener('resize', this.onViewportChange, { passive: true });
  }

  /** The authors, each opening its cluster; a long list shows the first few and "+N more". */
  private authorList(authors: readonly string[]): HTMLElement {
    const d = this.doc;
    const list = el(d, 'ul', { className: 'authors', attrs: { 'aria-label': t('authorsLabel') } });
    const { shown, hidden } = shortAuthorList(authors, PREVIEW_AUTHORS_SHOWN);
    const item = (name: string) => {
      const button = el(d, 'button', { className: 'author', text: name, attrs: { type: 'button', title: t('preview_authorTitle', name) } });
      // A tab opens only on the user's own click or key press, never on a page script's click().
      button.addEventListener('click', (event) => {
        if (event.isTrusted) this.deps.openCluster(name);
      });
      return el(d, 'li', {}, [button]);
    };
    for (const name of shown) list.append(item(name));
    if (hidden.length > 0) {
      const rest = hidden.map(item);
      for (const li of rest) li.hidden = true;
      const toggle = el(d, 'button', { className: 'more-authors', text: t('preview_moreAuthors', hidden.length), attrs: { type: 'button', 'aria-expanded': 'false' } });
      toggle.addEventListener('click', () => {
        const expand = toggle.getAttribute('aria-expanded') !== 'true';
        for (const li of rest) li.hidden = !expand;
        toggle.textContent = expand ? t('preview_fewerAuthors') : t('preview_moreAuthors', hidden.length);
        toggle.setAttribute('aria-expanded', String(expand));
        if (expand) rest[0]?.querySelector('button')?.focus();
        this.position();
      });
      list.append(...rest, el(d, 'li', { className: 'toggle' }, [toggle]));
    }
    return list;
  }

  private position(): void {
    if (!this.card || !this.anchor || this.card.hidden) return;
    const view = this.doc.defaultView;
    if (!view) return;
    const badge = this.anchor.getBoundingClientRect();
    // No box at all (not laid out, e.g. in a DOM without layout): nothing to place it by.
    if (badge.width === 0 && badge.height === 0) return;
    const viewport = { width: view.innerWidth, height: view.innerHeight };
    const title = badgeTitleElement(this.anchor)?.getBoundingClientRect() ?? null;
    // Measured at its natural height (up to the CSS cap), then capped to the free space.
    this.card.style.maxHeight = '';
    const placed = placeCard({ badge, title, viewport, card: { width: this.card.offsetWidth, height: this.card.offsetHeight } });
    if (!placed) {
      const hadFocus = this.hasFocus();
      const anchor = this.anchor;
      this.close();
      if (hadFocus) this.returnFocus(anchor, { preventScroll: true });
      return;
    }
    this.card.style.left = `${placed.left}px`;
    this.card.style.top = `${placed.top}px`;
    this.card.style.maxHeight = `${placed.maxHeight}px`;
  }
}
