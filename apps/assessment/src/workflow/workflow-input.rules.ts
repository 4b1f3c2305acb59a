import { BadUserInputError } from '@cz/errors';
import { type AssessmentIndicator, type AssessmentTemplateContent, requiredText, scoreInHundredths, text } from '@cz/policy';
import type { AssessmentReviewerInput, AssessmentTemplateInput, IndicatorScoreInput, SelfAssessmentEntryInput } from '../generated/graphql';
import type { SelfAssessmentFigure } from './entities/self-assessment-entry.entity';

const MAX_FIGURES = 20;
const MAX_EVIDENCE = 20;
const MAX_REVIEWERS = 20;

export interface ValidTemplate {
  code: string;
  title: string;
  content: AssessmentTemplateContent;
}

/** A template input as stored; the content's own rules (weights, dimensions, cut-offs) live in libs/policy. */
export function validTemplate(input: AssessmentTemplateInput, validateContent: (content: AssessmentTemplateContent) => AssessmentTemplateContent): ValidTemplate {
  const code = text('code', input.code, '模板编号', { min: 1, max: 40 });
  const title = requiredText('title', input.title, '模板名称', 200);
  const content: AssessmentTemplateContent = {
    indicators: input.indicators.map(({ code: indicatorCode, dimension, name, description, maxScore, weight }) => ({ code: indicatorCode, dimension, name, description, maxScore, weight })),
    cutoffs: { excellent: input.cutoffs.excellent, qualified: input.cutoffs.qualified },
  };
  return { code, title, content: validateContent(content) };
}

export interface ValidEntry {
  indicatorCode: string;
  figures: SelfAssessmentFigure[];
  narrative: string;
  /** Checked against the park's files by the caller, in the transaction. */
  evidenceFileIds: string[];
}

/** Self-assessment entries, each for an indicator of the cycle's template, at most one per indicator. */
export function validEntries(entries: readonly SelfAssessmentEntryInput[], template: AssessmentTemplateContent): ValidEntry[] {
  if (entries.length === 0) throw new BadUserInputError('entries', '至少填写一项指标的自评');
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const at = `entries.${index}`;
    if (!template.indicators.some((indicator) => indicator.code === entry.indicatorCode)) throw new BadUserInputError(`${at}.indicatorCode`, `本周期的指标模板中没有指标 ${entry.indicatorCode}`, { value: entry.indicatorCode });
    if (seen.has(entry.indicatorCode)) throw new BadUserInputError(`${at}.indicatorCode`, `指标 ${entry.indicatorCode} 重复填写`, { value: entry.indicatorCode });
    seen.add(entry.indicatorCode);
    if (entry.figures.length > MAX_FIGURES) throw new BadUserInputError(`${at}.figures`, `每项指标最多填写 ${MAX_FIGURES} 项数据`, { max: MAX_FIGURES });
    if (entry.evidenceFileIds.length > MAX_EVIDENCE) throw new BadUserInputError(`${at}.evidenceFileIds`, `每项指标最多 ${MAX_EVIDENCE} 个佐证材料文件`, { max: MAX_EVIDENCE });
    return {
      indicatorCode: entry.indicatorCode,
      figures: entry.figures.map((figure, f) => ({
        name: requiredText(`${at}.figures.${f}.name`, figure.name, '数据名称', 100),
        value: requiredText(`${at}.figures.${f}.value`, figure.value, '数值', 50),
        unit: figure.unit ? text(`${at}.figures.${f}.unit`, figure.unit, '单位', { min: 0, max: 20 }) || null : null,
      })),
      narrative: requiredText(`${at}.narrative`, entry.narrative, '自评说明', 5000, true),
      evidenceFileIds: [...entry.evidenceFileIds],
    };
  });
}

export interface ValidReviewer {
  subject: string;
  name: string;
  lead: boolean;
}

export function validReviewers(reviewers: readonly AssessmentReviewerInput[]): ValidReviewer[] {
  if (reviewers.length === 0) throw new BadUserInputError('reviewers', '至少指派一名评审专家');
  if (reviewers.length > MAX_REVIEWERS) throw new BadUserInputError('reviewers', `一次最多指派 ${MAX_REVIEWERS} 名评审专家`, { max: MAX_REVIEWERS });
  const subjects = new Set<string>();
  const valid = reviewers.map((reviewer, index) => {
    const subject = text(`reviewers.${index}.subject`, reviewer.subject, '评审专家用户 ID', { min: 1, max: 100 });
    if (subjects.has(subject)) throw new BadUserInputError(`reviewers.${index}.subject`, '评审专家重复', { value: subject });
    subjects.add(subject);
    return { subject, name: text(`reviewers.${index}.name`, reviewer.name, '姓名', { min: 1, max: 50 }), lead: reviewer.lead === true };
  });
  if (valid.filter((reviewer) => reviewer.lead).length > 1) throw new BadUserInputError('reviewers', '评审组长只能有一名');
  return valid;
}

export interface ValidScore {
  indicator: AssessmentIndicator;
  score: string;
  justification: string;
  reason: string | null;
}

/** One indicator's score: 0 to the indicator's maximum, two decimals at most, always with a justification. */
export function validScore(input: IndicatorScoreInput, template: AssessmentTemplateContent): ValidScore {
  const indicator = template.indicators.find((candidate) => candidate.code === input.indicatorCode);
  if (!indicator) throw new BadUserInputError('input.indicatorCode', `本周期的指标模板中没有指标 ${input.indicatorCode}`, { value: input.indicatorCode });
  const score = scoreInHundredths('input.score', input.score);
  if (score > scoreInHundredths('maxScore', indicator.maxScore)) {
    throw new BadUserInputError('input.score', `指标“${indicator.name}”的得分不能超过满分 ${indicator.maxScore}`, { value: input.score, maxScore: indicator.maxScore });
  }
  return {
    indicator,
    score: `${Math.floor(score / 100)}.${String(score % 100).padStart(2, '0')}`,
    justification: requiredText('input.justification', input.justification, '评分理由', 2000, true),
    reason: input.reason == null || input.reason.trim() === '' ? null : requiredText('input.reason', input.reason, '修改原因', 500, true),
  };
}
