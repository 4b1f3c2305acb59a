import { join } from 'node:path';
import { defineSubgraph } from '@cz/subgraph-kit';
import { SCHEMA } from './config';
import { createDataSource } from './data-source';
import { createLoaders } from './loaders';
import { resolvers } from './resolvers';
import { seedDemo } from './seed-demo';

export const registryService = defineSubgraph({
  service: 'registry',
  displayName: 'park-registry',
  schema: SCHEMA,
  schemaFile: join(__dirname, 'schema.graphql'),
  resolvers,
  createDataSource,
  createLoaders,
  seedDemo,
});
