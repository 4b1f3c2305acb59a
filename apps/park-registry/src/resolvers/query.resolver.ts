import { authorize, requireListFilter } from '@cz/auth';
import { isUuid, paginate } from '@cz/subgraph-kit';
import { CountyEntity } from '../entities/county.entity';
import { ParkEntity } from '../entities/park.entity';
import type { QueryResolvers } from '../generated/graphql';

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

  parks: async (_parent, { first, after, filter }, { identity, dataSource }) => {
    const scope = requireListFilter(identity, 'park.read');
    const query = dataSource.getRepository(ParkEntity).createQueryBuilder('park');
    if (scope.kind === 'county') query.andWhere('park.county_code = :scopeCounty', { scopeCounty: scope.countyCode });
    if (scope.kind === 'park') query.andWhere('park.id = :scopePark', { scopePark: scope.parkId });
    if (scope.kind === 'assigned') query.andWhere('false');
    if (filter?.countyCode) query.andWhere('park.county_code = :county', { county: filter.countyCode });
    if (filter?.status) query.andWhere('park.status = :status', { status: filter.status });
    return paginate(query, { first, after }, { column: 'park.created_at', idColumn: 'park.id', direction: 'DESC', idOf: (park) => park.id });
  },
};
