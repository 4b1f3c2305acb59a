import type { SubgraphModule } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { Application } from './application-review.resolver';
import { EvaluationConclusionEntity } from './entities/evaluation-conclusion.entity';
import { EvaluationScoreChangeEntity } from './entities/evaluation-score-change.entity';
import { PanelEvaluationEntity } from './entities/panel-evaluation.entity';
import { PanelMemberEntity } from './entities/panel-member.entity';
import { QualitativeFindingEntity } from './entities/qualitative-finding.entity';
import { ReviewDecisionEntity } from './entities/review-decision.entity';
import { SiteInspectionEntity } from './entities/site-inspection.entity';
import { Mutation } from './review-mutation.resolver';

const resolvers: Resolvers = { Mutation, Application };

/** Reviewing: county and city review, returns with reasons, the joint-evaluation panel, site inspection, approval (issue 3). */
export const reviewModule: SubgraphModule = {
  resolvers,
  entities: [ReviewDecisionEntity, PanelMemberEntity, PanelEvaluationEntity, EvaluationScoreChangeEntity, SiteInspectionEntity, QualitativeFindingEntity, EvaluationConclusionEntity],
};
