import { statisticsFilter } from '@cz/statistics';
import type { QueryResolvers } from '../generated/graphql';
import { assessmentStatisticsOf } from './assessment-statistics';

export const StatisticsQuery: QueryResolvers = {
  assessmentStatistics: (_parent, input, { identity, dataSource, now }) => assessmentStatisticsOf(dataSource, statisticsFilter(identity, input, now())),
};
