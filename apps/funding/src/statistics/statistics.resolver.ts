import { statisticsFilter } from '@cz/statistics';
import type { QueryResolvers } from '../generated/graphql';
import { fundingStatisticsOf } from './funding-statistics';

export const StatisticsQuery: QueryResolvers = {
  fundingStatistics: (_parent, input, { identity, dataSource, now }) => fundingStatisticsOf(dataSource, statisticsFilter(identity, input, now())),
};
