import { BadUserInputError } from '@cz/errors';
import { gradeOf } from './grade.rules';

describe('gradeOf (Art 19: ≥ 90 优秀, ≥ 60 合格, else 不合格)', () => {
  it.each([
    ['0', 'UNQUALIFIED'],
    ['59.99', 'UNQUALIFIED'],
    ['60.00', 'QUALIFIED'],
    ['60', 'QUALIFIED'],
    ['89.99', 'QUALIFIED'],
    ['90.00', 'EXCELLENT'],
    ['90.0', 'EXCELLENT'],
    ['100', 'EXCELLENT'],
    ['100.00', 'EXCELLENT'],
  ])('grades %s as %s', (score, grade) => {
    expect(gradeOf(score)).toBe(grade);
  });

  it.each(['abc', '100.001', '-1', '100.01', '101', '', ' 90', '90.', '.5', '1e2', '0x5A'])('refuses the malformed score "%s"', (score) => {
    expect(() => gradeOf(score)).toThrow(BadUserInputError);
  });

  it('follows the cycle’s own cut-offs, also with decimals', () => {
    const cutoffs = { excellent: '85.5', qualified: '70' };
    expect(gradeOf('85.49', cutoffs)).toBe('QUALIFIED');
    expect(gradeOf('85.50', cutoffs)).toBe('EXCELLENT');
    expect(gradeOf('69.99', cutoffs)).toBe('UNQUALIFIED');
  });

  it('refuses cut-offs where qualified lies above excellent', () => {
    expect(() => gradeOf('80', { excellent: '60', qualified: '90' })).toThrow(BadUserInputError);
  });
});
