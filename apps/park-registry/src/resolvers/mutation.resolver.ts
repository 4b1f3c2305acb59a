import type { MutationResolvers } from '../generated/graphql';
import { ParkService } from '../parks/park.service';

export const Mutation: MutationResolvers = {
  registerPark: (_parent, { input }, { identity, requestId, dataSource }) => new ParkService(dataSource).register({ identity, requestId }, input),

  updateParkProfile: (_parent, { id, expectedVersion, input }, { identity, requestId, dataSource }) =>
    new ParkService(dataSource).updateProfile({ identity, requestId }, id, expectedVersion, input),
};
