import { loadReadableRecord } from '@cz/park-refs';
import type { Context } from '../context';
import type { FundingAwardEntity } from '../entities/funding-award.entity';

/** The read guard for one award, shared by Query.fundingAward and the _entities path. */
export function loadReadableAward(id: string, { identity, loaders }: Context): Promise<FundingAwardEntity | null> {
  return loadReadableRecord(identity, 'funding.read', id, loaders.awardById, loaders.parkRefs);
}
