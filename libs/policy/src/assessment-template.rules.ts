import { BadUserInputError } from '@cz/errors';
import { type Grade, type GradeCutoffs, DEFAULT_CUTOFFS, gradeOf, scoreInHundredths } from './grade.rules';
import { text } from './input.rules';

/** The three dimensions of Art 19. */
export type AssessmentDimension = 'ECONOMIC_DEVELOPMENT' | 'ROLE_PLAYED' | 'OPERATIONS_MANAGEMENT';
export const ASSESSMENT_DIMENSIONS: readonly AssessmentDimension[] = ['ECONOMIC_DEVELOPMENT', 'ROLE_PLAYED', 'OPERATIONS_MANAGEMENT'];

export const DIMENSION_NAMES: Readonly<Record<AssessmentDimension, string>> = {
  ECONOMIC_DEVELOPMENT: '经济发展情况',
  ROLE_PLAYED: '作用发挥情况',
  OPERATIONS_MANAGEMENT: '运营管理水平',
};

/**
 * One indicator of a cycle's template. A reviewer scores it from 0 to `maxScore`; it contributes
 * score ÷ maxScore × `weight` points to the total. Scores, maxima and weights are decimal strings
 * with at most two places, like every score here.
 */
export interface AssessmentIndicator {
  /** Stable within a template, e.g. "E1"; 1–20 letters, digits, '-' or '_'. */
  code: string;
  dimension: AssessmentDimension;
  name: string;
  /** What the reviewer looks at, for the self-assessment form and the score sheet. */
  description: string;
  maxScore: string;
  weight: string;
}

/** What a cycle is assessed against: its indicators and its grade cut-offs (per-cycle data, Art 19). */
export interface AssessmentTemplateContent {
  indicators: readonly AssessmentIndicator[];
  cutoffs: GradeCutoffs;
}

/** The weights add up to this many points: a total is out of 100, like the cut-offs. */
export const TOTAL_POINTS = '100';

const CODE = /^[A-Za-z0-9_-]{1,20}$/;

const indicator = (code: string, dimension: AssessmentDimension, name: string, description: string, points: string): AssessmentIndicator => ({ code, dimension, name, description, maxScore: points, weight: points });

/**
 * The default template, from the wording of Art 19. Each indicator is scored in points directly
 * (maximum = weight); the bureau replaces it with its own for a cycle as data.
 */
export const DEFAULT_ASSESSMENT_TEMPLATE: AssessmentTemplateContent = Object.freeze({
  indicators: Object.freeze([
    indicator('E1', 'ECONOMIC_DEVELOPMENT', '入驻企业发展现状', '入驻机构数量、营业收入（含代收代付）及其结构', '10'),
    indicator('E2', 'ECONOMIC_DEVELOPMENT', '发展速度', '营业收入、入驻机构数量较上年度的增长', '10'),
    indicator('E3', 'ECONOMIC_DEVELOPMENT', '发展质量', '纳税、利润、规模以上机构占比等', '10'),
    indicator('E4', 'ECONOMIC_DEVELOPMENT', '创新发展', '新业态、新模式、数字化服务等', '10'),
    indicator('R1', 'ROLE_PLAYED', '服务发展战略', '服务国家和省、市发展战略情况', '10'),
    indicator('R2', 'ROLE_PLAYED', '价值导向', '坚持正确价值导向、诚信经营情况', '5'),
    indicator('R3', 'ROLE_PLAYED', '促进就业', '促进就业人数、就业服务成效', '10'),
    indicator('R4', 'ROLE_PLAYED', '人才引进', '引进、培育人才情况', '10'),
    indicator('O1', 'OPERATIONS_MANAGEMENT', '服务体系建设', '运营管理机构、制度和公共服务体系建设情况', '15'),
    indicator('O2', 'OPERATIONS_MANAGEMENT', '安全管理', '安全生产、信息安全和个人信息保护等管理情况', '10'),
  ]) as readonly AssessmentIndicator[],
  cutoffs: DEFAULT_CUTOFFS,
}) as AssessmentTemplateContent;

/** Positive hundredths of a point, from a decimal string with at most two places. */
function points(field: string, value: string): number {
  const hundredths = scoreInHundredths(field, value);
  if (hundredths === 0) throw new BadUserInputError(field, '必须大于 0', { value });
  return hundredths;
}

