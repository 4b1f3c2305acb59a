import { readableParkRecords } from '@cz/park-refs';
import type { ParkResolvers } from '../generated/graphql';

export const Park: ParkResolvers = {
  applications: (park, _args, { identity, loaders }) => readableParkRecords(identity, 'application.read', park.id, loaders.parkRefs, (parkId) => loaders.applicationsByParkId.load(parkId)),
};
