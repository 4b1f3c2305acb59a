import { statisticsFilter } from '@cz/statistics';
import type { QueryResolvers } from '../generated/graphql';
import { parkStatisticsOf } from './park-statistics';

export const StatisticsQuery: QueryResolvers = {
  parkStatistics: (_parent, { countyCode }, { identity, dataSource, now }) => parkStatisticsOf(dataSource, statisticsFilter(identity, { countyCode }, now())),
};
