/** What a benchmark reports of one case's timed runs, in milliseconds. */
export interface Timings {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** The value at a percentile by the nearest-rank method: p95 of 20 runs is the 19th fastest. */
export function percentile(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) throw new Error('no samples');
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((percent / 100) * sorted.length))) - 1];
}

export function summarise(samples: readonly number[]): Timings {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { runs: sorted.length, median, p95: percentile(sorted, 95), min: sorted[0], max: sorted[sorted.length - 1] };
}

/** A plain-text table, columns padded to their widest cell (CJK characters count double, as terminals show them). */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const width = (text: string) => [...text].reduce((sum, char) => sum + (/[\u2E80-\uFFEF]/.test(char) ? 2 : 1), 0);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => width(row[column] ?? ''))));
  const line = (row: readonly string[]) => row.map((cell, column) => cell + ' '.repeat(widths[column] - width(cell))).join('  ').trimEnd();
  return [line(header), line(widths.map((size) => '-'.repeat(size))), ...rows.map(line)].join('\n');
}
