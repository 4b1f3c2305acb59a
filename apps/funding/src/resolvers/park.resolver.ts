import { readableParkRecords } from '@cz/park-refs';
import type { ParkResolvers } from '../generated/graphql';

export const Park: ParkResolvers = {
  fundingAwards: (park, _args, { identity, loaders }) => readableParkRecords(identity, 'funding.read', park.id, loaders.parkRefs, (parkId) => loaders.awardsByPark.load(parkId)),
};
