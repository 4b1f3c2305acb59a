import type { SubgraphModule } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { StatisticsQuery } from './statistics.resolver';

const resolvers: Resolvers = { Query: StatisticsQuery };

/** Programme statistics of the registry's parks: aggregates only, for the bureaus, finance and the data team (issue 7). */
export const statisticsModule: SubgraphModule = { resolvers, entities: [] };
