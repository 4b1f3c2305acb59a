import { shanghaiDate } from './shanghai-time';

describe('shanghaiDate', () => {
  it('rolls over at midnight Beijing time, not UTC', () => {
    expect(shanghaiDate(new Date('2026-09-27T15:59:59Z'))).toBe('2026-09-27');
    expect(shanghaiDate(new Date('2026-09-27T16:00:00Z'))).toBe('2026-09-28');
  });
});
