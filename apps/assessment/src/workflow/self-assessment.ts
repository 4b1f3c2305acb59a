import { shanghaiDate } from '@cz/calendar';
import { BadUserInputError, ConflictError } from '@cz/errors';
import { requiredText } from '@cz/policy';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { AssessmentEntity } from '../entities/assessment.entity';
import type { SelfAssessmentDecision, SelfAssessmentEntryInput } from '../generated/graphql';
import { requireAssessment } from './assessment-access';
import { changeAssessment, cycleAndTemplate, requireStatus, updateAssessment } from './assessment-lock';
import { notifyAboutAssessment } from './assessment-notifications';
import { citedEvidence, replaceEntryEvidence } from './evidence-files';
import { validEntries } from './workflow-input.rules';

/** 保存自评草稿: the park's entries, overwritten per indicator, while the assessment is open. */
export async function saveSelfAssessment(context: Context, assessmentId: string, input: readonly SelfAssessmentEntryInput[]): Promise<AssessmentEntity> {
  await requireAssessment(context, 'assessment.self-assess', assessmentId);
  return changeAssessment(context, assessmentId, 'assessment.self-assessment.save', 'SHARE', async (manager, assessment) => {
    requireStatus(assessment, ['OPEN']);
    const { template } = await cycleAndTemplate(manager, assessment);
    const entries = validEntries(input, template);
    // Every entry's files are checked before anything is written.
    for (const [index, entry] of entries.entries()) await citedEvidence(manager, `entries.${index}.evidenceFileIds`, entry.evidenceFileIds, assessment.parkId);
    for (const entry of entries) {
      await manager.query(
        `INSERT INTO "${SCHEMA}"."self_assessment_entry" ("assessment_id", "indicator_code", "figures", "narrative", "updated_by", "updated_at") VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ("assessment_id", "indicator_code") DO UPDATE SET "figures" = EXCLUDED."figures", "narrative" = EXCLUDED."narrative", "updated_by" = EXCLUDED."updated_by", "updated_at" = EXCLUDED."updated_at"`,
        [assessmentId, entry.indicatorCode, JSON.stringify(entry.figures), entry.narrative, context.identity.subject, context.now()],
      );
      await replaceEntryEvidence(manager, assessmentId, entry.indicatorCode, entry.evidenceFileIds);
    }
    return { selfAssessment: entries.map((entry) => entry.indicatorCode), evidenceFileIds: Object.fromEntries(entries.map((entry) => [entry.indicatorCode, entry.evidenceFileIds])) };
  });
}

/**
 * 提交自评: before 24:00 Beijing time of the cycle's submission deadline, with an entry for every
 * indicator of the template. The county bureau is asked to check it.
 */
export async function submitSelfAssessment(context: Context, assessmentId: string, expectedVersion: number): Promise<AssessmentEntity> {
  const { park } = await requireAssessment(context, 'assessment.self-assess', assessmentId);
  return changeAssessment(context, assessmentId, 'assessment.self-assessment.submit', 'UPDATE', async (manager, assessment) => {
    requireStatus(assessment, ['OPEN'], expectedVersion);
    const { cycle, template } = await cycleAndTemplate(manager, assessment);
    const today = shanghaiDate(context.now());
    if (today > cycle.submissionDeadline) {
      throw new ConflictError(`自评提交截止日为 ${cycle.submissionDeadline}（当日 24:00），已过期，不能再提交`, { submissionDeadline: cycle.submissionDeadline, today });
    }
    const entered: Array<{ indicator_code: string }> = await manager.query(`SELECT "indicator_code" FROM "${SCHEMA}"."self_assessment_entry" WHERE "assessment_id" = $1`, [assessmentId]);
    const codes = new Set(entered.map((row) => row.indicator_code));
    const missing = template.indicators.find((indicator) => !codes.has(indicator.code));
    if (missing) throw new BadUserInputError(`entries.${missing.code}`, `指标“${missing.name}”尚未填写自评`, { indicator: missing.code });
    const now = context.now();
    await updateAssessment(manager, context, assessment, { status: 'SELF_ASSESSED', submitted_at: now });
    await notifyAboutAssessment(manager, assessment, [
      {
        action: 'selfAssessmentSubmitted',
        audience: { role: 'COUNTY_BUREAU', countyCode: park.countyCode },
        title: `考核自评待审核：${park.name}`,
        body: `${park.name}已提交 ${assessment.year} 年度考核评估自评，请审核。`,
      },
    ]);
    return { status: [assessment.status, 'SELF_ASSESSED'] };
  });
}

/** 县区审核自评: accepted → scoring may begin; returned with a reason → the park corrects and submits again. */
export async function checkSelfAssessment(context: Context, assessmentId: string, expectedVersion: number, decision: SelfAssessmentDecision, reasonInput: string | null | undefined): Promise<AssessmentEntity> {
  const reason = decision === 'RETURN' ? requiredText('reason', reasonInput ?? '', '退回理由', 500, true) : null;
  const { park } = await requireAssessment(context, 'assessment.check', assessmentId);
  return changeAssessment(context, assessmentId, 'assessment.self-assessment.check', 'UPDATE', async (manager, assessment) => {
    requireStatus(assessment, ['SELF_ASSESSED'], expectedVersion);
    if (reason === null) {
      await updateAssessment(manager, context, assessment, { status: 'CHECKED', checked_at: context.now(), checked_by: context.identity.subject });
      await notifyAboutAssessment(manager, assessment, [
        { action: 'selfAssessmentAccepted', audience: { role: 'CITY_BUREAU' }, title: `考核自评已审核：${park.name}`, body: `${park.name} ${assessment.year} 年度自评已经县区审核通过，可指派评审专家评分。` },
      ]);
      return { status: [assessment.status, 'CHECKED'] };
    }
    await updateAssessment(manager, context, assessment, { status: 'OPEN', return_reason: reason });
    await notifyAboutAssessment(manager, assessment, [
      { action: 'selfAssessmentReturned', audience: { role: 'PARK_OPERATOR', parkId: park.parkId }, title: '考核自评被退回', body: `${assessment.year} 年度考核评估自评被县区退回：${reason}。请修改后在截止日前重新提交。` },
    ]);
    return { status: [assessment.status, 'OPEN'], reason };
  });
}
