import { defineSubgraph } from '@cz/subgraph-kit';
import { SCHEMA } from './config';
import { createDataSource } from './data-source';
import { createLoaders } from './loaders';
import { modules } from './modules';
import { parkProfileChangedWithRevocation } from './operating-subsidy/subsidy-events.handler';
import { resolvers } from './resolvers';
import { seedDemo } from './seed-demo';

export const fundingService = defineSubgraph({
  service: 'funding',
  displayName: 'funding',
  schema: SCHEMA,
  schemaDirectory: __dirname,
  resolvers,
  createDataSource,
  createLoaders,
  // Park facts as every service keeps them, plus the cancellation of a revoked park's subsidies (Art 20).
  eventHandlers: { 'registry.park-profile-changed': parkProfileChangedWithRevocation },
  modules,
  seedDemo,
});
