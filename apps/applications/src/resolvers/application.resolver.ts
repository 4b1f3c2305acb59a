import { loadReadableApplication } from '../applications/application-access';
import type { Context } from '../context';
import type { ApplicationResolvers } from '../generated/graphql';

export const Application: ApplicationResolvers = {
  __resolveReference: (reference: { id: string }, context: Context) => loadReadableApplication(reference.id, context),
  // A bare key: the gateway fetches the park's own fields from the registry.
  park: (application) => ({ id: application.parkId }),
};
