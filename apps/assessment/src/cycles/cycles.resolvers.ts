import type { Context } from '../context';
import type { Resolvers, ResolversTypes } from '../generated/graphql';
import { toCycle } from '../workflow/views';
import { pendingAssessmentDeadlines, runAssessmentDeadline, runAssessmentDeadlineFor } from './assessment-deadlines';
import { type CycleOpeningResult, openCycleByHand, openDueCycle } from './open-cycle';

/** The cycle is shown as the rest of the schema shows it (template, counts scoped to the caller). */
async function asOpening(context: Context, opening: CycleOpeningResult): Promise<ResolversTypes['CycleOpening']> {
  return { outcome: opening.outcome, detail: opening.detail, cycle: opening.cycle ? await toCycle(context, opening.cycle) : null };
}

export const cyclesResolvers: Resolvers = {
  Query: {
    pendingAssessmentDeadlines: (_parent, _args, context) => pendingAssessmentDeadlines(context),
  },
  Mutation: {
    openDueAssessmentCycle: async (_parent, _args, context) => asOpening(context, await openDueCycle(context)),
    openAssessmentCycle: async (_parent, { year, templateId }, context) => asOpening(context, await openCycleByHand(context, year, templateId)),
    runAssessmentDeadline: (_parent, { kind, targetId }, context) => runAssessmentDeadline(kind, targetId, context),
    runAssessmentDeadlineFor: (_parent, { kind, targetId, recipientId }, context) => runAssessmentDeadlineFor(kind, targetId, recipientId, context),
  },
};
