import type { Grade } from '@cz/policy';
import type { LatestAssessmentResult } from './assessment-results';

const GRADE_NAMES: Readonly<Record<Grade, string>> = { EXCELLENT: '优秀', QUALIFIED: '合格', UNQUALIFIED: '不合格' };

/** Why the assessment puts a subsidy where it is, in the words a park and an auditor read (Art 20). */
export function assessmentReason(year: number, result: LatestAssessmentResult | null): string {
  if (!result) return `待 ${year} 年度考核评估结果确定后拨付（第二十条）。`;
  const graded = `${year} 年度考核评估${result.phase === 'REASSESSMENT' ? '复评' : ''}${GRADE_NAMES[result.grade]}（${result.totalScore} 分，${result.gradedOn}）`;
  if (result.outcome === 'RECTIFICATION_ORDERED') return `${graded}，责令整改${result.rectificationDeadline ? `至 ${result.rectificationDeadline}` : ''}，整改期间暂缓拨付（第二十条）。`;
  return result.grade === 'UNQUALIFIED' ? `${graded}，取消该年度运营补助（第二十条）。` : `${graded}，予以拨付（第二十条第一项）。`;
}

export const REVOCATION_REASON = '园区已被取消市级人力资源服务产业园资格，不再享受新的资金支持（第二十条第二项）。';
