/**
 * Every message between content script, popup/cluster page and background, in one place.
 * Requests are checked with `parseRequest` before use: whatever arrives is untrusted.
 */
import type { AuthorSuggestion } from '../matching/author-index';
import type { MatchRule } from '../matching/title-index';

export interface PaperView {
  id: string;
  title: string;
  venue: string;
  venueKind: string;
  year: number;
  type: string;
  authors: string[];
  /** Where the record came from: source formats ("mlanthology", "arrow-export", …) or "user". */
  sources: string[];
  abstract?: string;
}

export interface TitleMatchView {
  id: string;
  title: string;
  venue: string;
  year: number;
  /** How many authors the paper lists (shown by the "with author count" badge style). */
  authorCount: number;
  score: number;
  rule: MatchRule;
}

export interface ClusterView {
  name: string;
  papers: PaperView[];
  /** What the sources declare for the name, each null when none does. */
  authorRows: number | null;
  declaredPapers: number | null;
}

/** Requests the background answers; `Response<R>` maps each to its answer. */
export type BackgroundRequest =
  | { type: 'match-titles'; titles: string[] }
  | { type: 'get-paper'; id: string }
  | { type: 'suggest-authors'; query: string; limit: number }
  | { type: 'get-cluster'; name: string }
  | { type: 'open-cluster'; name: string }
  | { type: 'report-matches'; count: number }
  | { type: 'scan-tab'; tabId: number }
  /** The options page added or removed imported records: load them again. */
  | { type: 'user-records-changed' };

/** Requests a content script answers (sent by the popup to the active tab). */
export type ContentRequest = { type: 'page-matches' } | { type: 'reveal-paper'; id: string };

export interface PageMatch {
  id: string;
  title: string;
  venue: string;
  year: number;
}

export interface ResponseMap {
  'match-titles': { matches: (TitleMatchView | null)[] };
  'get-paper': { paper: PaperView | null };
  'suggest-authors': { suggestions: AuthorSuggestion[] };
  'get-cluster': { cluster: ClusterView | null };
  'open-cluster': { ok: true };
  'report-matches': { ok: true };
  'scan-tab': { ok: true };
  'user-records-changed': { ok: true };
  'page-matches': { matches: PageMatch[] };
  'reveal-paper': { ok: boolean };
}

export type Response<R extends { type: keyof ResponseMap }> = ResponseMap[R['type']];

/** Wire format of every answer: errors travel as data, never as rejections. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export const LIMITS = { titlesPerRequest: 5_000, titleLength: 2_000, queryLength: 300, suggestions: 50 } as const;

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** The request if `message` is a well-formed background request, else null. */
export function parseBackgroundRequest(message: unknown): BackgroundRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'match-titles':
      return Array.isArray(m.titles) && m.titles.length <= LIMITS.titlesPerRequest && m.titles.every((t) => isString(t, LIMITS.titleLength))
        ? { type: m.type, titles: m.titles as string[] }
        : null;
    case 'get-paper':
      return isString(m.id, 300) ? { type: m.type, id: m.id } : null;
    case 'suggest-authors':
      return isString(m.query, LIMITS.queryLength) && Number.isInteger(m.limit) && (m.limit as number) > 0 && (m.limit as number) <= LIMITS.suggestions
        ? { type: m.type, query: m.query, limit: m.limit as number }
        : null;
    case 'get-cluster':
    case 'open-cluster':
      return isString(m.name, LIMITS.queryLength) ? { type: m.type, name: m.name } : null;
    case 'report-matches':
      return Number.isInteger(m.count) && (m.count as number) >= 0 ? { type: m.type, count: m.count as number } : null;
    case 'scan-tab':
      return Number.isInteger(m.tabId) && (m.tabId as number) >= 0 ? { type: m.type, tabId: m.tabId as number } : null;
    case 'user-records-changed':
      return { type: m.type };
    default:
      return null;
  }
}

export function parseContentRequest(message: unknown): ContentRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  if (m.type === 'page-matches') return { type: 'page-matches' };
  if (m.type === 'reveal-paper' && isString(m.id, 300)) return { type: 'reveal-paper', id: m.id };
  return null;
}
