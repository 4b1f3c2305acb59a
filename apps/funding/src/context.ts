import type { LoaderContext } from '@cz/subgraph-kit';
import type { FundingLoaders } from './loaders';

export type Context = LoaderContext<FundingLoaders>;
