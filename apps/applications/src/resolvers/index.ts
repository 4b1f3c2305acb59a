import { DateScalar, DateTimeScalar, mergeResolverMaps } from '@cz/subgraph-kit';
import type { Resolvers } from '../generated/graphql';
import { modules } from '../modules';
import { Application } from './application.resolver';
import { Park } from './park.resolver';
import { Query } from './query.resolver';

const core: Resolvers = { Date: DateScalar, DateTime: DateTimeScalar, Query, Application, Park };
export const resolvers = mergeResolverMaps(core, ...modules.map((module) => module.resolvers)) as Resolvers;
