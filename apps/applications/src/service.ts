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

export const applicationsService: SubgraphServiceDefinition<Context> = {
  service: 'applications',
  displayName: 'applications',
  schema: SCHEMA,
  typeDefs,
  resolvers: resolvers as SubgraphServiceDefinition<Context>['resolvers'],
  createDataSource,
  buildContext: (base, dataSource) => ({ ...base, dataSource, loaders: createLoaders(dataSource) }),
  // Keeps the park_ref copy current, which decides which county officer sees which application.
  eventHandlers: { 'registry.park-profile-changed': parkProfileChangedHandler(SCHEMA) },
  seedDemo,
};
