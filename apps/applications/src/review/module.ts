import type { SubgraphModule } from '@cz/subgraph-kit';

/** Reviewing: county and city review, returns with reasons, the joint-evaluation panel, site inspection, approval (issue 3). */
export const reviewModule: SubgraphModule = { resolvers: {}, entities: [] };
