import { BadUserInputError, ForbiddenError } from '@cz/errors';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { AssessmentEntity } from '../entities/assessment.entity';
import type { AssessmentReviewerInput, IndicatorScoreInput } from '../generated/graphql';
import { requireAssessment } from './assessment-access';
import { changeAssessment, cycleAndTemplate, inAssessmentTransaction, requireStatus, scoringPhase, statusConflict } from './assessment-lock';
import { notifyAboutAssessment } from './assessment-notifications';
import { IndicatorScoreEntity } from './entities/indicator-score.entity';
import { ScoreChangeEntity } from './entities/score-change.entity';
import { validReviewers, validScore } from './workflow-input.rules';

/**
 * 指派评审专家 (city bureau): reviewers already assigned stay; `lead` moves the lead. After the
 * call exactly one reviewer is the lead, who alone may change a score already given.
 */
export async function assignReviewers(context: Context, assessmentId: string, input: readonly AssessmentReviewerInput[]): Promise<AssessmentEntity> {
  const reviewers = validReviewers(input);
  const { park } = await requireAssessment(context, 'assessment.assign', assessmentId);
  const newLead = reviewers.find((reviewer) => reviewer.lead)?.subject ?? null;
  return changeAssessment(context, assessmentId, 'assessment.reviewers.assign', 'SHARE', async (manager, assessment) => {
    requireStatus(assessment, ['OPEN', 'SELF_ASSESSED', 'CHECKED', 'RECTIFYING', 'REASSESSING']);
    const existing = new Set((await manager.query(`SELECT "subject" FROM "${SCHEMA}"."assessment_reviewer" WHERE "assessment_id" = $1 FOR UPDATE`, [assessmentId]) as Array<{ subject: string }>).map((row) => row.subject));
    // The one-lead index is checked per statement: step the old lead down before the new one steps up.
    if (newLead) await manager.query(`UPDATE "${SCHEMA}"."assessment_reviewer" SET "lead" = false WHERE "assessment_id" = $1 AND "lead" AND "subject" <> $2`, [assessmentId, newLead]);
    for (const reviewer of reviewers) {
      await manager.query(
        `INSERT INTO "${SCHEMA}"."assessment_reviewer" ("assessment_id", "subject", "name", "lead", "assigned_by", "assigned_at") VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ("assessment_id", "subject") DO UPDATE SET "name" = EXCLUDED."name", "lead" = "assessment_reviewer"."lead" OR EXCLUDED."lead"`,
        [assessmentId, reviewer.subject, reviewer.name, reviewer.lead, context.identity.subject, context.now()],
      );
    }
    const [{ leads }]: Array<{ leads: number }> = await manager.query(`SELECT count(*)::int AS "leads" FROM "${SCHEMA}"."assessment_reviewer" WHERE "assessment_id" = $1 AND "lead"`, [assessmentId]);
    if (leads !== 1) throw new BadUserInputError('reviewers', '须指定一名评审组长（lead: true）');
    const added = reviewers.filter((reviewer) => !existing.has(reviewer.subject));
    await notifyAboutAssessment(
      manager,
      assessment,
      added.map((reviewer) => ({
        action: `reviewerAssigned.${reviewer.subject}`,
        audience: { role: 'REVIEWER', subject: reviewer.subject },
        title: `考核评估评分邀请：${park.name}`,
        body: `您已被指派为${park.name} ${assessment.year} 年度考核评估的评审专家${reviewer.lead ? '（组长）' : ''}，请查阅自评材料并逐项评分。`,
      })),
    );
    return { reviewers: { added: added.map((reviewer) => reviewer.subject), updated: reviewers.filter((reviewer) => existing.has(reviewer.subject)).map((reviewer) => reviewer.subject), lead: newLead } };
  });
}

/**
 * 评分: an assigned reviewer scores one indicator of the phase being scored. A score already given
 * changes only by the lead and with a reason (FORBIDDEN for another reviewer: the lead's authority
 * over the panel's result, not a state of the assessment). Every score given is kept.
 */
export async function scoreIndicator(context: Context, assessmentId: string, input: IndicatorScoreInput): Promise<IndicatorScoreEntity> {
  await requireAssessment(context, 'assessment.score', assessmentId);
  const subject = context.identity.subject;
  return inAssessmentTransaction(context, assessmentId, 'assessment.score', 'SHARE', async (manager, assessment) => {
    const phase = scoringPhase(assessment);
    if (!phase) throw statusConflict(assessment, ['CHECKED', 'REASSESSING']);
    const { template } = await cycleAndTemplate(manager, assessment);
    const { indicator, score, justification, reason } = validScore(input, template);
    const [reviewer]: Array<{ lead: boolean }> = await manager.query(`SELECT "lead" FROM "${SCHEMA}"."assessment_reviewer" WHERE "assessment_id" = $1 AND "subject" = $2`, [assessmentId, subject]);
    const scores = manager.getRepository(IndicatorScoreEntity);
    const key = { assessmentId, phase, indicatorCode: indicator.code };
    const before = await scores.createQueryBuilder('score').setLock('pessimistic_write').where('score.assessment_id = :assessmentId AND score.phase = :phase AND score.indicator_code = :indicatorCode', key).getOne();
    if (before) {
      if (!reviewer?.lead) throw new ForbiddenError('只有评审组长可以修改已给出的评分', { indicator: indicator.code });
      if (!reason) throw new BadUserInputError('input.reason', '修改已给出的评分须说明原因');
      // A retried request changes nothing and leaves no second history row.
      if (before.score === score && before.justification === justification) return { result: before, changes: { indicator: indicator.code, phase, unchanged: true } };
    }
    const now = context.now();
    await manager.query(
      `INSERT INTO "${SCHEMA}"."indicator_score" ("assessment_id", "phase", "indicator_code", "score", "justification", "scored_by", "scored_at") VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("assessment_id", "phase", "indicator_code") DO UPDATE SET "score" = EXCLUDED."score", "justification" = EXCLUDED."justification", "scored_by" = EXCLUDED."scored_by", "scored_at" = EXCLUDED."scored_at"`,
      [assessmentId, phase, indicator.code, score, justification, subject, now],
    );
    await manager.getRepository(ScoreChangeEntity).insert({
      ...key,
      changedBy: subject,
      changedRole: context.identity.role,
      lead: reviewer?.lead ?? false,
      changedAt: now,
      scoreBefore: before?.score ?? null,
      scoreAfter: score,
      justification,
      reason: before ? reason : null,
    });
    return { result: await scores.findOneByOrFail(key), changes: { indicator: indicator.code, phase, score: [before?.score ?? null, score], ...(before ? { reason } : {}) } };
  });
}
