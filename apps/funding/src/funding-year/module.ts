import type { SubgraphModule } from '@cz/subgraph-kit';
import type { QueryResolvers, Resolvers } from '../generated/graphql';
import { fundingYearSummary } from './funding-year';

const Query: QueryResolvers = {
  fundingYear: (_parent, { year, countyCode }, { dataSource, identity }) => fundingYearSummary(dataSource, identity, year, countyCode),
};

const resolvers: Resolvers = { Query };

/** The funding views of a year: totals only, for the bureaus, finance and the data team (issue 4). */
export const fundingYearModule: SubgraphModule = { resolvers, entities: [] };
