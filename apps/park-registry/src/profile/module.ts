import type { SubgraphModule } from '@cz/subgraph-kit';

/** Park sites, resident institutions, public service functions, status history and recognition (issue 3). */
export const profileModule: SubgraphModule = { resolvers: {}, entities: [] };
