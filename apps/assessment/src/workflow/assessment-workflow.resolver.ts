import type { AssessmentPhase } from '@cz/policy';
import type { Context } from '../context';
import type { AssessmentEntity } from '../entities/assessment.entity';
import type { AssessmentResolvers } from '../generated/graphql';
import { authorizeOnAssessment, mayOnAssessment, reviewersLoader } from './assessment-access';
import { evidenceOfAssessments } from './evidence-files';
import { rectificationLoader, scoreHistoryLoader, scoresLoader, selfAssessmentLoader } from './workflow-loaders';

/** Scores of a phase reach the park and its county once that phase is graded; the panel's side sees them while scoring. */
function phaseGraded(assessment: AssessmentEntity, phase: AssessmentPhase): boolean {
  if (phase === 'INITIAL') return assessment.initialGrade !== null;
  return assessment.status === 'FINAL' && assessment.initialGrade === 'UNQUALIFIED';
}

/** The template's order of indicators, so a form and a score sheet read like the template. */
async function indicatorOrder(context: Context, assessment: AssessmentEntity): Promise<Map<string, number>> {
  const cycle = assessment.cycleId ? await context.loaders.cycleById.load(assessment.cycleId) : null;
  const template = cycle ? await context.loaders.templateById.load(cycle.templateId) : null;
  return new Map((template?.content.indicators ?? []).map((indicator, index) => [indicator.code, index]));
}

const inTemplateOrder = <T extends { indicatorCode: string }>(rows: readonly T[], order: Map<string, number>): T[] =>
  [...rows].sort((a, b) => (order.get(a.indicatorCode) ?? Infinity) - (order.get(b.indicatorCode) ?? Infinity) || a.indicatorCode.localeCompare(b.indicatorCode));

export const Assessment: AssessmentResolvers = {
  selfAssessment: async (assessment, _args, context) => {
    // The files of every entry of the request's assessments cost one statement.
    const [entries, order, cited] = await Promise.all([selfAssessmentLoader(context).load(assessment.id), indicatorOrder(context, assessment), evidenceOfAssessments(context).load(assessment.id)]);
    return inTemplateOrder(entries, order).map((entry) => ({ ...entry, evidenceFiles: cited.filter((each) => each.indicatorCode === entry.indicatorCode).map((each) => each.file) }));
  },

  scores: async (assessment, { phase }, context) => {
    await authorizeOnAssessment(context, 'assessment.scores.read', assessment);
    const [rows, order, panelSide] = await Promise.all([scoresLoader(context).load(assessment.id), indicatorOrder(context, assessment), mayOnAssessment(context, 'assessment.scoring.read', assessment)]);
    const visible = rows.filter((row) => (phase == null || row.phase === phase) && (panelSide || phaseGraded(assessment, row.phase)));
    return ['INITIAL', 'REASSESSMENT'].flatMap((each) => inTemplateOrder(visible.filter((row) => row.phase === each), order));
  },

  scoreHistory: async (assessment, _args, context) => {
    await authorizeOnAssessment(context, 'assessment.scoring.read', assessment);
    return scoreHistoryLoader(context).load(assessment.id);
  },

  reviewers: async (assessment, _args, context) => {
    await authorizeOnAssessment(context, 'assessment.scoring.read', assessment);
    return reviewersLoader(context).load(assessment.id);
  },

  rectification: (assessment, _args, context) => rectificationLoader(context).load(assessment.id),
};
