import { DateScalar, DateTimeScalar } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { Application } from './application.resolver';
import { Park } from './park.resolver';
import { Query } from './query.resolver';

/** The core's resolvers; feature modules add theirs through defineSubgraph. */
export const resolvers: Resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Query, Application, Park };
