import type { SubgraphModule } from '@cz/subgraph-kit';

/** The append-only ledger: payments confirmed by finance, spending of funds (Art 11), statements (issue 4). */
export const ledgerModule: SubgraphModule = { resolvers: {}, entities: [] };
