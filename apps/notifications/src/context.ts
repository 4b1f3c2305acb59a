import type { LoaderContext } from '@cz/subgraph-kit';
import type { NotificationsLoaders } from './loaders';

export type Context = LoaderContext<NotificationsLoaders>;
