import { parkProfileChangedHandler } from '@cz/park-refs';
import { defineSubgraph, mergeEventHandlers } from '@cz/subgraph-kit';
import { SCHEMA } from './config';
import { createDataSource } from './data-source';
import { createLoaders } from './loaders';
import { modules } from './modules';
import { resolvers } from './resolvers';
import { seedDemo } from './seed-demo';

export const applicationsService = defineSubgraph({
  service: 'applications',
  displayName: 'applications',
  schema: SCHEMA,
  schemaDirectory: __dirname,
  resolvers,
  createDataSource,
  createLoaders,
  eventHandlers: mergeEventHandlers({ 'registry.park-profile-changed': parkProfileChangedHandler(SCHEMA) }, ...modules.map((module) => module.eventHandlers)),
  seedDemo,
  fileRoutes: (router, dataSource, logger) => modules.forEach((module) => module.fileRoutes?.(router, dataSource, logger)),
});
