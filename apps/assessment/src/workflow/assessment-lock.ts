import type { Identity } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import { ConflictError, NotFoundError } from '@cz/errors';
import type { AssessmentPhase, AssessmentTemplateContent } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { AssessmentCycleEntity } from '../entities/assessment-cycle.entity';
import { AssessmentTemplateEntity } from '../entities/assessment-template.entity';
import { AssessmentEntity, type AssessmentStatus } from '../entities/assessment.entity';

export const STATUS_NAMES: Readonly<Record<AssessmentStatus, string>> = {
  OPEN: '进行中',
  SELF_ASSESSED: '已自评',
  CHECKED: '县区已审核',
  SCORED: '已评分',
  RECTIFYING: '整改中',
  REASSESSING: '复评中',
  FINAL: '已定级',
};

/**
 * Locks the assessment row for the rest of the transaction. Records beside it (drafts, scores)
 * take SHARE so they cannot slip in beside a state change, which holds the row exclusively.
 */
export async function lockAssessment(manager: EntityManager, id: string, mode: 'SHARE' | 'UPDATE'): Promise<AssessmentEntity> {
  const assessment = await manager
    .getRepository(AssessmentEntity)
    .createQueryBuilder('assessment')
    .setLock(mode === 'SHARE' ? 'pessimistic_read' : 'pessimistic_write')
    .where('assessment.id = :id', { id })
    .getOne();
  if (!assessment) throw new NotFoundError('考核评估不存在', { assessmentId: id });
  return assessment;
}

export function statusConflict(assessment: AssessmentEntity, statuses: readonly AssessmentStatus[]): ConflictError {
  return new ConflictError(`考核评估当前状态为“${STATUS_NAMES[assessment.status]}”，不能执行此操作`, { status: assessment.status, expectedStatuses: statuses });
}

export function requireStatus(assessment: AssessmentEntity, statuses: readonly AssessmentStatus[], expectedVersion?: number): void {
  if (!statuses.includes(assessment.status)) throw statusConflict(assessment, statuses);
  if (expectedVersion !== undefined && assessment.version !== expectedVersion) {
    throw new ConflictError('考核评估已被他人修改，请刷新后重试', { expectedVersion, version: assessment.version });
  }
}

/** The phase being scored: the re-assessment once the rectification report is in, else the initial one. */
export function scoringPhase(assessment: AssessmentEntity): AssessmentPhase | null {
  if (assessment.status === 'CHECKED') return 'INITIAL';
  if (assessment.status === 'REASSESSING') return 'REASSESSMENT';
  return null;
}

/** The cycle of a workflow assessment and the template it is judged by. */
export async function cycleAndTemplate(manager: EntityManager, assessment: AssessmentEntity): Promise<{ cycle: AssessmentCycleEntity; template: AssessmentTemplateContent }> {
  if (!assessment.cycleId) throw new ConflictError('该考核评估不属于任何考核周期（历史记录），不能执行此操作', { assessmentId: assessment.id });
  const cycle = await manager.getRepository(AssessmentCycleEntity).findOneByOrFail({ id: assessment.cycleId });
  const template = await manager.getRepository(AssessmentTemplateEntity).findOneByOrFail({ id: cycle.templateId });
  return { cycle, template: template.content };
}

/**
 * The one state change of an assessment: a guarded UPDATE of the given columns that bumps the
 * version, so a concurrent change (or a replay) finds the version moved and changes nothing.
 */
export async function updateAssessment(manager: EntityManager, context: Context, assessment: AssessmentEntity, columns: Record<string, unknown>): Promise<void> {
  const names = Object.keys(columns);
  const assignments = names.map((name, index) => `"${name}" = $${index + 3}`).join(', ');
  const changed = await guardedUpdate(
    manager,
    `UPDATE "${SCHEMA}"."assessment" SET ${assignments}, "version" = "version" + 1, "updated_at" = $${names.length + 3} WHERE "id" = $1 AND "version" = $2`,
    [assessment.id, assessment.version, ...names.map((name) => columns[name]), context.now()],
  );
  if (changed === 0) throw new ConflictError('考核评估已被他人修改，请刷新后重试', { assessmentId: assessment.id });
}

/** Runs `work` in one transaction with the assessment locked and writes its audit row: it commits with the change or not at all. */
export async function inAssessmentTransaction<T>(
  context: Context,
  assessmentId: string,
  operation: string,
  mode: 'SHARE' | 'UPDATE',
  work: (manager: EntityManager, assessment: AssessmentEntity) => Promise<{ result: T; changes: Record<string, unknown> }>,
): Promise<T> {
  return context.dataSource.transaction(async (manager) => {
    const assessment = await lockAssessment(manager, assessmentId, mode);
    const { result, changes } = await work(manager, assessment);
    await audit(manager, context.identity, context.requestId, operation, assessmentId, changes);
    return result;
  });
}

/** A change of the assessment (or of its records), returning the assessment as committed. */
export function changeAssessment(
  context: Context,
  assessmentId: string,
  operation: string,
  mode: 'SHARE' | 'UPDATE',
  work: (manager: EntityManager, assessment: AssessmentEntity) => Promise<Record<string, unknown>>,
): Promise<AssessmentEntity> {
  return inAssessmentTransaction(context, assessmentId, operation, mode, async (manager, assessment) => {
    const changes = await work(manager, assessment);
    return { changes, result: await manager.getRepository(AssessmentEntity).findOneByOrFail({ id: assessmentId }) };
  });
}

function audit(manager: EntityManager, identity: Identity, requestId: string, operation: string, targetId: string, changes: Record<string, unknown>): Promise<void> {
  return recordAudit(manager, SCHEMA, identity, { operation, targetType: 'Assessment', targetId, changes, requestId });
}
