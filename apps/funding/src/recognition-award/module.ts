import type { SubgraphModule } from '@cz/subgraph-kit';
import type { FundingAwardResolvers, Resolvers } from '../generated/graphql';
import { recognitionApprovedHandler } from './application-approved.handler';
import { awardOriginLoader } from './award-origin.loader';

// The parent has passed the award read guard; these fields only say where the award came from.
const FundingAward: FundingAwardResolvers = {
  sourceApplicationId: async (award, _args, context) => (await awardOriginLoader(context).load(award.id))?.source_application_id ?? null,
  policyVersionCode: async (award, _args, context) => (await awardOriginLoader(context).load(award.id))?.policy_version_code ?? null,
};

const resolvers: Resolvers = { FundingAward };

/** Art 9: the one-time recognition award, created from the approval event exactly once per park (issue 4). */
export const recognitionAwardModule: SubgraphModule = {
  resolvers,
  entities: [],
  eventHandlers: { 'applications.application-approved': recognitionApprovedHandler },
};
