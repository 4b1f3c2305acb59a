import { percentile, summarise, table } from './timings';

describe('benchmark timings', () => {
  it('summarises runs by median and nearest-rank p95', () => {
    const runs = Array.from({ length: 20 }, (_, index) => 20 - index);
    expect(summarise(runs)).toEqual({ runs: 20, median: 10.5, p95: 19, min: 1, max: 20 });
    expect(summarise([3, 1, 2])).toEqual({ runs: 3, median: 2, p95: 3, min: 1, max: 3 });
    expect(percentile([5], 95)).toBe(5);
    expect(() => percentile([], 50)).toThrow('no samples');
  });

  it('pads columns, counting Chinese characters as two', () => {
    expect(table(['query', 'ms'], [['园区', '1.0'], ['fundingYear', '12.5']]).split('\n')).toEqual(['query        ms', '-----------  ----', '园区         1.0', 'fundingYear  12.5']);
  });
});
