import { DateTimeScalar } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { Mutation } from './mutation.resolver';
import { Notification } from './notification.resolver';
import { Query } from './query.resolver';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Mutation, Notification };
