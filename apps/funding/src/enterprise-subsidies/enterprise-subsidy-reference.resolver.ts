import type { EnterpriseSubsidyReferenceResolvers } from '../generated/graphql';
import { loadReadableSubsidy, toSubsidyReference } from './enterprise-subsidy-references';

export const EnterpriseSubsidyReference: EnterpriseSubsidyReferenceResolvers = {
  // The _entities path bypasses the Query fields, so it runs the same read guard.
  __resolveReference: async (reference: { id: string }, context) => {
    const subsidy = await loadReadableSubsidy(reference.id, context);
    return subsidy && toSubsidyReference(subsidy);
  },
};
