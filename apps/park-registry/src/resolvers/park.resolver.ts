import { authorize, maskName, maskPhone } from '@cz/auth';
import type { Context } from '../context';
import type { ParkResolvers } from '../generated/graphql';

export const Park: ParkResolvers = {
  // The _entities path bypasses Query.park, so it runs the same guard.
  __resolveReference: async (reference: { id: string }, { identity, loaders }: Context) => {
    const park = await loaders.parkById.load(reference.id);
    if (!park) return null;
    authorize(identity, 'park.read', { parkId: park.id, countyCode: park.countyCode });
    return park;
  },
  county: async (park, _args, { loaders }) => {
    const county = await loaders.countyByCode.load(park.countyCode);
    if (!county) throw new Error(`park ${park.id} refers to unknown county ${park.countyCode}`);
    return county;
  },
  // Art 17: masked for every role; the entitled see them whole only through revealParkContact, which is logged.
  contactName: (park) => maskName(park.contactName),
  contactPhone: (park) => maskPhone(park.contactPhone),
};
