import { shanghaiDate } from '@cz/calendar';
import { guardedUpdate, recordAudit } from '@cz/db';
import { ConflictError, NotFoundError } from '@cz/errors';
import { authorizeForPark } from '@cz/park-refs';
import { isUuid } from '@cz/subgraph-kit';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { EnterpriseSubsidyEntity, EnterpriseSubsidyStatus } from './enterprise-subsidy.entity';
import { assertMove, decisionDate, optionalNote } from './enterprise-subsidy-input.rules';
import { subsidiesQuery, subsidyByIdLoader } from './enterprise-subsidy-references';

export interface StatusChange {
  id: string;
  expectedVersion: number;
  status: EnterpriseSubsidyStatus;
  decidedOn?: string | null;
  note?: string | null;
}

/**
 * One guarded UPDATE on status and version: of two concurrent changes only one applies, and a
 * client that saw an older version is told to reload. The audit row commits with it.
 */
export async function updateEnterpriseSubsidyStatus(context: Context, change: StatusChange): Promise<EnterpriseSubsidyEntity> {
  const current = isUuid(change.id) ? await subsidyByIdLoader(context).load(change.id) : null;
  if (!current) throw new NotFoundError('补贴申报登记不存在', { id: change.id });
  await authorizeForPark(context.identity, 'funding.references.manage', current.parkId, context.loaders.parkRefs);
  assertMove(current.status, change.status);
  const decidedOn = decisionDate(change.status, change.decidedOn, current.appliedOn, shanghaiDate(context.now()));
  const note = optionalNote('note', change.note);
  await context.dataSource.transaction(async (manager) => {
    const affected = await guardedUpdate(
      manager,
      `UPDATE "${SCHEMA}"."enterprise_subsidy_reference"
       SET "status" = $4, "decided_on" = $5, "note" = COALESCE($6, "note"), "version" = "version" + 1, "updated_at" = now()
       WHERE "id" = $1 AND "status" = $2 AND "version" = $3`,
      [current.id, current.status, change.expectedVersion, change.status, decidedOn, note],
    );
    if (affected === 0) {
      throw new ConflictError('补贴申报登记已被他人修改，请刷新后重试', { expectedVersion: change.expectedVersion, currentVersion: current.version });
    }
    await recordAudit(manager, SCHEMA, context.identity, {
      operation: 'funding.references.manage',
      targetType: 'EnterpriseSubsidyReference',
      targetId: current.id,
      changes: { status: [current.status, change.status], decidedOn, ...(note === null ? {} : { note: [current.note, note] }), version: [change.expectedVersion, change.expectedVersion + 1] },
      requestId: context.requestId,
    });
  });
  return subsidiesQuery(context.dataSource).where('subsidy.id = :id', { id: current.id }).getOneOrFail();
}
