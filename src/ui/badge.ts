import { BADGE_CSS } from './styles';
import { el } from './dom';
import { t } from '../i18n/t';
import type { BadgeStyle } from '../settings/settings';

export const BADGE_TAG = 'arrow-lens-badge';

/**
 * The badge host: a light-DOM element carrying `data-arrow-lens="badge"` and the record id,
 * with an open shadow root holding a button (open so tests and assistive tech can reach it).
 */
export function createBadge(doc: Document, recordId: string, title: string): HTMLElement {
  const host = doc.createElement(BADGE_TAG);
  host.dataset.arrowLens = 'badge';
  host.dataset.recordId = recordId;
  const shadow = host.attachShadow({ mode: 'open' });
  const style = el(doc, 'style', { text: BADGE_CSS });
  const button = el(doc, 'button', {
    text: t('badge_text'),
    attrs: { type: 'button', 'aria-haspopup': 'dialog', 'aria-label': t('badge_label', title.slice(0, 200)) },
  });
  shadow.append(style, button);
  return host;
}

export function badgeButton(host: Element): HTMLButtonElement | null {
  return host.shadowRoot?.querySelector('button') ?? null;
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
