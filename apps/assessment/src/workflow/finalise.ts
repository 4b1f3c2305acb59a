import { shanghaiDate } from '@cz/calendar';
import { BadUserInputError } from '@cz/errors';
import { recordEvent } from '@cz/events';
import type { ParkRefEntity } from '@cz/park-refs';
import { type AssessmentPhase, type AssessmentTotal, computeAssessmentTotal, consequencesOf, type Grade, requiredText, revocationDue } from '@cz/policy';
import { EVENT_TYPES } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { AssessmentEntity } from '../entities/assessment.entity';
import { requireAssessment } from './assessment-access';
import { changeAssessment, cycleAndTemplate, requireStatus, scoringPhase, updateAssessment } from './assessment-lock';
import { type Notice, notifyAboutAssessment } from './assessment-notifications';

export const GRADE_NAMES: Readonly<Record<Grade, string>> = { EXCELLENT: '优秀', QUALIFIED: '合格', UNQUALIFIED: '不合格' };

export interface RectificationOrderInput {
  deadline: string | null | undefined;
  requirements: string | null | undefined;
}

/** The rectification order an unqualified initial grade needs: a deadline after today and the requirements. */
function rectificationOrder(input: RectificationOrderInput, today: string, graded: AssessmentTotal): { deadline: string; requirements: string } {
  const extras = { totalScore: graded.totalScore, grade: graded.grade };
  if (!input.deadline) throw new BadUserInputError('rectificationDeadline', `初评总分 ${graded.totalScore}，等次不合格，须指定整改期限`, extras);
  if (input.deadline <= today) throw new BadUserInputError('rectificationDeadline', '整改期限须晚于今天', { ...extras, value: input.deadline, today });
  if (!input.requirements) throw new BadUserInputError('rectificationRequirements', '初评不合格，须写明整改要求', extras);
  return { deadline: input.deadline, requirements: requiredText('rectificationRequirements', input.requirements, '整改要求', 2000, true) };
}

/** Each phase's scores as the total's input: indicator code → score. */
async function phaseScores(manager: EntityManager, assessmentId: string, phase: AssessmentPhase): Promise<Record<string, string>> {
  const rows: Array<{ indicator_code: string; score: string }> = await manager.query(`SELECT "indicator_code", "score" FROM "${SCHEMA}"."indicator_score" WHERE "assessment_id" = $1 AND "phase" = $2`, [assessmentId, phase]);
  return Object.fromEntries(rows.map((row) => [row.indicator_code, row.score]));
}

/**
 * 定级: the total and grade come from the phase's scores and the cycle's template, never from the
 * caller; Art 20 decides what follows. State, audit, the graded event (and a revocation), and the
 * notices commit together; the version guard makes a second finalise a CONFLICT.
 */
