import { formatYuan } from '@cz/policy';
import type { Context } from '../context';
import { loadReadableAward } from '../awards/award-access';
import type { FundingAwardResolvers } from '../generated/graphql';

export const FundingAward: FundingAwardResolvers = {
  // The _entities path bypasses Query.fundingAward, so it runs the same guard.
  __resolveReference: (reference: { id: string }, context: Context) => loadReadableAward(reference.id, context),
  park: (award) => ({ id: award.parkId }),
  amount: (award) => award.amountFen,
  amountYuan: (award) => formatYuan(award.amountFen),
};
