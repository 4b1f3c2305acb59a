import { createParkRefLoader } from '@cz/park-refs';
import { loaderByKey, loaderGroupedByKey } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import { FundingAwardEntity } from './entities/funding-award.entity';

/** Built once per request, so batching and caching never cross users. */
export function createLoaders(dataSource: DataSource) {
  const awards = () => dataSource.getRepository(FundingAwardEntity).createQueryBuilder('award');
  return {
    parkRefs: createParkRefLoader(dataSource),
    awardById: loaderByKey((ids: readonly string[]) => awards().where('award.id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(), (award) => award.id),
    // One statement for every park in the request; each park's awards come back newest first.
    awardsByPark: loaderGroupedByKey(
      (parkIds: readonly string[]) =>
        awards()
          .where('award.park_id = ANY(:parkIds)', { parkIds: parkIds.filter(isUuid) })
          .orderBy('award.created_at', 'DESC')
          .addOrderBy('award.id', 'DESC')
          .getMany(),
      (award) => award.parkId,
    ),
  };
}
export type FundingLoaders = ReturnType<typeof createLoaders>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id that is not a uuid cannot exist; dropping it keeps a typo from becoming an SQL error. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
