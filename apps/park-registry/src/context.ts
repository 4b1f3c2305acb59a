import type { LoaderContext } from '@cz/subgraph-kit';
import type { RegistryLoaders } from './loaders';

export type Context = LoaderContext<RegistryLoaders>;
