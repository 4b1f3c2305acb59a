import { longestGapMs } from './cron';

describe('cron gaps', () => {
  it('measures a regular pattern by its interval', () => {
    expect(longestGapMs('*/1 * * * *')).toBe(60_000);
    expect(longestGapMs('*/1 * * * * *')).toBe(1000);
  });

  it('measures an uneven pattern by its longest stretch', () => {
    expect(longestGapMs('0,45 * * * * *')).toBe(45_000);
  });
});
