/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), stopping early
 * once the distance must exceed `limit`; returns limit + 1 then.
 */
// Rows reused across calls: the fuzzy rule calls this thousands of times a query, and fresh
// arrays each time kept the garbage collector busy.
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function boundedEditDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (rows[0]!.length <= m) rows = [new Int32Array(m * 2), new Int32Array(m * 2), new Int32Array(m * 2)];
  let [prevPrev, prev, curr] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    curr[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prevPrev[j - 2]! + 1);
      curr[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prevPrev, prev, curr] = [prev, curr, prevPrev];
  }
  return Math.min(prev[m]!, limit + 1);
}
