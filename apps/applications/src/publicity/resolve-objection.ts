import { authorize } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import { BadUserInputError, ConflictError, NotFoundError } from '@cz/errors';
import { isUuid } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { MutationResolveObjectionArgs } from '../generated/graphql';
import { transitionStage } from '../transitions/transition-stage';
import { ObjectionEntity } from './objection.entity';
import { markItemOutcome, queryItems, type PublicityItemRow } from './publicity-items';
import { validText } from './publicity-input.rules';
import { applicationLink, notify } from './publicity-notifications';
import { type Actor, closeWhenSettled, lockPublicity, proceedToApproval } from './publicity-settlement';
import type { PublicityEntity } from './publicity.entity';

const UPHELD_EFFECT = {
  RETURN: { action: 'returnForCorrection', outcome: 'RETURNED', words: '退回修改' },
  REJECT: { action: 'reject', outcome: 'REJECTED', words: '不予认定' },
} as const;

/** Upheld: the application leaves the period, returned or rejected with the resolution as the reason. */
async function takeOutOfPublicity(manager: EntityManager, item: PublicityItemRow, objection: ObjectionEntity, effect: (typeof UPHELD_EFFECT)[keyof typeof UPHELD_EFFECT], resolution: string, actor: Actor): Promise<void> {
  if (item.outcome) throw new ConflictError('该申报已不在公示中，异议只能作不成立处理', { applicationId: item.applicationId });
  await transitionStage(manager, { ...actor, applicationId: item.applicationId, action: effect.action, reason: resolution, details: { publicityId: item.publicityId, objectionId: objection.id } });
  if ((await markItemOutcome(manager, item, effect.outcome, actor.now)) === 0) throw new ConflictError('该申报已不在公示中', { applicationId: item.applicationId });
  await notify(manager, item.publicityId, {
    dedupeKey: `objection:${objection.id}:upheld`,
    audience: { role: 'PARK_OPERATOR', parkId: item.parkId },
    title: `公示异议成立，申报${effect.words}`,
    body: `${item.parkName}的申报在公示期间收到的异议经核实成立，申报${effect.words}。处理意见：${resolution}`,
    link: applicationLink(item.applicationId),
  });
}

/**
 * Dismissed after the period ended: the objection was all that held the application, so once the
 * last one is settled it proceeds now rather than waiting for a deadline that already passed.
 */
async function proceedIfUnblocked(manager: EntityManager, item: PublicityItemRow, publicity: PublicityEntity, actor: Actor): Promise<void> {
  if (item.outcome || item.openObjections > 0 || actor.now < publicity.endsAt || publicity.status !== 'OPEN') return;
  await proceedToApproval(manager, item, actor);
}

export async function resolveObjection(args: MutationResolveObjectionArgs, { identity, requestId, now: clock, dataSource }: Context): Promise<ObjectionEntity> {
  authorize(identity, 'publicity.manage');
  // The answer carries the filer's particulars.
  authorize(identity, 'objection.read');
  const resolution = validText('resolution', '处理意见', args.resolution, { min: 1, max: 2000, multiline: true });
  if (args.decision === 'UPHELD' && !args.outcome) throw new BadUserInputError('outcome', '异议成立时须选择退回修改或不予认定');
  if (args.decision === 'DISMISSED' && args.outcome) throw new BadUserInputError('outcome', '异议不成立时不能选择申报去向');
  const actor: Actor = { identity, requestId, now: clock() };

  return dataSource.transaction(async (manager) => {
    const objection = isUuid(args.objectionId) ? await manager.findOneBy(ObjectionEntity, { id: args.objectionId }) : null;
    if (!objection) throw new NotFoundError('异议不存在', { objectionId: args.objectionId });
    const publicity = await lockPublicity(manager, objection.publicityId, 'decide');
    const decided = await guardedUpdate(
      manager,
      `UPDATE "${SCHEMA}"."objection" SET "status" = $2, "resolution" = $3, "resolved_by" = $4, "resolved_at" = $5 WHERE "id" = $1 AND "status" = 'OPEN'`,
      [objection.id, args.decision, resolution, identity.subject, actor.now],
    );
    if (decided === 0) throw new ConflictError('该异议已处理', { objectionId: objection.id });
    await recordAudit(manager, SCHEMA, identity, { operation: 'objection.resolve', targetType: 'Objection', targetId: objection.id, changes: { status: ['OPEN', args.decision], outcome: args.outcome ?? null }, requestId });

    // Read after the decision, so the count of open objections no longer includes this one.
    const item = (await queryItems(manager, [publicity.id])).find((row) => row.applicationId === objection.applicationId) as PublicityItemRow;
    if (args.outcome) await takeOutOfPublicity(manager, item, objection, UPHELD_EFFECT[args.outcome], resolution, actor);
    else await proceedIfUnblocked(manager, item, publicity, actor);
    await closeWhenSettled(manager, publicity, actor);
    return manager.findOneByOrFail(ObjectionEntity, { id: objection.id });
  });
}
