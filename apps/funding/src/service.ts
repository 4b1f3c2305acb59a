import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parkProfileChangedHandler } from '@cz/park-refs';
import type { SubgraphServiceDefinition } from '@cz/subgraph-kit';
import gql from 'graphql-tag';
import type { Context } from './context';
import { createDataSource } from './data-source';
import { SCHEMA } from './config';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seedDemo } from './seed-demo';

export const typeDefs = gql(readFileSync(join(__dirname, 'schema.graphql'), 'utf8'));

export const fundingService: SubgraphServiceDefinition<Context> = {
  service: 'funding',
  displayName: 'funding',
  schema: SCHEMA,
  typeDefs,
  resolvers: resolvers as SubgraphServiceDefinition<Context>['resolvers'],
  createDataSource,
  buildContext: (base, dataSource) => ({ ...base, dataSource, loaders: createLoaders(dataSource) }),
  eventHandlers: { 'registry.park-profile-changed': parkProfileChangedHandler(SCHEMA) },
  seedDemo,
};
