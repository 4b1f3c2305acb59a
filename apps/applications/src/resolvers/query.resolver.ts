import { paginate } from '@cz/subgraph-kit';
import { loadReadableApplication } from '../applications/application-access';
import { applicationListQuery } from '../applications/application-list.query';
import type { QueryResolvers } from '../generated/graphql';

export const Query: QueryResolvers = {
  application: (_parent, { id }, context) => loadReadableApplication(id, context),

  applications: async (_parent, { first, after, filter }, { identity, dataSource }) =>
    paginate(applicationListQuery(dataSource, identity, filter), { first, after }, { column: 'application.created_at', idColumn: 'application.id', direction: 'DESC', idOf: (row) => row.id }),
};
