import type { SubgraphModule } from '@cz/subgraph-kit';

/** Art 10 inputs: the city's yearly targets and each park's verified employment-promotion count (issue 4). */
export const employmentModule: SubgraphModule = { resolvers: {}, entities: [] };
