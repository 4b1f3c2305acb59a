import type { MutationResolvers } from '../generated/graphql';
import { approveApplication } from './approval.service';
import { concludeEvaluation } from './conclusion.service';
import { assignPanel, recordQualitativeFinding, recordSiteInspection, submitEvaluation } from './evaluation.service';
import { decideReview } from './review-decision.service';

export const Mutation: MutationResolvers = {
  countyReview: (_parent, { applicationId, expectedVersion, decision }, context) => decideReview(context, 'county', applicationId, expectedVersion, decision),
  cityReview: (_parent, { applicationId, expectedVersion, decision }, context) => decideReview(context, 'city', applicationId, expectedVersion, decision),
  assignPanel: (_parent, { applicationId, members }, context) => assignPanel(context, applicationId, members),
  submitEvaluation: (_parent, { applicationId, opinion, score }, context) => submitEvaluation(context, applicationId, opinion, score),
  recordSiteInspection: (_parent, { applicationId, input }, context) => recordSiteInspection(context, applicationId, input),
  recordQualitativeFinding: (_parent, { applicationId, criterion, input }, context) => recordQualitativeFinding(context, applicationId, criterion, input),
  concludeEvaluation: (_parent, { applicationId, expectedVersion }, context) => concludeEvaluation(context, applicationId, expectedVersion),
  approveApplication: (_parent, { applicationId, expectedVersion, approvalDocumentNo, approvedOn }, context) => approveApplication(context, applicationId, expectedVersion, approvalDocumentNo, approvedOn),
};