/**
 * A template is usable when every indicator is well formed, codes are unique, every dimension of
 * Art 19 has at least one indicator, the weights add up to exactly 100 points and the cut-offs
 * are ordered. Errors name the field as the input spells it (`indicators.3.weight`).
 */
export function validateAssessmentTemplate(content: AssessmentTemplateContent): AssessmentTemplateContent {
  const indicators = content?.indicators;
  if (!Array.isArray(indicators) || indicators.length === 0) throw new BadUserInputError('indicators', '考核指标不能为空');
  if (indicators.length > 100) throw new BadUserInputError('indicators', '考核指标最多 100 项', { count: indicators.length });
  const seen = new Set<string>();
  let weightTotal = 0;
  indicators.forEach((item, index) => {
    const at = `indicators.${index}`;
    if (typeof item?.code !== 'string' || !CODE.test(item.code)) throw new BadUserInputError(`${at}.code`, '指标编号为 1–20 个字母、数字、- 或 _', { value: item?.code });
    if (seen.has(item.code)) throw new BadUserInputError(`${at}.code`, `指标编号 ${item.code} 重复`, { value: item.code });
    seen.add(item.code);
    if (!ASSESSMENT_DIMENSIONS.includes(item.dimension)) throw new BadUserInputError(`${at}.dimension`, '考核维度必须是第十九条规定的三个维度之一', { value: item.dimension });
    // The shared text rule: besides the lengths, no control characters (PostgreSQL refuses \u0000 in the jsonb content).
    text(`${at}.name`, item.name, '指标名称', { min: 1, max: 100 });
    text(`${at}.description`, item.description, '指标说明', { min: 0, max: 500, multiline: true });
    points(`${at}.maxScore`, item.maxScore);
    weightTotal += points(`${at}.weight`, item.weight);
  });
  for (const dimension of ASSESSMENT_DIMENSIONS) {
    if (!indicators.some((item) => item.dimension === dimension)) throw new BadUserInputError('indicators', `缺少“${DIMENSION_NAMES[dimension]}”维度的指标`, { dimension });
  }
  const total = scoreInHundredths('indicators', TOTAL_POINTS);
  if (weightTotal !== total) throw new BadUserInputError('indicators', `各指标权重合计应为 ${TOTAL_POINTS} 分，现为 ${formatHundredths(weightTotal)} 分`, { weightTotal: formatHundredths(weightTotal) });
  if (typeof content.cutoffs !== 'object' || content.cutoffs === null) throw new BadUserInputError('cutoffs', '须设定优秀和合格分数线');
  // gradeOf checks the cut-offs' form and order.
  gradeOf('0', content.cutoffs);
  return content;
}

function formatHundredths(hundredths: bigint | number): string {
  const value = BigInt(hundredths);
  return `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`;
}

export interface AssessmentTotal {
  /** Two decimal places, e.g. "87.50". */
  totalScore: string;
  grade: Grade;
  /** Points per dimension, two places each; they add up to the total before its rounding. */
  byDimension: Record<AssessmentDimension, string>;
}

/** Half up to hundredths of an exact fraction of hundredths. */
const roundHalfUp = (numerator: bigint, denominator: bigint): bigint => (2n * numerator + denominator) / (2n * denominator);

/**
 * Art 19 total: Σ score ÷ maxScore × weight over every indicator, computed exactly as a fraction
 * and rounded half up to two places once, at the end, so 59.995 is 60.00 and never 59.99 by the
 * accident of a float; the grade follows from the cycle's cut-offs. Every indicator must be scored
 * (BAD_USER_INPUT on `scores.<code>` otherwise); a score above its maximum is refused.
 */
