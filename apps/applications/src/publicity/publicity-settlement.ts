import type { Identity } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import { ConflictError, NotFoundError } from '@cz/errors';
import { isUuid } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { transitionStage } from '../transitions/transition-stage';
import { markItemOutcome, type PublicityItemRow } from './publicity-items';
import { applicationLink, CITY_BUREAU, notify } from './publicity-notifications';
import { PublicityEntity } from './publicity.entity';

export interface Actor {
  identity: Identity;
  requestId: string;
  now: Date;
}

/**
 * Reads a period under a row lock: FOR UPDATE for whoever decides items (the deadline, a
 * resolution), FOR SHARE for filers, so an objection filed at the last instant either commits
 * before the deadline looks, or finds the period decided.
 */
export async function lockPublicity(manager: EntityManager, id: string, mode: 'decide' | 'file'): Promise<PublicityEntity> {
  const publicity = isUuid(id)
    ? await manager
        .createQueryBuilder(PublicityEntity, 'publicity')
        .setLock(mode === 'decide' ? 'pessimistic_write' : 'pessimistic_read')
        .where('publicity.id = :id', { id })
        .getOne()
    : null;
  if (!publicity) throw new NotFoundError('公示不存在', { publicityId: id });
  return publicity;
}

/** The period ended with no objection standing against this application: it awaits approval. */
export async function proceedToApproval(manager: EntityManager, item: PublicityItemRow, actor: Actor): Promise<void> {
  await transitionStage(manager, { applicationId: item.applicationId, action: 'closePublicity', identity: actor.identity, requestId: actor.requestId, now: actor.now, details: { publicityId: item.publicityId } });
  if ((await markItemOutcome(manager, item, 'AWAITING_APPROVAL', actor.now)) === 0) throw new ConflictError('该申报已不在公示中', { applicationId: item.applicationId });
  await notify(manager, item.publicityId, {
    dedupeKey: `publicity:${item.publicityId}:closed:${item.applicationId}`,
    audience: CITY_BUREAU,
    title: '公示期满无异议，待批复',
    body: `${item.parkName}的申报公示期满，无成立的异议，请办理批复。`,
    link: applicationLink(item.applicationId),
  });
}

/** Closes the period once no application is left in it; returns whether it closed now. */
export async function closeWhenSettled(manager: EntityManager, publicity: PublicityEntity, actor: Actor): Promise<boolean> {
  const closed = await guardedUpdate(
    manager,
    `UPDATE "${SCHEMA}"."publicity" SET "status" = 'CLOSED', "closed_at" = $2, "version" = "version" + 1
      WHERE "id" = $1 AND "status" = 'OPEN'
        AND NOT EXISTS (SELECT 1 FROM "${SCHEMA}"."publicity_item" WHERE "publicity_id" = $1 AND "outcome" IS NULL)`,
    [publicity.id, actor.now],
  );
  if (closed > 0) {
    await recordAudit(manager, SCHEMA, actor.identity, { operation: 'publicity.close', targetType: 'Publicity', targetId: publicity.id, changes: { status: ['OPEN', 'CLOSED'] }, requestId: actor.requestId });
  }
  return closed > 0;
}
