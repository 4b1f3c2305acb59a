import { createParkRefLoader } from '@cz/park-refs';
import { loaderByKey, loaderGroupedByKey } from '@cz/subgraph-kit';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id that is not a uuid cannot exist; dropping it keeps a typo from becoming an SQL error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
