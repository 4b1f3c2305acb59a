import type { LoaderContext } from '@cz/subgraph-kit';
import type { ApplicationsLoaders } from './loaders';

export type Context = LoaderContext<ApplicationsLoaders>;
