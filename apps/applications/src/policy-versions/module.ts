import type { SubgraphModule } from '@cz/subgraph-kit';
import { Mutation } from './mutation.resolver';
import { PolicyVersionEntity } from './policy-version.entity';
import { Query } from './query.resolver';

/**
 * Policy versions (Art 21–22): the city's measures and any county's own, each with its period.
 * `Date` is the same scalar instance other modules may register, which the resolver merge accepts.
 */
export const policyVersionsModule: SubgraphModule = { resolvers: { Query, Mutation }, entities: [PolicyVersionEntity] };
