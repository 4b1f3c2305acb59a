import { StoredFileEntity } from '@cz/files';
import type { SubgraphModule } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { Assessment } from './assessment-workflow.resolver';
import { AssessmentReviewerEntity } from './entities/assessment-reviewer.entity';
import { IndicatorScoreEntity } from './entities/indicator-score.entity';
import { RectificationEntity } from './entities/rectification.entity';
import { ScoreChangeEntity } from './entities/score-change.entity';
import { SelfAssessmentEntryEntity } from './entities/self-assessment-entry.entity';
import { evidenceFileRoutes } from './evidence-files';
import { Mutation } from './workflow-mutation.resolver';
import { Query } from './workflow-query.resolver';

const resolvers: Resolvers = { Query, Mutation, Assessment };

/** Templates, self-assessment, scoring, grading and Art 20 consequences (issue 5). */
export const workflowModule: SubgraphModule = {
  resolvers,
  entities: [SelfAssessmentEntryEntity, AssessmentReviewerEntity, IndicatorScoreEntity, ScoreChangeEntity, RectificationEntity, StoredFileEntity],
  fileRoutes: evidenceFileRoutes,
};
