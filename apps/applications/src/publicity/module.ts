import type { SubgraphModule } from '@cz/subgraph-kit';
import { calendarChangedHandler } from './calendar-changed.handler';
import { ObjectionEntity } from './objection.entity';
import { publicityResolvers } from './publicity.resolvers';
import { PublicityEntity } from './publicity.entity';

/** Publicity periods (公示), objections (异议) and the working-day calendar copy (issue 3). */
export const publicityModule: SubgraphModule = {
  resolvers: publicityResolvers,
  entities: [PublicityEntity, ObjectionEntity],
  eventHandlers: { 'registry.calendar-changed': calendarChangedHandler },
};
