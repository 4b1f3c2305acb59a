import { guardedUpdate } from '@cz/db';
import { ConflictError } from '@cz/errors';
import { requiredText } from '@cz/policy';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { AssessmentEntity } from '../entities/assessment.entity';
import { requireAssessment, reviewersLoader } from './assessment-access';
import { changeAssessment, requireStatus, updateAssessment } from './assessment-lock';
import { notifyAboutAssessment } from './assessment-notifications';

/**
 * 提交整改报告: the park reports on its rectification, and the reviewers score the re-assessment.
 * A late report is still taken: the deadline job's overdue flag stays on the record for the bureau.
 */
export async function submitRectificationReport(context: Context, assessmentId: string, expectedVersion: number, reportInput: string): Promise<AssessmentEntity> {
  const report = requiredText('report', reportInput, '整改报告', 20000, true);
  const { park } = await requireAssessment(context, 'assessment.rectification.report', assessmentId);
  const reviewers = await reviewersLoader(context).load(assessmentId);
  return changeAssessment(context, assessmentId, 'assessment.rectification.report', 'UPDATE', async (manager, assessment) => {
    requireStatus(assessment, ['RECTIFYING'], expectedVersion);
    const now = context.now();
    const reported = await guardedUpdate(
      manager,
      `UPDATE "${SCHEMA}"."rectification" SET "status" = 'SUBMITTED', "report" = $2, "submitted_at" = $3, "version" = "version" + 1, "updated_at" = $3 WHERE "assessment_id" = $1 AND "status" = 'OPEN'`,
      [assessmentId, report, now],
    );
    if (reported === 0) throw new ConflictError('整改报告已提交', { assessmentId });
    await updateAssessment(manager, context, assessment, { status: 'REASSESSING' });
    const body = `${park.name}已提交 ${assessment.year} 年度考核评估的整改报告，请进行整改后复评。`;
    await notifyAboutAssessment(manager, assessment, [
      { action: 'rectificationReported.city', audience: { role: 'CITY_BUREAU' }, title: `整改报告待复评：${park.name}`, body },
      ...reviewers.map((reviewer) => ({ action: `rectificationReported.${reviewer.subject}`, audience: { role: 'REVIEWER' as const, subject: reviewer.subject }, title: `整改报告待复评：${park.name}`, body })),
    ]);
    return { status: [assessment.status, 'REASSESSING'], rectification: 'reported' };
  });
}
