import { authorize } from '@cz/auth';
import { CalendarNotCoveredError } from '@cz/calendar';
import type { QueryResolvers } from '../generated/graphql';
import { loadCalendarYear, loadCoveredYears, loadWorkingCalendar } from './calendar.repository';

export const CalendarQuery: QueryResolvers = {
  workingCalendar: async (_parent, { year }, { identity, dataSource }) => {
    authorize(identity, 'calendar.read');
    return loadCalendarYear(dataSource, year);
  },

  coveredCalendarYears: async (_parent, _args, { identity, dataSource }) => {
    authorize(identity, 'calendar.read');
    return loadCoveredYears(dataSource);
  },

  addWorkingDays: async (_parent, { from, days }, { identity, dataSource }) => {
    authorize(identity, 'calendar.read');
    const calendar = await loadWorkingCalendar(dataSource);
    // Counting from a day of an unknown year would silently assume ordinary weekdays around it.
    const fromYear = Number(from.slice(0, 4));
    if (!calendar.covers(fromYear)) throw new CalendarNotCoveredError(fromYear, 'from');
    return calendar.addWorkingDays(from, days, 'days');
  },
};
