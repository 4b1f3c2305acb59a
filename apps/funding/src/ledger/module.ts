import { StoredFileEntity } from '@cz/files';
import type { SubgraphModule } from '@cz/subgraph-kit';
import { evidenceFileRoutes } from '../evidence/evidence-files';
import { evidenceFilesOfEntry } from '../evidence/evidence.resolver';
import type { Resolvers } from '../generated/graphql';
import { FundingAward } from './funding-award-ledger.resolver';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { Mutation } from './ledger-mutation.resolver';
import { Query } from './ledger-query.resolver';
import { Park } from './park-fund-balance.resolver';
import { SpendingReviewEntity } from './spending-review.entity';

const resolvers: Resolvers = { Query, Mutation, FundingAward, Park, LedgerEntry: { evidenceFiles: evidenceFilesOfEntry } };

/**
 * The append-only ledger: payments confirmed by finance, spending of funds (Art 11), statements (issue 4).
 * It also serves the evidence file store that spending and employment reports cite (`/files/evidence`).
 */
export const ledgerModule: SubgraphModule = { resolvers, entities: [LedgerEntryEntity, SpendingReviewEntity, StoredFileEntity], fileRoutes: evidenceFileRoutes };
