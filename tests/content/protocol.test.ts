/**
 * The message checks at both ends: whatever arrives (from a compromised page's content script,
 * an old extension version, a bug) is either a well-formed request or null — never an exception,
 * never a half-checked object. Valid requests survive the check unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMITS, parseBackgroundRequest, parseContentRequest, type BackgroundRequest, type ContentRequest } from '../../src/messaging/protocol';

const text = (max: number) => fc.string({ maxLength: max, unit: 'grapheme' });
const PAGE_IDS = ['openreview:WQ9rnkaUWm', 'doi:10.1109/cvpr.2016.90', 'arxiv:1412.6980', 'neurips:2014/a14ac55a4f27472c5d894ec1c3c743d2', 'pmlr:v235/smith24a'] as const;

const validBackground: fc.Arbitrary<BackgroundRequest> = fc.oneof(
  fc.record({ type: fc.constant('match-titles' as const), titles: fc.array(text(MESSAGE_LIMITS.titleLength / 10), { maxLength: 20 }) }),
  // With each title, up to the limit of page ids, as the content script sends them (normalised).
  fc
    .array(fc.tuple(text(MESSAGE_LIMITS.titleLength / 10), fc.array(fc.constantFrom(...PAGE_IDS), { maxLength: MESSAGE_LIMITS.pageIdsPerTitle })), { maxLength: 20 })
    .map((pairs) => ({ type: 'match-titles' as const, titles: pairs.map(([title]) => title), ids: pairs.map(([, ids]) => ids) })),
  fc.record({ type: fc.constant('get-paper' as const), id: text(MESSAGE_LIMITS.idLength) }),
  fc.record({ type: fc.constant('suggest-authors' as const), query: text(MESSAGE_LIMITS.queryLength), limit: fc.integer({ min: 1, max: MESSAGE_LIMITS.suggestions }) }),
  fc.record({ type: fc.constant('get-cluster' as const), name: text(MESSAGE_LIMITS.queryLength) }),
  fc.record({ type: fc.constant('open-cluster' as const), name: text(MESSAGE_LIMITS.queryLength) }),
  fc.record({ type: fc.constant('report-matches' as const), count: fc.nat() }),
  fc.record({ type: fc.constant('scan-tab' as const), tabId: fc.nat() }),
  fc.constant({ type: 'user-records-changed' as const }),
);
const validContent: fc.Arbitrary<ContentRequest> = fc.oneof(
  fc.constant({ type: 'page-matches' as const }),
  fc.record({ type: fc.constant('reveal-paper' as const), id: text(MESSAGE_LIMITS.idLength) }),
);

/** Anything at all, plus near misses: right type, wrong or missing fields. */
const BACKGROUND_TYPES = ['match-titles', 'get-paper', 'suggest-authors', 'get-cluster', 'open-cluster', 'report-matches', 'scan-tab', 'user-records-changed'];
const TYPES = [...BACKGROUND_TYPES, 'page-matches', 'reveal-paper', '__proto__', 'constructor', 'toString'];
const hostile = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }),
  fc.record({ type: fc.constantFrom(...TYPES) }, { requiredKeys: [] }).chain((base) =>
    fc.dictionary(fc.constantFrom('titles', 'ids', 'id', 'query', 'limit', 'name', 'count', 'tabId', 'type'), fc.anything(), { maxKeys: 4 }).map((extra) => ({ ...extra, ...base })),
  ),
);

describe('parseBackgroundRequest', () => {
  it('never throws, and returns null or a request of a known type', () => {
    fc.assert(
      fc.property(hostile, (message) => {
        const request = parseBackgroundRequest(message);
        expect(request === null || BACKGROUND_TYPES.includes(request.type)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
    // 2,000 hostile messages: well under 5 s idle, 16 s once on a heavily loaded 2-core machine.
  }, 30_000);

  it('returns every valid request unchanged (and as a fresh object without extra fields)', () => {
    fc.assert(
      fc.property(validBackground, fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }), (request, extra) => {
        const parsed = parseBackgroundRequest({ ...extra, ...request });
        expect(parsed).toEqual(request);
        expect(parsed).not.toBe(request);
      }),
    );
  });

  it('refuses what is over the limits or of the wrong shape', () => {
    expect(parseBackgroundRequest({ type: 'match-titles', titles: ['x'.repeat(MESSAGE_LIMITS.titleLength + 1)] })).toBeNull();
    expect(parseBackgroundRequest({ type: 'match-titles', titles: Array(MESSAGE_LIMITS.titlesPerRequest + 1).fill('x') })).toBeNull();
    expect(parseBackgroundRequest({ type: 'match-titles', titles: [1] })).toBeNull();
    expect(parseBackgroundRequest({ type: 'suggest-authors', query: 'a', limit: 0 })).toBeNull();
    expect(parseBackgroundRequest({ type: 'suggest-authors', query: 'a', limit: 2.5 })).toBeNull();
    expect(parseBackgroundRequest({ type: 'report-matches', count: -1 })).toBeNull();
    expect(parseBackgroundRequest({ type: 'scan-tab', tabId: '3' })).toBeNull();
    expect(parseBackgroundRequest({ type: 'get-cluster', name: 'x'.repeat(MESSAGE_LIMITS.queryLength + 1) })).toBeNull();
  });
});

describe('parseContentRequest', () => {
  it('never throws, and returns null or a content request', () => {
    fc.assert(
      fc.property(hostile, (message) => {
        const request = parseContentRequest(message);
        expect(request === null || request.type === 'page-matches' || request.type === 'reveal-paper').toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('returns every valid request unchanged', () => {
    fc.assert(
      fc.property(validContent, (request) => {
        expect(parseContentRequest({ ...request })).toEqual(request);
      }),
    );
  });

  it('refuses background requests and malformed ids', () => {
    expect(parseContentRequest({ type: 'get-paper', id: 'x' })).toBeNull();
    expect(parseContentRequest({ type: 'reveal-paper', id: 42 })).toBeNull();
    expect(parseContentRequest({ type: 'reveal-paper', id: 'x'.repeat(301) })).toBeNull();
  });
});
