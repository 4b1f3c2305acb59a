import type { SubgraphModule } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { policyVersionChangedHandler } from './policy-version-refs';
import { assessmentGradedHandler } from './subsidy-events.handler';
import { FundingAward, Park } from './subsidy.resolver';

const resolvers: Resolvers = { FundingAward, Park };

/**
 * Art 10 yearly operating subsidies: created once per park and year from the verified count and the
 * city's targets (hooks in the employment module's transactions), computed from funding's copy of
 * the policy versions, and moved by the park's assessment (Art 20) and revocation (issue 4).
 * The revocation handler wraps the core park-profile handler, so service.ts registers it.
 */
export const operatingSubsidyModule: SubgraphModule = {
  resolvers,
  entities: [],
  eventHandlers: { 'applications.policy-version-changed': policyVersionChangedHandler, 'assessment.assessment-graded': assessmentGradedHandler },
};
