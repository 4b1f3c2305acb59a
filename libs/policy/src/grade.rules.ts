import { BadUserInputError } from '@cz/errors';

/** 考核等次: 优秀 / 合格 / 不合格 (Art 19). */
export type Grade = 'EXCELLENT' | 'QUALIFIED' | 'UNQUALIFIED';

/** Lowest total score of each grade, as decimal strings; per-cycle data, these are the defaults. */
export interface GradeCutoffs {
  excellent: string;
  qualified: string;
}

export const DEFAULT_CUTOFFS: Readonly<GradeCutoffs> = Object.freeze({ excellent: '90', qualified: '60' });

const SCORE = /^(\d{1,3})(?:\.(\d{1,2}))?$/;
const MAX_HUNDREDTHS = 100_00;

/**
 * A score of 0–100 with at most two decimals, in hundredths of a point. Comparing integers keeps
 * 89.99 below 90 and 60.00 at 60 exactly, which binary floating point does not promise.
 */
export function scoreInHundredths(field: string, score: string): number {
  const match = SCORE.exec(score);
  const hundredths = match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : NaN;
  if (!(hundredths <= MAX_HUNDREDTHS)) throw new BadUserInputError(field, '分数必须是 0 到 100 之间的数，最多两位小数', { value: score });
  return hundredths;
}

/** Art 19 grading: 以上 includes the cut-off itself (Civil Code art. 1259), so 90.00 is excellent. */
export function gradeOf(totalScore: string, cutoffs: GradeCutoffs = DEFAULT_CUTOFFS): Grade {
  const score = scoreInHundredths('totalScore', totalScore);
  const excellent = scoreInHundredths('cutoffs.excellent', cutoffs.excellent);
  const qualified = scoreInHundredths('cutoffs.qualified', cutoffs.qualified);
  if (qualified > excellent) throw new BadUserInputError('cutoffs.qualified', '合格分数线不能高于优秀分数线');
  if (score >= excellent) return 'EXCELLENT';
  if (score >= qualified) return 'QUALIFIED';
  return 'UNQUALIFIED';
}
