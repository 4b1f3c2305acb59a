import { EVENT_TYPES } from '@cz/queue-contracts';
import type { SubgraphModule } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { applicationApprovedHandler } from './application-approved.handler';
import { ParkPublicServiceEntity } from './entities/park-public-service.entity';
import { ParkSiteEntity } from './entities/park-site.entity';
import { ParkStatusChangeEntity } from './entities/park-status-change.entity';
import { ResidentInstitutionEntity } from './entities/resident-institution.entity';
import { Park } from './park-profile.resolver';
import { Mutation } from './profile-mutation.resolver';
import { revocationDecidedHandler } from './revocation-decided.handler';

const resolvers: Resolvers = { Park, Mutation };

/** Park sites, resident institutions, public service functions, status history, recognition (issue 3) and revocation (issue 5). */
export const profileModule: SubgraphModule = {
  resolvers,
  entities: [ParkSiteEntity, ResidentInstitutionEntity, ParkPublicServiceEntity, ParkStatusChangeEntity],
  eventHandlers: { [EVENT_TYPES.applicationApproved]: applicationApprovedHandler, [EVENT_TYPES.parkRevocationDecided]: revocationDecidedHandler },
};
