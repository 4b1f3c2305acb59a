import type { SubgraphModule } from '@cz/subgraph-kit';

/** Declaration, materials, reviews and approval (issue 3). */
export const workflowModule: SubgraphModule = { resolvers: {}, entities: [] };
