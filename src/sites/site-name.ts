/**
 * A site's name in the UI language. Names live in public/_locales/<lang>/messages.json as
 * `site_<id with _ for ->` (message names allow no "-"); brand names read the same in every
 * language, descriptive ones are translated.
 */
import { t, type MessageKey } from '../i18n/t';
import type { SiteAdapter } from './types';

export function siteName(site: Pick<SiteAdapter, 'id'>): string {
  const messageId = site.id.replaceAll('-', '_');
  return t(`site_${messageId}` as MessageKey);
}
