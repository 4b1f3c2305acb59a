import type { SubgraphModule } from '@cz/subgraph-kit';

/** Opening yearly cycles (Art 18), their deadlines, reminders and escalations. */
export const cyclesModule: SubgraphModule = { resolvers: {}, entities: [] };
