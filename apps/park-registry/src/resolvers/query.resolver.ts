import { authorize } from '@cz/auth';
import { isUuid, paginate } from '@cz/subgraph-kit';
import { CountyEntity } from '../entities/county.entity';
import type { QueryResolvers } from '../generated/graphql';
import { parkListQuery } from '../parks/park-list.query';

export const Query: QueryResolvers = {
  counties: async (_parent, _args, { identity, dataSource }) => {
    authorize(identity, 'county.read');
    return dataSource.getRepository(CountyEntity).find({ order: { code: 'ASC' } });
  },

  park: async (_parent, { id }, { identity, loaders }) => {
    const park = isUuid(id) ? await loaders.parkById.load(id) : null;
    if (!park) return null;
    authorize(identity, 'park.read', { parkId: park.id, countyCode: park.countyCode });
    return park;
  },

  parks: async (_parent, { first, after, filter }, { identity, dataSource }) =>
    paginate(parkListQuery(dataSource, identity, filter), { first, after }, { column: 'park.created_at', idColumn: 'park.id', direction: 'DESC', idOf: (park) => park.id }),
};
