import { requireListFilter } from '@cz/auth';
import { applyParkScope } from '@cz/park-refs';
import { paginate } from '@cz/subgraph-kit';
import { loadReadableAward } from '../awards/award-access';
import { FundingAwardEntity } from '../entities/funding-award.entity';
import type { QueryResolvers } from '../generated/graphql';

export const Query: QueryResolvers = {
  fundingAward: (_parent, { id }, context) => loadReadableAward(id, context),

  fundingAwards: async (_parent, { first, after, filter }, { identity, dataSource }) => {
    const scope = requireListFilter(identity, 'funding.read');
    const query = applyParkScope(dataSource.getRepository(FundingAwardEntity).createQueryBuilder('award'), scope, 'award.park_id');
    // The county is the registry's, as this service last heard it (park_ref).
    if (filter?.countyCode) query.andWhere('award.park_id IN (SELECT fref.park_id FROM park_ref fref WHERE fref.county_code = :filterCounty)', { filterCounty: filter.countyCode });
    if (filter?.year != null) query.andWhere('award.year = :year', { year: filter.year });
    if (filter?.kind) query.andWhere('award.kind = :kind', { kind: filter.kind });
    if (filter?.status) query.andWhere('award.status = :status', { status: filter.status });
    return paginate(query, { first, after }, { column: 'award.created_at', idColumn: 'award.id', direction: 'DESC', valueOf: (award) => award.createdAt.toISOString(), idOf: (award) => award.id });
  },
};
