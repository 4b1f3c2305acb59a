import type { Context } from '../context';
import type { MutationResolvers } from '../generated/graphql';
import { ParkProfileService } from './park-profile.service';

const service = ({ dataSource, now }: Context) => new ParkProfileService(dataSource, now);

export const Mutation: MutationResolvers = {
  setParkSites: (_parent, { parkId, expectedVersion, sites }, context) => service(context).setSites(context, parkId, expectedVersion, sites),

  setResidentInstitutions: (_parent, { parkId, expectedVersion, institutions }, context) =>
    service(context).setInstitutions(context, parkId, expectedVersion, institutions.map((line) => ({ ...line, licenceValidUntil: line.licenceValidUntil ?? null }))),

  setPublicServices: (_parent, { parkId, expectedVersion, functions }, context) => service(context).setPublicServices(context, parkId, expectedVersion, functions),
};
