import { DateTimeScalar } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { Assessment } from './assessment.resolver';
import { Park } from './park.resolver';
import { Query } from './query.resolver';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Query, Park, Assessment };
