/**
 * The one binary search of the code base. Sorted tables (title keys, names, ids, line starts)
 * are searched in place rather than copied into maps, which is what keeps the index small.
 */

/**
 * The first position in [lo, hi) where `isBefore` turns false, given that it is true for a
 * prefix of the range and false after it (hi when it is true everywhere).
 */
export function partitionPoint(lo: number, hi: number, isBefore: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position in `sorted` whose value is not less than `value`. */
export function lowerBound<T extends string | number>(sorted: ArrayLike<T>, value: T, from = 0): number {
  return partitionPoint(from, sorted.length, (i) => sorted[i]! < value);
}

/** The first position in `sorted` whose value is greater than `value`. */
export function upperBound<T extends string | number>(sorted: ArrayLike<T>, value: T): number {
  return partitionPoint(0, sorted.length, (i) => sorted[i]! <= value);
}