export function computeAssessmentTotal(content: AssessmentTemplateContent, scores: Readonly<Record<string, string>>): AssessmentTotal {
  let numerator = 0n;
  let denominator = 1n;
  const dimension: Record<AssessmentDimension, { n: bigint; d: bigint }> = {
    ECONOMIC_DEVELOPMENT: { n: 0n, d: 1n },
    ROLE_PLAYED: { n: 0n, d: 1n },
    OPERATIONS_MANAGEMENT: { n: 0n, d: 1n },
  };
  const add = (sum: { n: bigint; d: bigint }, n: bigint, d: bigint) => {
    sum.n = sum.n * d + n * sum.d;
    sum.d *= d;
  };
  for (const item of content.indicators) {
    const raw = scores[item.code];
    if (raw === undefined || raw === null) throw new BadUserInputError(`scores.${item.code}`, `指标“${item.name}”尚未评分`, { indicator: item.code });
    const score = BigInt(scoreInHundredths(`scores.${item.code}`, raw));
    const max = BigInt(points(`indicators.${item.code}.maxScore`, item.maxScore));
    const weight = BigInt(points(`indicators.${item.code}.weight`, item.weight));
    if (score > max) throw new BadUserInputError(`scores.${item.code}`, `指标“${item.name}”的得分不能超过满分 ${item.maxScore}`, { value: raw, maxScore: item.maxScore });
    // score/max × weight in hundredths: (score × weight) / max, still in hundredths.
    const total = { n: numerator, d: denominator };
    add(total, score * weight, max);
    numerator = total.n;
    denominator = total.d;
    add(dimension[item.dimension], score * weight, max);
  }
  const totalScore = formatHundredths(roundHalfUp(numerator, denominator));
  return {
    totalScore,
    grade: gradeOf(totalScore, content.cutoffs),
    byDimension: {
      ECONOMIC_DEVELOPMENT: formatHundredths(roundHalfUp(dimension.ECONOMIC_DEVELOPMENT.n, dimension.ECONOMIC_DEVELOPMENT.d)),
      ROLE_PLAYED: formatHundredths(roundHalfUp(dimension.ROLE_PLAYED.n, dimension.ROLE_PLAYED.d)),
      OPERATIONS_MANAGEMENT: formatHundredths(roundHalfUp(dimension.OPERATIONS_MANAGEMENT.n, dimension.OPERATIONS_MANAGEMENT.d)),
    },
  };
}

/**
 * A template is data the cycle is judged by: once a cycle uses it, changing it would change the
 * rules under the parks being assessed. CONFLICT-worthy, so the caller raises it; this names it.
 */
export function templateChangeRefusal(usedByCycleYears: readonly number[]): string | null {
  if (usedByCycleYears.length === 0) return null;
  return `该指标模板已用于 ${[...usedByCycleYears].sort((a, b) => a - b).join('、')} 年度考核周期，不能修改；请新建模板`;
}

export type AssessmentPhase = 'INITIAL' | 'REASSESSMENT';

/** What Art 20 makes of a grade. */
export interface AssessmentConsequences {
  /** FINAL: the cycle's grade is decided; RECTIFICATION_ORDERED: a re-assessment follows a rectification. */
  outcome: 'FINAL' | 'RECTIFICATION_ORDERED';
  /** 全市通报表扬 and the list recommended for provincial-level application (Art 20(一)). */
  commended: boolean;
  subsidy: 'RELEASED' | 'HELD' | 'CANCELLED';
}

/**
 * Art 20: qualified or better → the year's subsidy is released (excellent also commended and
 * recommended to the province); unqualified at the first assessment → rectification within a
 * deadline, subsidy held; unqualified again at the re-assessment → final, subsidy cancelled.
 */
export function consequencesOf(phase: AssessmentPhase, grade: Grade): AssessmentConsequences {
  if (grade !== 'UNQUALIFIED') return { outcome: 'FINAL', commended: grade === 'EXCELLENT', subsidy: 'RELEASED' };
  if (phase === 'INITIAL') return { outcome: 'RECTIFICATION_ORDERED', commended: false, subsidy: 'HELD' };
  return { outcome: 'FINAL', commended: false, subsidy: 'CANCELLED' };
}

/**
 * Art 20(二): 连续两次考核评估为不合格等次 → revocation. "Consecutive" is two yearly cycles in a
 * row (year − 1 and year), each by its final grade; a year without an assessment breaks the run.
 */
export function revocationDue(year: number, finalGrade: Grade, finalGradesByYear: Readonly<Record<number, Grade | undefined>>): boolean {
  return finalGrade === 'UNQUALIFIED' && finalGradesByYear[year - 1] === 'UNQUALIFIED';
}
