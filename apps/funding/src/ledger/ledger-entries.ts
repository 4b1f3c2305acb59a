import { NotFoundError } from '@cz/errors';
import { formatYuan } from '@cz/policy';
import { isUuid, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { Context } from '../context';
import { FundingAwardEntity } from '../entities/funding-award.entity';
import type { ResolversTypes, SpendingReviewStatus } from '../generated/graphql';
import { isEntryId } from './ledger-input.rules';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { SpendingReviewEntity } from './spending-review.entity';

/**
 * Entries with what every view of them needs, in the same statement: the award (for the park and
 * its guard), the review of a spending, the correction that reversed the entry, and for a
 * correction the entry it reverses. Each join matches at most one row.
 */
export function entriesQuery(db: DataSource | EntityManager) {
  return db
    .getRepository(LedgerEntryEntity)
    .createQueryBuilder('entry')
    .innerJoinAndMapOne('entry.award', FundingAwardEntity, 'award', 'award.id = entry.award_id')
    .leftJoinAndMapOne('entry.review', SpendingReviewEntity, 'review', 'review.entry_id = entry.id')
    .leftJoinAndMapOne('entry.reversal', LedgerEntryEntity, 'reversal', 'reversal.reverses_entry_id = entry.id')
    .leftJoinAndMapOne('entry.reversed', LedgerEntryEntity, 'reversed', 'reversed.id = entry.reverses_entry_id');
}

/** One entry with its joins; NOT_FOUND when the id names none. */
export async function loadEntry(db: DataSource | EntityManager, id: string): Promise<LedgerEntryEntity & { award: FundingAwardEntity }> {
  const entry = isEntryId(id) ? await entriesQuery(db).where('entry.id = :id', { id }).getOne() : null;
  if (!entry?.award) throw new NotFoundError('资金台账分录不存在', { entryId: id });
  return entry as LedgerEntryEntity & { award: FundingAwardEntity };
}

/** Every entry of each award of the request, oldest first, in one statement (statements). */
export const entriesByAwardLoader = perRequest(({ dataSource }: Context) =>
  loaderGroupedByKey(
    (awardIds: readonly string[]) =>
      entriesQuery(dataSource)
        .where('entry.award_id = ANY(:awardIds)', { awardIds: awardIds.filter(isUuid) })
        .orderBy('entry.id', 'ASC')
        .getMany(),
    (entry) => entry.awardId,
  ),
);

export function reviewStatusOf(entry: LedgerEntryEntity): SpendingReviewStatus | null {
  if (entry.kind !== 'SPENDING') return null;
  if (!entry.review) return 'PENDING';
  return entry.review.decision === 'RETURN' ? 'RETURNED' : 'ACCEPTED';
}

/** The GraphQL shape of an entry loaded by entriesQuery. */
export function toLedgerEntry(entry: LedgerEntryEntity): ResolversTypes['LedgerEntry'] {
  if (!entry.award) throw new Error(`ledger entry ${entry.id} was loaded without its award`);
  const { review } = entry;
  return {
    id: entry.id,
    award: entry.award,
    park: { id: entry.award.parkId },
    kind: entry.kind,
    amount: entry.amountFen,
    amountYuan: formatYuan(entry.amountFen),
    occurredOn: entry.occurredOn,
    reversesEntryId: entry.reversesEntryId,
    reversedByEntryId: entry.reversal?.id ?? null,
    category: entry.category,
    description: entry.description,
    evidence: entry.evidence,
    // The EvidenceFile field resolver loads them per request, batched; the row does not carry them.
    evidenceFiles: [],
    voucherNo: entry.voucherNo,
    reason: entry.reason,
    idempotencyKey: entry.idempotencyKey,
    reviewStatus: reviewStatusOf(entry),
    review: review ? { decision: review.decision, reason: review.reason, reviewedBy: review.reviewedBy, reviewedRole: review.reviewedRole, reviewedAt: review.reviewedAt } : null,
    recordedBy: entry.recordedBy,
    recordedRole: entry.recordedRole,
    recordedAt: entry.recordedAt,
  };
}
