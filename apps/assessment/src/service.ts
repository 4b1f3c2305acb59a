import { parkProfileChangedHandler } from '@cz/park-refs';
import { defineSubgraph } from '@cz/subgraph-kit';
import { SCHEMA } from './config';
import { createDataSource } from './data-source';
import { createLoaders } from './loaders';
import { modules } from './modules';
import { resolvers } from './resolvers';
import { seedDemo } from './seed-demo';

export const assessmentService = defineSubgraph({
  service: 'assessment',
  displayName: 'assessment',
  schema: SCHEMA,
  schemaDirectory: __dirname,
  resolvers,
  createDataSource,
  createLoaders,
  eventHandlers: { 'registry.park-profile-changed': parkProfileChangedHandler(SCHEMA) },
  modules,
  seedDemo,
});
