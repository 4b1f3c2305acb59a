import { createParkRefLoader } from '@cz/park-refs';
import { isUuid, loaderByKey, loaderGroupedByKey } from '@cz/subgraph-kit';
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

