import { isUuid, loaderByKey } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import { CountyEntity } from './entities/county.entity';
import { ParkEntity } from './entities/park.entity';

/** Built once per request, so batching and caching never cross users. */
export function createLoaders(dataSource: DataSource) {
  return {
    parkById: loaderByKey(
      (ids: readonly string[]) => dataSource.getRepository(ParkEntity).createQueryBuilder('park').where('park.id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(),
      (park) => park.id,
    ),
    countyByCode: loaderByKey((codes: readonly string[]) => dataSource.getRepository(CountyEntity).createQueryBuilder('county').where('county.code = ANY(:codes)', { codes }).getMany(), (county) => county.code),
  };
}
export type RegistryLoaders = ReturnType<typeof createLoaders>;

