import { NotFoundError } from '@cz/errors';
import { isUuid, perRequest } from '@cz/subgraph-kit';
import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { FundingStatus } from '../entities/funding-award.entity';

/** An award's totals in fen, as the view award_ledger_totals computes them. */
export interface AwardTotals {
  granted: bigint;
  paid: bigint;
  spent: bigint;
}

export const NO_MOVEMENTS: AwardTotals = Object.freeze({ granted: 0n, paid: 0n, spent: 0n });

/** 结余: money the park holds. */
export const balanceOf = (totals: AwardTotals): bigint => totals.paid - totals.spent;
/** 待拨付: granted and not yet paid. */
export const availableToPayOf = (totals: AwardTotals): bigint => totals.granted - totals.paid;

type TotalsRow = { award_id: string; granted_fen: string; paid_fen: string; spent_fen: string };

/** Totals of many awards in one statement; awards without entries have none (callers use NO_MOVEMENTS). */
export async function readTotals(db: DataSource | EntityManager, awardIds: readonly string[]): Promise<Map<string, AwardTotals>> {
  const rows: TotalsRow[] = await db.query(`SELECT "award_id", "granted_fen", "paid_fen", "spent_fen" FROM "${SCHEMA}"."award_ledger_totals" WHERE "award_id" = ANY($1)`, [awardIds.filter(isUuid)]);
  return new Map(rows.map((row) => [row.award_id, { granted: BigInt(row.granted_fen), paid: BigInt(row.paid_fen), spent: BigInt(row.spent_fen) }]));
}

/** One award's totals as they stand in this transaction (after its own inserts). */
export async function totalsNow(manager: EntityManager, awardId: string): Promise<AwardTotals> {
  return (await readTotals(manager, [awardId])).get(awardId) ?? NO_MOVEMENTS;
}

export interface LockedAward {
  id: string;
  parkId: string;
  kind: string;
  status: FundingStatus;
  version: number;
  totals: AwardTotals;
}

/**
 * Locks the award row for the rest of the transaction and reads its totals after the lock: every
 * movement of an award takes this lock first, so concurrent movements queue and each sees the
 * totals the previous one committed (READ COMMITTED takes a fresh snapshot per statement).
 */
export async function lockAward(manager: EntityManager, awardId: string): Promise<LockedAward> {
  const rows: Array<{ id: string; park_id: string; kind: string; status: FundingStatus; version: number }> = await manager.query(
    `SELECT "id", "park_id", "kind", "status", "version" FROM "${SCHEMA}"."funding_award" WHERE "id" = $1 FOR UPDATE`,
    [awardId],
  );
  if (rows.length === 0) throw new NotFoundError('资金记录不存在', { awardId });
  const [award] = rows;
  return { id: award.id, parkId: award.park_id, kind: award.kind, status: award.status, version: award.version, totals: await totalsNow(manager, award.id) };
}

/** FundingAward.granted/paid/spent/…: one statement for every award of the request. */
export const awardTotalsLoader = perRequest(
  ({ dataSource }: Context) =>
    new DataLoader<string, AwardTotals>(async (awardIds) => {
      const totals = await readTotals(dataSource, awardIds);
      return awardIds.map((id) => totals.get(id) ?? NO_MOVEMENTS);
    }),
);

/** Park.fundBalance: the balances of each park's awards summed, one statement for every park of the request. */
export const fundBalanceLoader = perRequest(
  ({ dataSource }: Context) =>
    new DataLoader<string, bigint>(async (parkIds) => {
      const rows: Array<{ park_id: string; balance_fen: string }> = await dataSource.query(
        `SELECT award."park_id", sum(totals."paid_fen" - totals."spent_fen")::bigint AS "balance_fen"
         FROM "${SCHEMA}"."funding_award" award JOIN "${SCHEMA}"."award_ledger_totals" totals ON totals."award_id" = award."id"
         WHERE award."park_id" = ANY($1) GROUP BY award."park_id"`,
        [parkIds.filter(isUuid)],
      );
      const byPark = new Map(rows.map((row) => [row.park_id, BigInt(row.balance_fen)]));
      return parkIds.map((id) => byPark.get(id) ?? 0n);
    }),
);