export async function finaliseAssessment(context: Context, assessmentId: string, expectedVersion: number, order: RectificationOrderInput): Promise<AssessmentEntity> {
  const { park } = await requireAssessment(context, 'assessment.finalise', assessmentId);
  return changeAssessment(context, assessmentId, 'assessment.finalise', 'UPDATE', async (manager, assessment) => {
    requireStatus(assessment, ['CHECKED', 'REASSESSING'], expectedVersion);
    const phase = scoringPhase(assessment) ?? 'INITIAL';
    const { cycle, template } = await cycleAndTemplate(manager, assessment);
    const graded = computeAssessmentTotal(template, await phaseScores(manager, assessment.id, phase));
    const consequences = consequencesOf(phase, graded.grade);
    const now = context.now();
    const today = shanghaiDate(now);
    const initial = phase === 'INITIAL' ? { initial_total_score: graded.totalScore, initial_grade: graded.grade } : {};
    const rectification = consequences.outcome === 'RECTIFICATION_ORDERED' ? rectificationOrder(order, today, graded) : null;

    if (rectification) {
      await manager.query(`INSERT INTO "${SCHEMA}"."rectification" ("assessment_id", "ordered_on", "deadline", "requirements", "status", "version") VALUES ($1, $2, $3, $4, 'OPEN', 1)`, [
        assessment.id,
        today,
        rectification.deadline,
        rectification.requirements,
      ]);
      await updateAssessment(manager, context, assessment, { status: 'RECTIFYING', total_score: graded.totalScore, grade: graded.grade, ...initial });
    } else {
      if (phase === 'REASSESSMENT') await manager.query(`UPDATE "${SCHEMA}"."rectification" SET "status" = 'CLOSED', "version" = "version" + 1, "updated_at" = $2 WHERE "assessment_id" = $1`, [assessment.id, now]);
      await updateAssessment(manager, context, assessment, { status: 'FINAL', total_score: graded.totalScore, grade: graded.grade, commended: consequences.commended, finalised_at: now, ...initial });
    }

    await recordEvent(manager, SCHEMA, EVENT_TYPES.assessmentGraded, assessment.id, {
      assessmentId: assessment.id,
      cycleId: cycle.id,
      parkId: assessment.parkId,
      year: assessment.year,
      phase,
      totalScore: graded.totalScore,
      grade: graded.grade,
      outcome: consequences.outcome,
      rectificationDeadline: rectification?.deadline ?? null,
      gradedOn: today,
    });
    const revoked = consequences.outcome === 'FINAL' && (await decideRevocation(manager, assessment, graded.grade, today));
    await notifyAboutAssessment(manager, assessment, resultNotices(park, assessment.year, phase, graded, rectification, revoked));
    return { status: [assessment.status, rectification ? 'RECTIFYING' : 'FINAL'], phase, totalScore: graded.totalScore, grade: graded.grade, byDimension: graded.byDimension, ...(rectification ? { rectification } : {}), ...(revoked ? { revocation: true } : {}) };
  });
}

/** Art 20(二): a second consecutive yearly final grade of unqualified revokes the park; the registry carries it out. */
async function decideRevocation(manager: EntityManager, assessment: AssessmentEntity, finalGrade: Grade, today: string): Promise<boolean> {
  const previous: Array<{ grade: Grade }> = await manager.query(`SELECT "grade" FROM "${SCHEMA}"."assessment" WHERE "park_id" = $1 AND "year" = $2 AND "status" = 'FINAL'`, [assessment.parkId, assessment.year - 1]);
  if (!revocationDue(assessment.year, finalGrade, { [assessment.year - 1]: previous[0]?.grade })) return false;
  const years: [number, number] = [assessment.year - 1, assessment.year];
  await recordEvent(manager, SCHEMA, EVENT_TYPES.parkRevocationDecided, assessment.parkId, {
    parkId: assessment.parkId,
    years,
    assessmentId: assessment.id,
    reason: `连续两次考核评估不合格（${years[0]}、${years[1]}年度），依据《市级人力资源服务产业园管理办法（试行）》第二十条第（二）项取消市级人力资源服务产业园资格`,
    decidedOn: today,
  });
  return true;
}

function resultNotices(park: ParkRefEntity, year: number, phase: AssessmentPhase, graded: AssessmentTotal, rectification: { deadline: string; requirements: string } | null, revoked: boolean): Notice[] {
  const stage = phase === 'INITIAL' ? '考核评估' : '整改后复评';
  const body = rectification
    ? `${park.name} ${year} 年度考核评估总分 ${graded.totalScore}，等次不合格。请于 ${rectification.deadline} 前完成整改并提交整改报告。整改要求：${rectification.requirements}`
    : `${park.name} ${year} 年度${stage}总分 ${graded.totalScore}，最终等次${GRADE_NAMES[graded.grade]}。${graded.grade === 'EXCELLENT' ? '予以全市通报表扬，并推荐申报省级人力资源服务产业园。' : ''}${phase === 'REASSESSMENT' && graded.grade === 'UNQUALIFIED' ? '整改后仍不合格，取消本考核周期的补助资金。' : ''}${revoked ? '因连续两次考核评估不合格，取消市级人力资源服务产业园资格。' : ''}`;
  const title = rectification ? `考核不合格，责令限期整改：${park.name}` : `考核结果：${park.name} ${GRADE_NAMES[graded.grade]}`;
  return [
    { action: `graded.${phase}.park`, audience: { role: 'PARK_OPERATOR', parkId: park.parkId }, title, body },
    { action: `graded.${phase}.county`, audience: { role: 'COUNTY_BUREAU', countyCode: park.countyCode }, title, body },
  ];
}
