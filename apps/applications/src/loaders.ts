import { createParkRefLoader } from '@cz/park-refs';
import { isUuid, loaderByKey, loaderGroupedByKey } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import { ApplicationEntity } from './entities/application.entity';

/** Built once per request, so batching and caching never cross users. */
export function createLoaders(dataSource: DataSource) {
  const applications = () => dataSource.getRepository(ApplicationEntity).createQueryBuilder('application');
  return {
    applicationById: loaderByKey((ids: readonly string[]) => applications().where('application.id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(), (application) => application.id),
    // Ordered here so that each park's group comes out newest first, as Park.applications promises.
    applicationsByParkId: loaderGroupedByKey(
      (parkIds: readonly string[]) =>
        applications()
          .where('application.park_id = ANY(:parkIds)', { parkIds: parkIds.filter(isUuid) })
          .orderBy('application.created_at', 'DESC')
          .addOrderBy('application.id', 'DESC')
          .getMany(),
      (application) => application.parkId,
    ),
    parkRefs: createParkRefLoader(dataSource),
  };
}
export type ApplicationsLoaders = ReturnType<typeof createLoaders>;

