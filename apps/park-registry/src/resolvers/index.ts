import { DateScalar, DateTimeScalar } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { Mutation } from './mutation.resolver';
import { Park } from './park.resolver';
import { Query } from './query.resolver';

export const resolvers: Resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Query, Mutation, Park };
