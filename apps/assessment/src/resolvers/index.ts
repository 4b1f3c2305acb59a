import { DateScalar, DateTimeScalar } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { Assessment } from './assessment.resolver';
import { AssessmentCycle } from './assessment-cycle.resolver';
import { Park } from './park.resolver';
import { Query } from './query.resolver';

export const resolvers: Resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Query, Park, Assessment, AssessmentCycle };
