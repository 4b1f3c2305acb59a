import type { SubgraphContext } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { ApplicationsLoaders } from './loaders';

export interface Context extends SubgraphContext {
  dataSource: DataSource;
  loaders: ApplicationsLoaders;
}
