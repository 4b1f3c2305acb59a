import { readableParkRecords } from '@cz/park-refs';
import type { ParkResolvers } from '../generated/graphql';
import { fundBalanceLoader } from './ledger-totals';

export const Park: ParkResolvers = {
  // Same guard as Park.fundingAwards (one statement for the park facts, one for the balances): a
  // park outside the caller's reach is refused, an unknown park holds nothing.
  fundBalance: async (park, _args, context) => {
    const [balance] = await readableParkRecords(context.identity, 'funding.read', park.id, context.loaders.parkRefs, async (parkId) => [await fundBalanceLoader(context).load(parkId)]);
    return (balance ?? 0n).toString();
  },
};
