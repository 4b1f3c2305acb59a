import { requireListFilter } from '@cz/auth';
import { applyParkScope, filterByParkCounty } from '@cz/park-refs';
import { paginate } from '@cz/subgraph-kit';
import { loadReadableApplication } from '../applications/application-access';
import { SCHEMA } from '../config';
import { ApplicationEntity } from '../entities/application.entity';
import type { QueryResolvers } from '../generated/graphql';

export const Query: QueryResolvers = {
  application: (_parent, { id }, context) => loadReadableApplication(id, context),

  applications: async (_parent, { first, after, filter }, { identity, dataSource }) => {
    const scope = requireListFilter(identity, 'application.read');
    const base = dataSource.getRepository(ApplicationEntity).createQueryBuilder('application');
    // A reviewer's scope is its panel assignments, which only this service knows.
    const query =
      scope.kind === 'assigned'
        ? base.where(`application.id IN (SELECT member.application_id FROM "${SCHEMA}"."application_panel_member" member WHERE member.subject = :subject)`, { subject: scope.subject })
        : applyParkScope(base, scope, 'application.park_id');
    filterByParkCounty(query, filter?.countyCode, 'application.park_id');
    if (filter?.stage) query.andWhere('application.stage = :stage', { stage: filter.stage });
    if (filter?.year !== undefined && filter.year !== null) query.andWhere('application.year = :year', { year: filter.year });
    if (filter?.kind) query.andWhere('application.kind = :kind', { kind: filter.kind });
    return paginate(query, { first, after }, { column: 'application.created_at', idColumn: 'application.id', direction: 'DESC', idOf: (row) => row.id });
  },
};
