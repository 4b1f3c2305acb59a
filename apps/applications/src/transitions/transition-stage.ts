import type { Identity } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import { ConflictError, NotFoundError } from '@cz/errors';
import { nextStage, type StageAction } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { ApplicationEntity } from '../entities/application.entity';

export interface StageChange {
  applicationId: string;
  action: StageAction;
  identity: Identity;
  requestId: string;
  now: Date;
  /** The version the caller saw; omitted by system actions, which act on the stage alone. */
  expectedVersion?: number;
  /** Why, in the actor's words (required by callers for returns and rejections). */
  reason?: string | null;
  /** Structured particulars: reasons per item, document number, publicity id… */
  details?: Record<string, unknown>;
}

/**
 * The one way an application changes stage: a guarded UPDATE on (stage, version), its history row
 * and its audit row, all through the caller's transaction, so two officers acting at once get one
 * success and one CONFLICT, and nothing is half-written. Authorisation is the caller's.
 */
export async function transitionStage(manager: EntityManager, change: StageChange): Promise<ApplicationEntity> {
  const current = await manager.getRepository(ApplicationEntity).findOneBy({ id: change.applicationId });
  if (!current) throw new NotFoundError('申报不存在', { id: change.applicationId });
  const to = nextStage(change.action, current.stage);
  const version = change.expectedVersion ?? current.version;
  const changed = await guardedUpdate(
    manager,
    `UPDATE "${SCHEMA}"."application"
        SET "stage" = $4::varchar, "version" = "version" + 1, "updated_at" = $5,
            "submitted_at" = CASE WHEN $4::varchar = 'COUNTY_REVIEW' AND "submitted_at" IS NULL THEN $5 ELSE "submitted_at" END,
            "decided_at" = CASE WHEN $4::varchar IN ('APPROVED', 'REJECTED') THEN $5 ELSE NULL END
      WHERE "id" = $1 AND "stage" = $2 AND "version" = $3`,
    [current.id, current.stage, version, to, change.now],
  );
  if (changed === 0) throw new ConflictError('申报已被他人处理或修改，请刷新后重试', { id: current.id, expectedVersion: version, currentVersion: current.version });
  await manager.query(
    `INSERT INTO "${SCHEMA}"."application_transition" ("application_id", "action", "from_stage", "to_stage", "actor_subject", "actor_role", "reason", "details", "occurred_at")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [current.id, change.action, current.stage, to, change.identity.subject, change.identity.role, change.reason ?? null, JSON.stringify(change.details ?? {}), change.now],
  );
  await recordAudit(manager, SCHEMA, change.identity, {
    operation: `application.${change.action}`,
    targetType: 'Application',
    targetId: current.id,
    changes: { stage: [current.stage, to], ...(change.reason ? { reason: change.reason } : {}) },
    requestId: change.requestId,
  });
  return manager.getRepository(ApplicationEntity).findOneByOrFail({ id: current.id });
}
