import type { SubgraphModule } from '@cz/subgraph-kit';

/** Art 12: talent and other subsidies resident enterprises applied for under other policies, recorded, never computed (issue 4). */
export const enterpriseSubsidiesModule: SubgraphModule = { resolvers: {}, entities: [] };
