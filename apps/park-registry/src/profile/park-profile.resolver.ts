import { authorize } from '@cz/auth';
import type { Context } from '../context';
import type { ParkEntity } from '../entities/park.entity';
import type { ParkResolvers } from '../generated/graphql';
import { inArticleOrder } from './profile-input.rules';
import { institutionsByPark, publicServicesByPark, sitesByPark, statusHistoryByPark } from './profile-loaders';

/** The guard of Park itself: these fields are reached from lists and `_entities` too, so each checks. */
function readable(park: ParkEntity, { identity }: Context): string {
  authorize(identity, 'park.read', { parkId: park.id, countyCode: park.countyCode });
  return park.id;
}

export const Park: ParkResolvers = {
  sites: (park, _args, context) => sitesByPark(context).load(readable(park, context)),
  institutions: (park, _args, context) => institutionsByPark(context).load(readable(park, context)),
  publicServices: async (park, _args, context) => inArticleOrder((await publicServicesByPark(context).load(readable(park, context))).map((row) => row.function)),
  statusHistory: (park, _args, context) => statusHistoryByPark(context).load(readable(park, context)),
};
