import type { SubgraphModule } from '@cz/subgraph-kit';

/** Declaring: drafts, declared facts, materials (versioned files), submission with frozen facts and eligibility (issue 3). */
export const declarationModule: SubgraphModule = { resolvers: {}, entities: [] };
