import type { LoaderContext } from '@cz/subgraph-kit';
import type { AssessmentLoaders } from './loaders';

export type Context = LoaderContext<AssessmentLoaders>;
