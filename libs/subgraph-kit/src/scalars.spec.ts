import { DateScalar, FIRST_DAY, LAST_DAY, parseDate } from './scalars';

describe('Date scalar', () => {
  it.each(['2026-02-28', '2028-02-29', FIRST_DAY, LAST_DAY])('takes the real day %s', (day) => {
    expect(parseDate(day)).toBe(day);
  });

  it.each(['2026-02-30', '2026-13-01', '0000-00-00', '2026-1-1', '20260101', '2026-01-01T00:00:00Z', '', 20260101, null])('refuses %p as no day at all', (value) => {
    expect(() => parseDate(value)).toThrow('日期格式必须是 YYYY-MM-DD，且须是真实存在的日期');
  });

  // PostgreSQL has no year 0, and 9999-12-31 is a typing mistake rather than a deadline.
  it.each(['0000-01-01', '0001-01-01', '1899-12-31', '2101-01-01', '9999-12-31'])('refuses %s outside the platform range', (day) => {
    expect(() => parseDate(day)).toThrow(`日期必须在 ${FIRST_DAY} 至 ${LAST_DAY} 之间`);
  });

  it('marks a refusal as bad user input', () => {
    expect(() => parseDate('99999-01-01')).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });

  it('serialises stored days as they are, and a resolver bug as an (internal) error', () => {
    expect(DateScalar.serialize(new Date('2026-03-02T00:00:00Z'))).toBe('2026-03-02');
    expect(DateScalar.serialize('2026-03-02')).toBe('2026-03-02');
    expect(() => DateScalar.serialize('tomorrow')).toThrow(expect.objectContaining({ extensions: {} }));
  });
});
