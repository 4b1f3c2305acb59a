import type { Identity } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import type { EventHandler } from '@cz/events';
import { SCHEMA } from '../config';
import { ParkEntity } from '../entities/park.entity';
import { ParkStatusChangeEntity } from './entities/park-status-change.entity';
import { announceProfileChange } from './profile-writes';

/**
 * Art 20(二): two consecutive yearly cycles with final grade unqualified revoke the park's status
 * (取消资格). The park keeps its history; the status change is announced like any other, so every
 * service's copy reads REVOKED and funding stops. A park already revoked is left as it is: the
 * inbox applies an event once, and a second decision for the same park changes nothing.
 */
export const revocationDecidedHandler: EventHandler<'assessment.park-revocation-decided'> = async (event, manager) => {
  const decision = event.payload;
  const park = await manager.getRepository(ParkEntity).findOneBy({ id: decision.parkId });
  if (!park) throw new Error(`revocation of park ${decision.parkId} (assessment ${decision.assessmentId}): the registry does not hold that park`);
  if (park.status === 'REVOKED') return;
  if (park.status !== 'RECOGNISED') throw new Error(`revocation of park ${park.id}, which is ${park.status}: only a recognised park can be revoked`);
  const actor: Identity = { subject: `system:${event.source}`, role: 'SYSTEM', name: '考核评估结果' };
  const changed = await guardedUpdate(
    manager,
    `UPDATE "${SCHEMA}"."park" SET "status" = 'REVOKED', "version" = "version" + 1, "updated_at" = now() WHERE "id" = $1 AND "version" = $2 AND "status" = 'RECOGNISED'`,
    [park.id, park.version],
  );
  // A concurrent edit of the profile: failing retries the event on the fresh row.
  if (changed === 0) throw new Error(`park ${park.id} changed while its revocation was applied; retrying`);
  await manager.getRepository(ParkStatusChangeEntity).insert({ parkId: park.id, fromStatus: 'RECOGNISED', toStatus: 'REVOKED', reason: decision.reason, actor: actor.subject });
  await recordAudit(manager, SCHEMA, actor, {
    operation: 'park.revoke',
    targetType: 'Park',
    targetId: park.id,
    changes: { status: ['RECOGNISED', 'REVOKED'], reason: decision.reason, years: decision.years, assessmentId: decision.assessmentId, decidedOn: decision.decidedOn },
    requestId: event.id,
  });
  await announceProfileChange(manager, park.id);
};
