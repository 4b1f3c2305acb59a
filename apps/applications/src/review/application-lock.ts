import { ConflictError, NotFoundError } from '@cz/errors';
import { type ApplicationStage, STAGE_NAMES } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { isEvaluationConcluded } from './evaluation-status';

export interface LockedApplication {
  id: string;
  stage: ApplicationStage;
  version: number;
}

/**
 * Locks the application row for the rest of the transaction. Review records (panel, scores,
 * inspections, findings) take a SHARE lock so they cannot slip in beside a stage change or a
 * conclusion, which hold the row exclusively; records among themselves do not wait on each other.
 */
export async function lockApplication(manager: EntityManager, applicationId: string, mode: 'SHARE' | 'UPDATE'): Promise<LockedApplication> {
  const rows: LockedApplication[] = await manager.query(`SELECT "id", "stage", "version" FROM "${SCHEMA}"."application" WHERE "id" = $1 FOR ${mode === 'SHARE' ? 'SHARE' : 'UPDATE'}`, [applicationId]);
  if (rows.length === 0) throw new NotFoundError('申报不存在', { applicationId });
  return rows[0];
}

export function requireStage(application: LockedApplication, stages: readonly ApplicationStage[]): void {
  if (!stages.includes(application.stage)) {
    throw new ConflictError(`申报当前处于“${STAGE_NAMES[application.stage]}”阶段，不能执行此操作`, { stage: application.stage, expectedStages: stages });
  }
}

/** Joint-evaluation records may change only while the evaluation is open. */
export async function requireOpenEvaluation(manager: EntityManager, application: LockedApplication): Promise<void> {
  requireStage(application, ['JOINT_EVALUATION']);
  if (await isEvaluationConcluded(manager, application.id)) throw new ConflictError('联合评审已结束，不能再修改评审记录', { applicationId: application.id });
}
