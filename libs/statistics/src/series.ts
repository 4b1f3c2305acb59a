import type { YearRange } from './statistics-filter';

/** Every year of the range, ascending. */
export function yearsOf({ fromYear, toYear }: YearRange): number[] {
  return Array.from({ length: Math.max(0, toYear - fromYear + 1) }, (_, index) => fromYear + index);
}

/** The smallest range holding every one of `years` (a trend from its first event to its last), or null for none. */
export function spanOf(years: readonly number[]): YearRange | null {
  if (years.length === 0) return null;
  return { fromYear: Math.min(...years), toYear: Math.max(...years) };
}

/** Every pair of the two lists, in the order of the first and then the second (year × stage, year × dimension). */
export function pairsOf<A, B>(first: readonly A[], second: readonly B[]): Array<[A, B]> {
  return first.flatMap((a) => second.map((b): [A, B] => [a, b]));
}

/**
 * One row per expected key, in the keys' order: the row the database grouped for it, or `zero(key)`
 * where it grouped none. GROUP BY only yields what exists; a chart or an export needs the empty
 * years and stages too, and the figures never come from anywhere but SQL.
 */
export function withZeros<K, R>(keys: readonly K[], rows: readonly R[], keyOfRow: (row: R) => string, keyOf: (key: K) => string, zero: (key: K) => R): R[] {
  const byKey = new Map(rows.map((row) => [keyOfRow(row), row]));
  return keys.map((key) => byKey.get(keyOf(key)) ?? zero(key));
}
