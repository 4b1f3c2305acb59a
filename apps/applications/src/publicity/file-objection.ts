import { authorize } from '@cz/auth';
import { recordAudit } from '@cz/db';
import { BadUserInputError, ConflictError, RateLimitedError } from '@cz/errors';
import { isUuid } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { FileObjectionInput } from '../generated/graphql';
import { queryItems } from './publicity-items';
import { validObjection } from './publicity-input.rules';
import { CITY_BUREAU, notify, publicityLink } from './publicity-notifications';
import { lockPublicity } from './publicity-settlement';

/** Objections one client address may file per hour: enough for a real concern, too few for a flood. */
export const OBJECTIONS_PER_ADDRESS_PER_HOUR = 5;

export interface ObjectionReceipt {
  id: string;
  filedAt: Date;
  status: 'OPEN';
}

/**
 * Counts the address's objections of the last hour in the table itself, so the limit holds across
 * restarts and replicas. The advisory lock makes simultaneous filings from one address count one
 * after the other. The address is the client's as the gateway saw it (its `req.ip`, forwarded in
 * the signed identity as `identity.sourceAddress`): behind a reverse proxy the gateway must trust
 * that proxy's X-Forwarded-For, or every filer shares the proxy's allowance. Calls without an
 * address share a single allowance.
 */
async function enforceRateLimit(manager: EntityManager, sourceAddress: string | null, now: Date): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`objection-rate:${sourceAddress ?? ''}`]);
  const [{ n }]: Array<{ n: number }> = await manager.query(
    `SELECT count(*)::int AS n FROM "${SCHEMA}"."objection" WHERE "source_address" IS NOT DISTINCT FROM $1 AND "filed_at" > $2::timestamptz - interval '1 hour'`,
    [sourceAddress, now],
  );
  if (n >= OBJECTIONS_PER_ADDRESS_PER_HOUR) throw new RateLimitedError(`提交异议过于频繁：每小时最多 ${OBJECTIONS_PER_ADDRESS_PER_HOUR} 条，请稍后再试`, { limit: OBJECTIONS_PER_ADDRESS_PER_HOUR });
}

export async function fileObjection(input: FileObjectionInput, { identity, requestId, now: clock, dataSource }: Context): Promise<ObjectionReceipt> {
  authorize(identity, 'objection.file');
  const objection = validObjection(input);
  const now = clock();
  const sourceAddress = identity.sourceAddress?.slice(0, 64) ?? null;

  return dataSource.transaction(async (manager) => {
    await enforceRateLimit(manager, sourceAddress, now);
    const publicity = await lockPublicity(manager, input.publicityId, 'file');
    if (publicity.status !== 'OPEN' || now >= publicity.endsAt) throw new ConflictError('公示期已结束', { endsAt: publicity.endsAt.toISOString() });
    const item = isUuid(input.applicationId) ? (await queryItems(manager, [publicity.id])).find((row) => row.applicationId === input.applicationId) : undefined;
    if (!item) throw new BadUserInputError('applicationId', '该申报不在此次公示中', { applicationId: input.applicationId });
    if (item.outcome) throw new ConflictError('该申报已不在公示中', { applicationId: item.applicationId });

    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO "${SCHEMA}"."objection" ("publicity_id", "application_id", "filer_name", "filer_contact", "reason", "source_address", "status", "filed_at")
       VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7) RETURNING "id"`,
      [publicity.id, item.applicationId, objection.filerName, objection.contact, objection.reason, sourceAddress, now],
    );
    // Personal data is recorded as given, never with its value.
    await recordAudit(manager, SCHEMA, identity, {
      operation: 'objection.file',
      targetType: 'Objection',
      targetId: row.id,
      changes: { publicityId: publicity.id, applicationId: item.applicationId, filerName: objection.filerName ? 'recorded' : null, contact: 'recorded' },
      requestId,
    });
    await notify(manager, publicity.id, {
      dedupeKey: `objection:${row.id}:filed`,
      audience: CITY_BUREAU,
      title: '收到公示异议',
      body: `公示“${publicity.title}”中${item.parkName}的申报收到一条异议，请及时处理；异议处理前该申报不能结束公示。`,
      link: `${publicityLink(publicity.id)}/objections`,
    });
    return { id: row.id, filedAt: now, status: 'OPEN' as const };
  });
}
