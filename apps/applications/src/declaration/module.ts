import type { SubgraphModule } from '@cz/subgraph-kit';
import { ApplicationSubmissionEntity } from './application-submission.entity';
import { declarationResolvers } from './declaration.resolver';
import { DraftFactsEntity } from './draft-facts.entity';
import { materialFileRoutes } from './material-files.routes';
import { MaterialEntity } from './material.entity';

/** Declaring: drafts, declared facts, materials (versioned files), submission with frozen facts and eligibility (issue 3). */
export const declarationModule: SubgraphModule = {
  resolvers: declarationResolvers,
  entities: [DraftFactsEntity, ApplicationSubmissionEntity, MaterialEntity],
  fileRoutes: materialFileRoutes,
};
