import { readableParkRecords } from '@cz/park-refs';
import type { Context } from '../context';
import type { ParkResolvers } from '../generated/graphql';

/** The park's assessments the caller may see, newest year first; one batched statement per request. */
const assessmentsOf = (parkId: string, { identity, loaders }: Context) => readableParkRecords(identity, 'assessment.read', parkId, loaders.parkRefs, (id) => loaders.assessmentsByPark.load(id));

export const Park: ParkResolvers = {
  assessments: (park, _args, context) => assessmentsOf(park.id, context),

  // Rows come newest year first, so the first final one is the most recent finalised year.
  latestGrade: async (park, _args, context) => (await assessmentsOf(park.id, context)).find((assessment) => assessment.status === 'FINAL')?.grade ?? null,
};
