import { DateTimeScalar } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { Application } from './application.resolver';
import { Park } from './park.resolver';
import { Query } from './query.resolver';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Application, Park };
