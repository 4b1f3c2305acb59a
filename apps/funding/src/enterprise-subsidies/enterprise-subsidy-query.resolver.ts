import { requireListFilter } from '@cz/auth';
import { BadUserInputError } from '@cz/errors';
import { applyParkScope, filterByParkCounty } from '@cz/park-refs';
import { paginate } from '@cz/subgraph-kit';
import type { QueryResolvers } from '../generated/graphql';
import { subsidiesQuery, toSubsidyReference } from './enterprise-subsidy-references';

export const Query: QueryResolvers = {
  enterpriseSubsidyReferences: async (_parent, { first, after, filter }, { identity, dataSource }) => {
    const scope = requireListFilter(identity, 'funding.read');
    const query = applyParkScope(subsidiesQuery(dataSource), scope, 'subsidy.park_id');
    filterByParkCounty(query, filter?.countyCode, 'subsidy.park_id');
    if (filter?.status) query.andWhere('subsidy.status = :status', { status: filter.status });
    if (filter?.kind) query.andWhere('subsidy.subsidy_kind = :kind', { kind: filter.kind });
    if (filter?.appliedYear != null) {
      const year = filter.appliedYear;
      if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new BadUserInputError('filter.appliedYear', '年度必须是 2000 到 2999 之间的整数');
      // A range on the date column rather than EXTRACT, so an index on applied_on could serve it.
      query.andWhere('subsidy.applied_on >= :yearStart AND subsidy.applied_on < :yearEnd', { yearStart: `${year}-01-01`, yearEnd: `${year + 1}-01-01` });
    }
    const page = await paginate(query, { first, after }, { column: 'subsidy.recorded_at', idColumn: 'subsidy.id', direction: 'DESC', idOf: (subsidy) => subsidy.id });
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toSubsidyReference(edge.node) })) };
  },
};
