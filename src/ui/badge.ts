import { BADGE_CSS } from './styles';
import { el } from './dom';
import { attachClosedRoot, closedRootOf } from './closed-root';
import { t } from '../i18n/t';
import type { BadgeStyle } from '../settings/settings';

export const BADGE_TAG = 'arrow-lens-badge';

/**
 * The badge host: a light-DOM element carrying `data-arrow-lens="badge"` and the record id
 * (the one thing a page may learn: that this title is in the user's records), with a closed
 * shadow root holding the button, so nothing else of the record is within the page's reach.
 */
export function createBadge(doc: Document, recordId: string, title: string): HTMLElement {
  const host = doc.createElement(BADGE_TAG);
  host.dataset.arrowLens = 'badge';
  host.dataset.recordId = recordId;
  const shadow = attachClosedRoot(host);
  const style = el(doc, 'style', { text: BADGE_CSS });
  const button = el(doc, 'button', {
    text: t('badge_text'),
    attrs: { type: 'button', 'aria-haspopup': 'dialog', 'aria-label': t('badge_label', title.slice(0, 200)) },
  });
  shadow.append(style, button);
  return host;
}

export function badgeButton(host: Element): HTMLButtonElement | null {
  return closedRootOf(host)?.querySelector('button') ?? null;
}

/**
 * Sets the badge's text for the user's badge style: "Arrow" (compact), or "Arrow · 5" with
 * the number of authors the paper lists. Applied again when the user changes the style.
 */
export function styleBadge(host: Element, title: string, style: BadgeStyle, authorCount: number): void {
  const button = badgeButton(host);
  if (!button) return;
  const shortTitle = title.slice(0, 200);
  const withAuthors = style === 'authors';
  button.textContent = withAuthors ? t('badge_textWithAuthors', authorCount) : t('badge_text');
  button.setAttribute('aria-label', withAuthors ? t('badge_labelWithAuthors', authorCount, shortTitle) : t('badge_label', shortTitle));
  host.setAttribute('data-badge-style', style);
}
