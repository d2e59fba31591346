/**
 * Every message between content script, popup/cluster page and background, in one place.
 * Requests are checked with `parseBackgroundRequest` / `parseContentRequest` before use:
 * whatever arrives is untrusted.
 */
import type { AuthorSuggestion } from '../matching/author-index';
import type { MatchRule } from '../matching/title-index';
import { PAGE_ID_MAX_LENGTH, parsePageId, type PageId } from '../records/identity';
import type { MatchedBy } from '../records/record-index';
import { MAX_IDS_PER_TITLE } from '../sites/types';
import type { PaperSummary, TitleSummary } from '../records/index-format';
import { RECORD_LIMITS } from '../records/schema';

/**
 * A paper as the popup, cluster page and preview show it: the index's summary (every paper
 * field but the abstract, with `sources`, `ids` and `links`), and the abstract when sent along.
 * The fields are declared once, in `PaperFields` (records/schema.ts).
 */
export interface PaperView extends PaperSummary {
  /** Absent in a big cluster, whose abstracts are read per paper when shown. */
  abstract?: string;
}

/** A title match: the paper's title summary (with its author count) and how it matched. */
export interface TitleMatchView extends TitleSummary {
  /** By a unique page id, by the title, or both naming this paper (see RecordIndex.matchPaper). */
  by: MatchedBy;
  score: number;
  /** The title rule; absent when only the id matched. */
  rule?: MatchRule;
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
  /** `ids[i]`: the page ids the page states for `titles[i]` (normalised; none when absent). */
  | { type: 'match-titles'; titles: string[]; ids?: PageId[][] }
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

/** A paper the open tab shows, as its content script lists it. */
export type PageMatch = Pick<TitleSummary, 'id' | 'title' | 'venue' | 'year'>;

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

/** The request of one type, e.g. `RequestOf<'get-paper'>`. */
export type RequestOf<T extends BackgroundRequest['type']> = Extract<BackgroundRequest, { type: T }>;

/** Wire format of every answer: errors travel as data, never as rejections. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Bounds on what a message may carry. A page title may be longer than a record's (decorations,
 * venue suffixes), so it gets more room; a query is at most an author name long.
 */
export const MESSAGE_LIMITS = {
  titlesPerRequest: 5_000,
  titleLength: 2_000,
  queryLength: RECORD_LIMITS.author,
  idLength: 300,
  /** Page ids sent with one title, and the length of each (identity.ts: parsePageId). */
  pageIdsPerTitle: MAX_IDS_PER_TITLE,
  pageIdLength: PAGE_ID_MAX_LENGTH,
  suggestions: 50,
} as const;

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

type Fields = Record<string, unknown>;

/** A title's page ids as sent: a short list of well-formed ids, normalised; null for anything else. */
function pageIdList(value: unknown): PageId[] | null {
  if (!Array.isArray(value) || value.length > MESSAGE_LIMITS.pageIdsPerTitle) return null;
  const ids = value.map((id) => (isString(id, MESSAGE_LIMITS.pageIdLength) ? parsePageId(id) : null));
  return ids.every((id) => id !== null) ? (ids as PageId[]) : null;
}

/** One arrival check per request type: the well-formed request, or null. */
const BACKGROUND_PARSERS: { [T in BackgroundRequest['type']]: (m: Fields) => RequestOf<T> | null } = {
  'match-titles': (m) => {
    if (!Array.isArray(m.titles) || m.titles.length > MESSAGE_LIMITS.titlesPerRequest || !m.titles.every((t) => isString(t, MESSAGE_LIMITS.titleLength))) return null;
    if (m.ids === undefined) return { type: 'match-titles', titles: m.titles as string[] };
    const ids = Array.isArray(m.ids) && m.ids.length === m.titles.length ? m.ids.map(pageIdList) : [null];
    return ids.every((list) => list !== null) ? { type: 'match-titles', titles: m.titles as string[], ids: ids as PageId[][] } : null;
  },
  'get-paper': (m) => (isString(m.id, MESSAGE_LIMITS.idLength) ? { type: 'get-paper', id: m.id } : null),
  'suggest-authors': (m) =>
    isString(m.query, MESSAGE_LIMITS.queryLength) && isCount(m.limit) && m.limit > 0 && m.limit <= MESSAGE_LIMITS.suggestions
      ? { type: 'suggest-authors', query: m.query, limit: m.limit }
      : null,
  'get-cluster': (m) => (isString(m.name, MESSAGE_LIMITS.queryLength) ? { type: 'get-cluster', name: m.name } : null),
  'open-cluster': (m) => (isString(m.name, MESSAGE_LIMITS.queryLength) ? { type: 'open-cluster', name: m.name } : null),
  'report-matches': (m) => (isCount(m.count) ? { type: 'report-matches', count: m.count } : null),
  'scan-tab': (m) => (isCount(m.tabId) ? { type: 'scan-tab', tabId: m.tabId } : null),
  'user-records-changed': () => ({ type: 'user-records-changed' }),
};

const CONTENT_PARSERS: { [T in ContentRequest['type']]: (m: Fields) => Extract<ContentRequest, { type: T }> | null } = {
  'page-matches': () => ({ type: 'page-matches' }),
  'reveal-paper': (m) => (isString(m.id, MESSAGE_LIMITS.idLength) ? { type: 'reveal-paper', id: m.id } : null),
};

/** The request if `message` is a well-formed request of `parsers`, else null. */
function parseWith<R>(parsers: Record<string, (m: Fields) => R | null>, message: unknown): R | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Fields;
  // Own keys only: a type named "constructor" or "__proto__" must not reach Object.prototype.
  return typeof m.type === 'string' && Object.hasOwn(parsers, m.type) ? parsers[m.type]!(m) : null;
}

/** The request if `message` is a well-formed background request, else null. */
export function parseBackgroundRequest(message: unknown): BackgroundRequest | null {
  return parseWith<BackgroundRequest>(BACKGROUND_PARSERS, message);
}

/** The request if `message` is a well-formed content-script request, else null. */
export function parseContentRequest(message: unknown): ContentRequest | null {
  return parseWith<ContentRequest>(CONTENT_PARSERS, message);
}
