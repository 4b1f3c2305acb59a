import type { Identity } from '@cz/auth';
import { guardedUpdate } from '@cz/db';
import { ConflictError } from '@cz/errors';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { FundingStatus } from '../entities/funding-award.entity';
import type { LedgerEntryKind, SpendingCategory } from './ledger-entry.entity';
import { type AwardTotals, type LockedAward, totalsNow } from './ledger-totals';

export interface NewEntry {
  awardId: string;
  kind: LedgerEntryKind;
  amountFen: bigint;
  occurredOn: string;
  recordedBy: Identity;
  reversesEntryId?: string;
  idempotencyKey?: string;
  category?: SpendingCategory;
  description?: string;
  evidence?: string;
  voucherNo?: string;
  reason?: string;
}

/**
 * Appends one entry through the caller's transaction. Returns its id, or null when its
 * idempotency key is already taken (the caller answers with the entry that holds it).
 */
export async function insertEntry(manager: EntityManager, entry: NewEntry): Promise<string | null> {
  const rows: Array<{ id: string }> = await manager.query(
    `INSERT INTO "${SCHEMA}"."ledger_entry"
       ("award_id", "kind", "amount_fen", "reverses_entry_id", "idempotency_key", "category", "description", "evidence", "voucher_no", "reason", "occurred_on", "recorded_by", "recorded_role")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT ("idempotency_key") DO NOTHING RETURNING "id"`,
    [
      entry.awardId,
      entry.kind,
      entry.amountFen.toString(),
      entry.reversesEntryId ?? null,
      entry.idempotencyKey ?? null,
      entry.category ?? null,
      entry.description ?? null,
      entry.evidence ?? null,
      entry.voucherNo ?? null,
      entry.reason ?? null,
      entry.occurredOn,
      entry.recordedBy.subject,
      entry.recordedBy.role,
    ],
  );
  return rows[0]?.id ?? null;
}

export interface Grant {
  awardId: string;
  amountFen: bigint;
  occurredOn: string;
  description: string;
  actor: Identity;
  /** Defaults to one grant per award; a later re-grant (after a reversing correction) names its own. */
  idempotencyKey?: string;
}

/**
 * The GRANT entry that makes an award's amount payable: the award's creator calls it in the same
 * transaction (the recognition award here; operating subsidies when they are approved).
 */
export async function recordGrant(manager: EntityManager, grant: Grant): Promise<string> {
  const key = grant.idempotencyKey ?? `grant.${grant.awardId}`;
  const id = await insertEntry(manager, { awardId: grant.awardId, kind: 'GRANT', amountFen: grant.amountFen, occurredOn: grant.occurredOn, description: grant.description, recordedBy: grant.actor, idempotencyKey: key });
  if (id) return id;
  const [existing]: Array<{ id: string }> = await manager.query(`SELECT "id" FROM "${SCHEMA}"."ledger_entry" WHERE "idempotency_key" = $1`, [key]);
  return existing.id;
}

/**
 * After a movement: the award's totals as this transaction left them, and APPROVED/PAID kept in
 * step with them (fully paid → PAID; a correction that leaves something unpaid → APPROVED again).
 * Other statuses belong to their own workflows. The award is locked by the caller, so the guard
 * fails only on a bug; it is kept to make that loud.
 */
export async function settleAward(manager: EntityManager, award: LockedAward): Promise<{ totals: AwardTotals; status: FundingStatus }> {
  const totals = await totalsNow(manager, award.id);
  const fullyPaid = totals.granted > 0n && totals.paid >= totals.granted;
  const target: FundingStatus | null = award.status === 'APPROVED' && fullyPaid ? 'PAID' : award.status === 'PAID' && !fullyPaid ? 'APPROVED' : null;
  if (!target) return { totals, status: award.status };
  const changed = await guardedUpdate(
    manager,
    `UPDATE "${SCHEMA}"."funding_award" SET "status" = $3, "version" = "version" + 1, "updated_at" = now() WHERE "id" = $1 AND "status" = $2 AND "version" = $4`,
    [award.id, award.status, target, award.version],
  );
  if (changed === 0) throw new ConflictError('资金记录已被他人修改，请刷新后重试', { awardId: award.id });
  return { totals, status: target };
}
