import type { SubgraphModule } from '@cz/subgraph-kit';

/** Publicity periods, objections and the working-day calendar copy (issue 3). */
export const publicityModule: SubgraphModule = { resolvers: {}, entities: [] };
