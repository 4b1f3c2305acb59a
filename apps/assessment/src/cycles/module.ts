import type { SubgraphModule } from '@cz/subgraph-kit';
import { calendarChangedHandler } from './calendar-changed.handler';
import { cyclesResolvers } from './cycles.resolvers';

/** Opening yearly cycles (Art 18), their deadlines, reminders and escalations, and the calendar copy they are counted in. */
export const cyclesModule: SubgraphModule = {
  resolvers: cyclesResolvers,
  entities: [],
  eventHandlers: { 'registry.calendar-changed': calendarChangedHandler },
};
