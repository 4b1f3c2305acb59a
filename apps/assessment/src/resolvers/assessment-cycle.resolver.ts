import { authorize } from '@cz/auth';
import type { AssessmentCycleResolvers } from '../generated/graphql';
import { toCycle } from '../workflow/views';

export const AssessmentCycle: AssessmentCycleResolvers = {
  // Cycles are readable by every signed-in role; the assessments inside stay scoped to the caller.
  __resolveReference: async (reference: { id: string }, context) => {
    authorize(context.identity, 'assessment.cycle.read');
    const cycle = await context.loaders.cycleById.load(reference.id);
    return cycle ? toCycle(context, cycle) : null;
  },
};
