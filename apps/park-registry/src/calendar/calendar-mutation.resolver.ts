import type { MutationResolvers } from '../generated/graphql';
import { setCalendarYear } from './calendar.service';

export const CalendarMutation: MutationResolvers = {
  setCalendarYear: (_parent, { year, expectedVersion, input }, { identity, requestId, dataSource }) => setCalendarYear(dataSource, { identity, requestId }, year, expectedVersion, input),
};
