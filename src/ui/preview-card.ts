/**
 * The quick abstract preview: one card per page, in its own closed shadow root (closed-root.ts:
 * the page cannot read the record) at the top of the document (so no page container can clip
 * it), positioned next to the badge that opened it.
 */
import type { PaperView } from '../messaging/protocol';
import type { MatchedBy } from '../records/record-index';
import { el, EXTERNAL_LINK, linksRow, paperPageLink, sourcesLine, venueLine } from './dom';
import { PREVIEW_CSS } from './styles';
import { badgeButton } from './badge';
import { attachClosedRoot } from './closed-root';
import { t } from '../i18n/t';

export interface PreviewDeps {
  getPaper(id: string): Promise<PaperView | null>;
  openCluster(name: string): void;
  /** What the opening badge's title was matched by, when known (a note on the card says it). */
  matchedBy?(badge: HTMLElement): MatchedBy | undefined;
}

/** The note per way a badge matched (fixed keys, so the i18n check sees each). */
const MATCHED_BY_NOTE = {
  id: () => t('preview_matchedById'),
  title: () => t('preview_matchedByTitle'),
  both: () => t('preview_matchedByBoth'),
} satisfies Record<MatchedBy, () => string>;

const GAP = 6;
const MARGIN = 8;

export class PreviewCard {
  private host: HTMLElement | null = null;
  private shadow: ShadowRoot | null = null;
  private card: HTMLElement | null = null;
  private anchor: HTMLElement | null = null;
  private openId: string | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private request = 0;
  private readonly cache = new Map<string, Promise<PaperView | null>>();
  private readonly onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.openId) {
      const hadFocus = this.shadow?.activeElement != null;
      const anchor = this.anchor;
      this.close();
      if (hadFocus && anchor) badgeButton(anchor)?.focus();
    }
  };

  constructor(
    private readonly doc: Document,
    private readonly deps: PreviewDeps,
  ) {}

  async open(anchor: HTMLElement, id: string): Promise<void> {
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
    this.render(view, id);
    this.position();
  }

  scheduleClose(delay = 300): void {
    this.cancelClose();
    this.closeTimer = setTimeout(() => this.close(), delay);
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

  private ensureHost(): HTMLElement {
    if (this.card && this.host?.isConnected) return this.card;
    const host = this.doc.createElement('arrow-lens-preview');
    host.dataset.arrowLens = 'preview';
    const shadow = attachClosedRoot(host);
    const card = el(this.doc, 'div', { className: 'card', attrs: { role: 'dialog', 'aria-label': t('preview_label') } });
    card.hidden = true;
    card.addEventListener('mouseenter', () => this.cancelClose());
    card.addEventListener('mouseleave', () => this.scheduleClose());
    card.addEventListener('focusout', (event) => {
      const next = event.relatedTarget as Node | null;
      if (!next || !shadow.contains(next)) this.scheduleClose(150);
    });
    card.addEventListener('focusin', () => this.cancelClose());
    shadow.append(el(this.doc, 'style', { text: PREVIEW_CSS }), card);
    this.doc.documentElement.append(host);
    this.host = host;
    this.shadow = shadow;
    this.card = card;
    return card;
  }

  private render(paper: PaperView | null, id: string): void {
    const card = this.ensureHost();
    const d = this.doc;
    card.replaceChildren();
    card.dataset.recordId = id;
    if (!paper) {
      card.append(el(d, 'p', { className: 'note', text: t('preview_loadFailed') }));
    } else {
      const authors = el(d, 'ul', { className: 'authors', attrs: { 'aria-label': t('authorsLabel') } });
      for (const name of paper.authors) {
        const button = el(d, 'button', { className: 'author', text: name, attrs: { type: 'button', title: t('preview_authorTitle', name) } });
        // A tab opens only on the user's own click or key press, never on a page script's click().
        button.addEventListener('click', (event) => {
          if (event.isTrusted) this.deps.openCluster(name);
        });
        authors.append(el(d, 'li', {}, [button]));
      }
      const abstract = el(d, 'p', { className: 'abstract clamped', text: paper.abstract || t('preview_noAbstract') });
      const more = el(d, 'button', { className: 'more', text: t('preview_more'), attrs: { type: 'button', 'aria-expanded': 'false' } });
      more.addEventListener('click', () => {
        const expanded = abstract.classList.toggle('clamped') === false;
        more.textContent = expanded ? t('preview_less') : t('preview_more');
        more.setAttribute('aria-expanded', String(expanded));
        this.position();
      });
      // The title opens the paper's page where one is known (http(s) only: paperPageLink checks).
      const page = paperPageLink(paper);
      const by = this.anchor ? this.deps.matchedBy?.(this.anchor) : undefined;
      const parts: (HTMLElement | null)[] = [
        el(d, 'p', { className: 'title' }, [page ? el(d, 'a', { text: paper.title, attrs: { href: page, ...EXTERNAL_LINK } }) : d.createTextNode(paper.title)]),
        el(d, 'p', { className: 'meta', text: venueLine(paper) }),
        linksRow(d, paper, 'links'),
        by ? el(d, 'p', { className: 'matched-by', text: MATCHED_BY_NOTE[by]() }) : null,
        authors,
        abstract,
        (paper.abstract ?? '').length > 400 ? more : null,
        el(d, 'p', { className: 'note', text: [sourcesLine(paper), t('preview_footer')].filter(Boolean).join(' · ') }),
      ];
      for (const part of parts) if (part) card.append(part);
    }
    card.hidden = false;
    if (this.anchor) badgeButton(this.anchor)?.setAttribute('aria-expanded', 'true');
    this.doc.addEventListener('keydown', this.onKeydown, true);
  }

  /** Below the badge, or above it when there is no room; always inside the viewport. */
  private position(): void {
    if (!this.card || !this.anchor) return;
    const view = this.doc.defaultView;
    if (!view) return;
    const badge = this.anchor.getBoundingClientRect();
    const width = this.card.offsetWidth;
    const height = this.card.offsetHeight;
    const left = Math.min(Math.max(MARGIN, badge.left), view.innerWidth - width - MARGIN);
    const below = badge.bottom + GAP;
    const top = below + height <= view.innerHeight - MARGIN ? below : Math.max(MARGIN, badge.top - GAP - height);
    this.card.style.left = `${Math.max(MARGIN, left)}px`;
    this.card.style.top = `${top}px`;
  }
}
