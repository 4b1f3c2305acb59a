import { readableParkRecords } from '@cz/park-refs';
import type { ParkResolvers } from '../generated/graphql';
import { subsidiesByParkLoader, toSubsidyReference } from './enterprise-subsidy-references';

export const Park: ParkResolvers = {
  // Same guard as Park.fundingAwards: one statement for the park facts, one for the references.
  enterpriseSubsidies: async (park, _args, context) => {
    const subsidies = await readableParkRecords(context.identity, 'funding.read', park.id, context.loaders.parkRefs, (parkId) => subsidiesByParkLoader(context).load(parkId));
    return subsidies.map(toSubsidyReference);
  },
};
