import { authorizeForPark } from '@cz/park-refs';
import type { Context } from '../context';
import type { FundingAwardEntity } from '../entities/funding-award.entity';
import { isUuid } from '../loaders';

/**
 * The one read guard for a single award, shared by Query.fundingAward and the _entities path
 * (which bypasses Query): null when it does not exist, FORBIDDEN outside the caller's jurisdiction.
 */
export async function loadReadableAward(id: string, { identity, loaders }: Context): Promise<FundingAwardEntity | null> {
  const award = isUuid(id) ? await loaders.awardById.load(id) : null;
  if (!award) return null;
  await authorizeForPark(identity, 'funding.read', award.parkId, loaders.parkRefs);
  return award;
}
