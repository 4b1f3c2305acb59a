import type { SubgraphModule } from '@cz/subgraph-kit';

/** Working-day calendar maintained by the city bureau (issue 3). */
export const calendarModule: SubgraphModule = { resolvers: {}, entities: [] };
