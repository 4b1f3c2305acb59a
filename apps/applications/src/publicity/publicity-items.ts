import { guardedUpdate } from '@cz/db';
import { officialParkName } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { ApplicationKind } from '../entities/application.entity';

export type ItemOutcome = 'AWAITING_APPROVAL' | 'RETURNED' | 'REJECTED';

/** One application of a period with what a notice, a deadline and a notification need of it. */
export interface PublicityItemRow {
  publicityId: string;
  applicationId: string;
  outcome: ItemOutcome | null;
  kind: ApplicationKind;
  parkId: string;
  /** The name the park will carry once recognised (长治 prefix, Art 7(四)). */
  parkName: string;
  countyCode: string;
  openObjections: number;
  blockedNotified: boolean;
}

interface RawItem {
  publicity_id: string;
  application_id: string;
  outcome: ItemOutcome | null;
  kind: ApplicationKind;
  park_id: string;
  park_name: string | null;
  county_code: string | null;
  open_objections: number;
  blocked_notified: boolean;
}

/** The items of many periods in one statement (DataLoader batches and deadline runs alike). */
export async function queryItems(manager: EntityManager, publicityIds: readonly string[]): Promise<PublicityItemRow[]> {
  const rows: RawItem[] = await manager.query(
    `SELECT i."publicity_id", i."application_id", i."outcome", a."kind", a."park_id", r."name" AS "park_name", r."county_code",
            i."blocked_notified_at" IS NOT NULL AS "blocked_notified",
            (SELECT count(*)::int FROM "${SCHEMA}"."objection" o
              WHERE o."publicity_id" = i."publicity_id" AND o."application_id" = i."application_id" AND o."status" = 'OPEN') AS "open_objections"
       FROM "${SCHEMA}"."publicity_item" i
       JOIN "${SCHEMA}"."application" a ON a."id" = i."application_id"
       LEFT JOIN "${SCHEMA}"."park_ref" r ON r."park_id" = a."park_id"
      WHERE i."publicity_id" = ANY($1)
      ORDER BY r."name", i."application_id"`,
    [publicityIds],
  );
  return rows.map((row) => ({
    publicityId: row.publicity_id,
    applicationId: row.application_id,
    outcome: row.outcome,
    kind: row.kind,
    parkId: row.park_id,
    // An application only reaches publicity after county review, so its park is known here.
    parkName: officialParkName(row.park_name ?? ''),
    countyCode: row.county_code ?? '',
    openObjections: row.open_objections,
    blockedNotified: row.blocked_notified,
  }));
}

/** An application leaves the period: guarded on "still in it", so two deciders cannot both act. */
export async function markItemOutcome(manager: EntityManager, item: Pick<PublicityItemRow, 'publicityId' | 'applicationId'>, outcome: ItemOutcome, now: Date): Promise<number> {
  return guardedUpdate(
    manager,
    `UPDATE "${SCHEMA}"."publicity_item" SET "outcome" = $3, "decided_at" = $4 WHERE "publicity_id" = $1 AND "application_id" = $2 AND "outcome" IS NULL`,
    [item.publicityId, item.applicationId, outcome, now],
  );
}
