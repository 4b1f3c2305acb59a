import { requireListFilter } from '@cz/auth';
import { applyParkScope, filterByParkCounty } from '@cz/park-refs';
import { paginate } from '@cz/subgraph-kit';
import type { QueryResolvers } from '../generated/graphql';
import { year as validYear } from './employment-input.rules';
import { reportsQuery, toEmploymentReport } from './employment-reports';
import { readYearlyTargets } from './yearly-targets';

export const Query: QueryResolvers = {
  yearlyTargets: (_parent, { year }, context) => readYearlyTargets(context, year),

  employmentReports: async (_parent, { first, after, filter }, { identity, dataSource }) => {
    const scope = requireListFilter(identity, 'funding.read');
    const query = applyParkScope(reportsQuery(dataSource), scope, 'report.park_id');
    filterByParkCounty(query, filter?.countyCode, 'report.park_id');
    if (filter?.year != null) query.andWhere('report.year = :year', { year: validYear('filter.year', filter.year) });
    if (filter?.status) query.andWhere('report.status = :status', { status: filter.status });
    const page = await paginate(query, { first, after }, { column: 'report.reported_at', idColumn: 'report.id', direction: 'DESC', idOf: (report) => report.id });
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toEmploymentReport(edge.node) })) };
  },
};
