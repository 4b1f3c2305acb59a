import type { SubgraphModule } from '@cz/subgraph-kit';

/** Templates, self-assessment, scoring, grading and Art 20 consequences. */
export const workflowModule: SubgraphModule = { resolvers: {}, entities: [] };
