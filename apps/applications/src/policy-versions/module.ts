import type { SubgraphModule } from '@cz/subgraph-kit';

/** Policy versions (Art 22) and eligibility results (issue 3). */
export const policyVersionsModule: SubgraphModule = { resolvers: {}, entities: [] };
