import type { SubgraphModule } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { CalendarDayEntity } from './calendar-day.entity';
import { CalendarYearEntity } from './calendar-year.entity';
import { CalendarMutation } from './calendar-mutation.resolver';
import { CalendarQuery } from './calendar-query.resolver';

const resolvers: Resolvers = { Query: CalendarQuery, Mutation: CalendarMutation };

/** Working-day calendar maintained by the city bureau (issue 3). */
export const calendarModule: SubgraphModule = { resolvers, entities: [CalendarYearEntity, CalendarDayEntity] };
