import type { FundingAwardResolvers } from '../generated/graphql';
import { buildStatement } from './award-statement';
import { entriesByAwardLoader } from './ledger-entries';
import { awardTotalsLoader, availableToPayOf, balanceOf } from './ledger-totals';

/**
 * Ledger fields of a FundingAward. The parent has passed the award read guard (Query.fundingAward,
 * Query.fundingAwards, Park.fundingAwards, _entities); every field batches per request.
 */
export const FundingAward: FundingAwardResolvers = {
  granted: async (award, _args, context) => (await awardTotalsLoader(context).load(award.id)).granted.toString(),
  paid: async (award, _args, context) => (await awardTotalsLoader(context).load(award.id)).paid.toString(),
  spent: async (award, _args, context) => (await awardTotalsLoader(context).load(award.id)).spent.toString(),
  balance: async (award, _args, context) => balanceOf(await awardTotalsLoader(context).load(award.id)).toString(),
  availableToPay: async (award, _args, context) => availableToPayOf(await awardTotalsLoader(context).load(award.id)).toString(),
  statement: async (award, _args, context) => {
    const [entries, totals] = await Promise.all([entriesByAwardLoader(context).load(award.id), awardTotalsLoader(context).load(award.id)]);
    return buildStatement(entries, totals);
  },
};
