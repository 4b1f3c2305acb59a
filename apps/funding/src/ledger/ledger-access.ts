import type { Operation } from '@cz/auth';
import { NotFoundError } from '@cz/errors';
import { authorizeForPark, type ParkRefEntity } from '@cz/park-refs';
import { isUuid } from '@cz/subgraph-kit';
import type { Context } from '../context';
import type { FundingAwardEntity } from '../entities/funding-award.entity';
import type { LedgerEntryEntity } from './ledger-entry.entity';
import { loadEntry } from './ledger-entries';

/** The guard of a movement on an award: the operation, in the jurisdiction of the award's park. */
export async function authorizeOnAward(context: Context, operation: Operation, awardId: string): Promise<{ award: FundingAwardEntity; park: ParkRefEntity }> {
  const award = isUuid(awardId) ? await context.loaders.awardById.load(awardId) : null;
  if (!award) throw new NotFoundError('资金记录不存在', { awardId });
  return { award, park: await authorizeForPark(context.identity, operation, award.parkId, context.loaders.parkRefs) };
}

/** The same guard for an operation on one entry (review, correction). */
export async function authorizeOnEntry(context: Context, operation: Operation, entryId: string): Promise<{ entry: LedgerEntryEntity & { award: FundingAwardEntity }; park: ParkRefEntity }> {
  const entry = await loadEntry(context.dataSource, entryId);
  return { entry, park: await authorizeForPark(context.identity, operation, entry.award.parkId, context.loaders.parkRefs) };
}
