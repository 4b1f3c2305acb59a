import { requireListFilter } from '@cz/auth';
import { applyParkScope, filterByParkCounty } from '@cz/park-refs';
import { paginate } from '@cz/subgraph-kit';
import { loadReadableApplication } from '../applications/application-access';
import { ApplicationEntity } from '../entities/application.entity';
import type { QueryResolvers } from '../generated/graphql';

export const Query: QueryResolvers = {
  application: (_parent, { id }, context) => loadReadableApplication(id, context),

  applications: async (_parent, { first, after, filter }, { identity, dataSource }) => {
    const scope = requireListFilter(identity, 'application.read');
    const query = applyParkScope(dataSource.getRepository(ApplicationEntity).createQueryBuilder('application'), scope, 'application.park_id');
    filterByParkCounty(query, filter?.countyCode, 'application.park_id');
    if (filter?.stage) query.andWhere('application.stage = :stage', { stage: filter.stage });
    if (filter?.year !== undefined && filter.year !== null) query.andWhere('application.year = :year', { year: filter.year });
    if (filter?.kind) query.andWhere('application.kind = :kind', { kind: filter.kind });
    return paginate(query, { first, after }, { column: 'application.created_at', idColumn: 'application.id', direction: 'DESC', idOf: (row) => row.id });
  },
};
