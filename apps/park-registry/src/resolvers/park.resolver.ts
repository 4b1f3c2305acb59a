import { authorize, can, maskName, maskPhone } from '@cz/auth';
import type { Context } from '../context';
import type { ParkEntity } from '../entities/park.entity';
import type { ParkResolvers } from '../generated/graphql';

const contactTarget = (park: ParkEntity) => ({ parkId: park.id, countyCode: park.countyCode });

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
  // Art 17: only the city bureau, the park's county bureau and the park itself see these unmasked.
  contactName: (park, _args, { identity }) => (can(identity, 'park.contact.read', contactTarget(park)) ? park.contactName : maskName(park.contactName)),
  contactPhone: (park, _args, { identity }) => (can(identity, 'park.contact.read', contactTarget(park)) ? park.contactPhone : maskPhone(park.contactPhone)),
};
