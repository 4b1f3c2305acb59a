import { isUuid, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { Context } from '../context';
import { queryItems } from './publicity-items';

/** The items of every notice in a response, in one statement. */
export const publicityItemsLoader = perRequest((context: Context) =>
  loaderGroupedByKey((publicityIds: readonly string[]) => queryItems(context.dataSource.manager, publicityIds.filter(isUuid)), (item) => item.publicityId),
);
