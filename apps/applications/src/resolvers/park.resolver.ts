import { authorize, requireListFilter } from '@cz/auth';
import type { ParkResolvers } from '../generated/graphql';
import { isUuid } from '../loaders';

export const Park: ParkResolvers = {
  /**
   * Two statements per request however many parks the gateway asks for: one for their park_ref
   * rows, one for all the visible parks' applications.
   */
  applications: async (park, _args, { identity, loaders }) => {
    const scope = requireListFilter(identity, 'application.read');
    const ref = isUuid(park.id) ? await loaders.parkRefs.load(park.id) : null;
    // A park this service has not heard of has no applications here.
    if (!ref) return [];
    // Reviewers reach applications one by one, by assignment, never a whole park; assignments
    // arrive with the review workflow, so for now they see none, as in Query.applications.
    if (scope.kind === 'assigned') return [];
    authorize(identity, 'application.read', { parkId: ref.parkId, countyCode: ref.countyCode });
    return loaders.applicationsByParkId.load(park.id);
  },
};
