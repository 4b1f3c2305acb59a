import { defineSubgraph } from '@cz/subgraph-kit';
import { SCHEMA } from './config';
import { createDataSource } from './data-source';
import { createLoaders } from './loaders';
import { modules } from './modules';
import { resolvers } from './resolvers';
import { seedDemo } from './seed-demo';

export const registryService = defineSubgraph({
  service: 'registry',
  displayName: 'park-registry',
  schema: SCHEMA,
  schemaDirectory: __dirname,
  resolvers,
  createDataSource,
  createLoaders,
  modules,
  seedDemo,
});
