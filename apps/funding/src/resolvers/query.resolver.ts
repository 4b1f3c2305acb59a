import { paginate } from '@cz/subgraph-kit';
import { loadReadableAward } from '../awards/award-access';
import { fundingAwardListQuery } from '../awards/award-list.query';
import type { QueryResolvers } from '../generated/graphql';

export const Query: QueryResolvers = {
  fundingAward: (_parent, { id }, context) => loadReadableAward(id, context),

  fundingAwards: async (_parent, { first, after, filter }, { identity, dataSource }) =>
    paginate(fundingAwardListQuery(dataSource, identity, filter), { first, after }, { column: 'award.created_at', idColumn: 'award.id', direction: 'DESC', idOf: (award) => award.id }),
};
