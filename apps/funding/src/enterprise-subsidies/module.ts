import type { SubgraphModule } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { EnterpriseSubsidyEntity } from './enterprise-subsidy.entity';
import { Mutation } from './enterprise-subsidy-mutation.resolver';
import { Query } from './enterprise-subsidy-query.resolver';
import { EnterpriseSubsidyReference } from './enterprise-subsidy-reference.resolver';
import { Park } from './park-enterprise-subsidies.resolver';

const resolvers: Resolvers = { Query, Mutation, EnterpriseSubsidyReference, Park };

/** Art 12: talent and other subsidies resident enterprises applied for under other policies, recorded, never computed (issue 4). */
export const enterpriseSubsidiesModule: SubgraphModule = { resolvers, entities: [EnterpriseSubsidyEntity] };
