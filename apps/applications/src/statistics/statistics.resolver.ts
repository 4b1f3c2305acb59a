import { statisticsFilter } from '@cz/statistics';
import type { QueryResolvers } from '../generated/graphql';
import { applicationStatisticsOf } from './application-statistics';

export const StatisticsQuery: QueryResolvers = {
  applicationStatistics: (_parent, input, { identity, dataSource, now }) => applicationStatisticsOf(dataSource, statisticsFilter(identity, input, now())),
};
