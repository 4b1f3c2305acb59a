import { authorize } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { DeadlineKind, DeadlineOutcome } from '../generated/graphql';
import { queryItems, type PublicityItemRow } from './publicity-items';
import { CITY_BUREAU, notify, publicityLink } from './publicity-notifications';
import { type Actor, closeWhenSettled, lockPublicity, proceedToApproval } from './publicity-settlement';
import { PublicityEntity } from './publicity.entity';

export interface PendingDeadline {
  kind: DeadlineKind;
  targetId: string;
  dueAt: Date;
}

export interface DeadlineRun {
  outcome: DeadlineOutcome;
  detail: string | null;
}

/** Every open period is a pending deadline, also one already past whose close an objection holds. */
export async function pendingDeadlines({ identity, dataSource }: Context): Promise<PendingDeadline[]> {
  authorize(identity, 'deadline.run');
  const open = await dataSource.getRepository(PublicityEntity).find({ where: { status: 'OPEN' }, order: { endsAt: 'ASC', id: 'ASC' } });
  return open.map((publicity) => ({ kind: 'PUBLICITY_CLOSE', targetId: publicity.id, dueAt: publicity.endsAt }));
}

/** Tells the city bureau once per application that an objection holds it past the end. */
async function reportBlocked(manager: EntityManager, item: PublicityItemRow, publicity: PublicityEntity, actor: Actor): Promise<void> {
  const first = await guardedUpdate(
    manager,
    `UPDATE "${SCHEMA}"."publicity_item" SET "blocked_notified_at" = $3 WHERE "publicity_id" = $1 AND "application_id" = $2 AND "blocked_notified_at" IS NULL`,
    [item.publicityId, item.applicationId, actor.now],
  );
  if (first === 0) return;
  await recordAudit(manager, SCHEMA, actor.identity, { operation: 'publicity.report-blocked', targetType: 'Application', targetId: item.applicationId, changes: { publicityId: publicity.id, blockedNotifiedAt: [null, actor.now.toISOString()] }, requestId: actor.requestId });
  await notify(manager, publicity.id, {
    dedupeKey: `publicity:${publicity.id}:blocked:${item.applicationId}`,
    audience: CITY_BUREAU,
    title: '公示期满，有未处理的异议',
    body: `公示“${publicity.title}”已于 ${publicity.endsOn} 24:00 期满，${item.parkName}的申报有 ${item.openObjections} 条异议待处理，处理后方可结束公示。`,
    link: `${publicityLink(publicity.id)}/objections`,
  });
}

/**
 * PUBLICITY_CLOSE at or after the end: each application with no open objection goes on to await
 * approval; one with an open objection stays (BLOCKED) until the objection is resolved. The period
 * closes when none is left. The row lock serialises this with filings and resolutions, and every
 * step is guarded, so a second run changes nothing.
 */
export async function runPublicityClose(targetId: string, { requestId, identity, now: clock, dataSource }: Context): Promise<DeadlineRun> {
  return dataSource.transaction(async (manager) => {
    const publicity = await lockPublicity(manager, targetId, 'decide');
    if (publicity.status === 'CLOSED') return { outcome: 'ALREADY_DONE', detail: '公示已结束' };
    const actor: Actor = { identity, requestId, now: clock() };
    if (actor.now < publicity.endsAt) return { outcome: 'NOT_DUE', detail: `公示期至 ${publicity.endsOn} 24:00 结束` };

    const blocked: PublicityItemRow[] = [];
    for (const item of (await queryItems(manager, [publicity.id])).filter((row) => row.outcome === null)) {
      if (item.openObjections > 0) {
        blocked.push(item);
        await reportBlocked(manager, item, publicity, actor);
      } else {
        await proceedToApproval(manager, item, actor);
      }
    }
    await closeWhenSettled(manager, publicity, actor);
    if (blocked.length > 0) return { outcome: 'BLOCKED', detail: `有未处理异议的申报：${blocked.map((item) => item.applicationId).join(', ')}` };
    return { outcome: 'DONE', detail: '公示已结束' };
  });
}

export async function runDeadline(kind: DeadlineKind, targetId: string, context: Context): Promise<DeadlineRun> {
  authorize(context.identity, 'deadline.run');
  switch (kind) {
    case 'PUBLICITY_CLOSE':
      return runPublicityClose(targetId, context);
  }
}
