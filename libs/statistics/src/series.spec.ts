import { shareOf } from './figures';
import { pairsOf, spanOf, withZeros, yearsOf } from './series';

describe('series helpers', () => {
  it('lists every year of a range, and none of an empty one', () => {
    expect(yearsOf({ fromYear: 2022, toYear: 2025 })).toEqual([2022, 2023, 2024, 2025]);
    expect(yearsOf({ fromYear: 2024, toYear: 2024 })).toEqual([2024]);
    expect(yearsOf({ fromYear: 2025, toYear: 2024 })).toEqual([]);
  });

  it('spans the years that occur, whatever their order', () => {
    expect(spanOf([2023, 2019, 2021])).toEqual({ fromYear: 2019, toYear: 2023 });
    expect(spanOf([])).toBeNull();
  });

  it('pairs two lists first by the first', () => {
    expect(pairsOf([2024, 2025], ['A', 'B'])).toEqual([
      [2024, 'A'],
      [2024, 'B'],
      [2025, 'A'],
      [2025, 'B'],
    ]);
  });

  it('gives every expected key a row, in the keys’ order, zero where the database grouped none', () => {
    const rows = [
      { year: 2025, count: 3 },
      { year: 2023, count: 1 },
      { year: 2030, count: 9 },
    ];
    const filled = withZeros(
      [2023, 2024, 2025],
      rows,
      (row) => `${row.year}`,
      (year) => `${year}`,
      (year) => ({ year, count: 0 }),
    );
    // Keys not asked for (2030) are left out; the zero row is new, the others are the database's.
    expect(filled).toEqual([
      { year: 2023, count: 1 },
      { year: 2024, count: 0 },
      { year: 2025, count: 3 },
    ]);
    expect(filled[0]).toBe(rows[1]);
  });
});

describe('shares', () => {
  it('rounds a fraction to four places by default', () => {
    expect(shareOf(26, 40)).toBe(0.65);
    expect(shareOf('2', '3')).toBe(0.6667);
    expect(shareOf(1, 3, 2)).toBe(0.33);
    expect(shareOf('25.00', '25')).toBe(1);
  });

  it('has no share of nothing', () => {
    expect(shareOf(5, 0)).toBeNull();
    expect(shareOf(null, 10)).toBeNull();
    expect(shareOf(3, null)).toBeNull();
  });
});
