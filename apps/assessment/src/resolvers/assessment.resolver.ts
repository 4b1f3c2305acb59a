import type { AssessmentResolvers } from '../generated/graphql';
import { loadReadableAssessment } from '../workflow/assessment-access';
import { toCycle } from '../workflow/views';

export const Assessment: AssessmentResolvers = {
  // The _entities path bypasses Query.assessment, so it runs the same guard.
  __resolveReference: (reference: { id: string }, context) => loadReadableAssessment(context, reference.id),
  park: (assessment) => ({ id: assessment.parkId }),
  cycle: async (assessment, _args, context) => {
    const cycle = assessment.cycleId ? await context.loaders.cycleById.load(assessment.cycleId) : null;
    return cycle ? toCycle(context, cycle) : null;
  },
};
