import type { ApplicationStage } from '@cz/policy';
import type { ApplicationResolvers } from '../generated/graphql';
import { authorizeOnApplication, panelMembersLoader } from './panel-access';
import { conclusionLoader, evaluationsLoader, historyLoader, qualitativeFindingsLoader, reviewDecisionsLoader, scoreChangesLoader, siteInspectionsLoader } from './review-loaders';

/**
 * Review fields of an Application. The parent has passed the application read guard
 * (Query.application, Query.applications, _entities); every list batches per request.
 */
export const Application: ApplicationResolvers = {
  reviewDecisions: (application, _args, context) => reviewDecisionsLoader(context).load(application.id),
  panel: async (application, _args, context) => {
    await authorizeOnApplication(context, 'application.evaluation.read', application.id);
    return panelMembersLoader(context).load(application.id);
  },
  evaluations: async (application, _args, context) => {
    await authorizeOnApplication(context, 'application.evaluation.read', application.id);
    const [evaluations, changes] = await Promise.all([evaluationsLoader(context).load(application.id), scoreChangesLoader(context).load(application.id)]);
    return evaluations.map((evaluation) => ({ ...evaluation, scoreHistory: changes.filter((change) => change.subject === evaluation.subject) }));
  },
  siteInspections: (application, _args, context) => siteInspectionsLoader(context).load(application.id),
  qualitativeFindings: (application, _args, context) => qualitativeFindingsLoader(context).load(application.id),
  evaluationConclusion: (application, _args, context) => conclusionLoader(context).load(application.id),
  approval: async (application, _args, context) => {
    const approval = (await historyLoader(context).load(application.id)).findLast((transition) => transition.action === 'approve');
    if (!approval) return null;
    const details = approval.details as { approvalDocumentNo: string; approvedOn: string };
    return { approvalDocumentNo: details.approvalDocumentNo, approvedOn: details.approvedOn, approvedBy: approval.actorSubject };
  },
  // transitionStage writes only stages of the machine; the column is a plain varchar.
  history: async (application, _args, context) =>
    (await historyLoader(context).load(application.id)).map((transition) => ({ ...transition, fromStage: transition.fromStage as ApplicationStage, toStage: transition.toStage as ApplicationStage })),
};
