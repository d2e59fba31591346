import { BADGE_CSS } from './styles';
import { el } from './dom';

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
    text: 'Arrow',
    attrs: { type: 'button', 'aria-haspopup': 'dialog', 'aria-label': `Arrow Lens record: ${title.slice(0, 200)}. Show preview` },
  });
  shadow.append(style, button);
  return host;
}

export function badgeButton(host: Element): HTMLButtonElement | null {
  return host.shadowRoot?.querySelector('button') ?? null;
}
