import type { MutationResolvers } from '../generated/graphql';
import { toSubsidyReference } from './enterprise-subsidy-references';
import { recordEnterpriseSubsidy } from './record-enterprise-subsidy';
import { updateEnterpriseSubsidyStatus } from './update-enterprise-subsidy-status';

export const Mutation: MutationResolvers = {
  recordEnterpriseSubsidy: async (_parent, { parkId, input }, context) => toSubsidyReference(await recordEnterpriseSubsidy(context, parkId, input)),
  updateEnterpriseSubsidyStatus: async (_parent, change, context) => toSubsidyReference(await updateEnterpriseSubsidyStatus(context, change)),
};
