import { authorize, requireListFilter } from '@cz/auth';
import type { ParkResolvers } from '../generated/graphql';
import { isUuid } from '../loaders';

export const Park: ParkResolvers = {
  // Resolved for many parks at once (a parks list, _entities): both loaders run one statement each
  // for the whole request, however many parks there are.
  fundingAwards: async (park, _args, { identity, loaders }) => {
    // A role that may see no funding at all (the data team) is refused, not shown empty lists.
    requireListFilter(identity, 'funding.read');
    if (!isUuid(park.id)) return [];
    const [ref, awards] = await Promise.all([loaders.parkRefs.load(park.id), loaders.awardsByPark.load(park.id)]);
    // A park this service has not heard of has no awards yet.
    if (!ref) return [];
    authorize(identity, 'funding.read', { parkId: ref.parkId, countyCode: ref.countyCode });
    return awards;
  },
};
