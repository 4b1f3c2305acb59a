import { loadReadableRecord } from '@cz/park-refs';
import type { Context } from '../context';
import type { AssessmentResolvers } from '../generated/graphql';

export const Assessment: AssessmentResolvers = {
  // The _entities path bypasses Query.assessment, so it runs the same guard.
  __resolveReference: (reference: { id: string }, { identity, loaders }: Context) => loadReadableRecord(identity, 'assessment.read', reference.id, loaders.assessmentById, loaders.parkRefs),
  park: (assessment) => ({ id: assessment.parkId }),
};
