import { requireListFilter } from '@cz/auth';
import { applyParkScope, filterByParkCounty } from '@cz/park-refs';
import { paginate } from '@cz/subgraph-kit';
import { loadReadableAward } from '../awards/award-access';
import { FundingAwardEntity } from '../entities/funding-award.entity';
import type { QueryResolvers } from '../generated/graphql';

export const Query: QueryResolvers = {
  fundingAward: (_parent, { id }, context) => loadReadableAward(id, context),

  fundingAwards: async (_parent, { first, after, filter }, { identity, dataSource }) => {
    const scope = requireListFilter(identity, 'funding.read');
    const query = applyParkScope(dataSource.getRepository(FundingAwardEntity).createQueryBuilder('award'), scope, 'award.park_id');
    filterByParkCounty(query, filter?.countyCode, 'award.park_id');
    if (filter?.year != null) query.andWhere('award.year = :year', { year: filter.year });
    if (filter?.kind) query.andWhere('award.kind = :kind', { kind: filter.kind });
    if (filter?.status) query.andWhere('award.status = :status', { status: filter.status });
    return paginate(query, { first, after }, { column: 'award.created_at', idColumn: 'award.id', direction: 'DESC', idOf: (award) => award.id });
  },
};
