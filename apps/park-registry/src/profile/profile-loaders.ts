import { isUuid, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { ObjectType } from 'typeorm';
import type { Context } from '../context';
import { ParkPublicServiceEntity } from './entities/park-public-service.entity';
import { ParkSiteEntity } from './entities/park-site.entity';
import { ParkStatusChangeEntity } from './entities/park-status-change.entity';
import { ResidentInstitutionEntity } from './entities/resident-institution.entity';

/**
 * One statement per field per request, however many parks a list or `_entities` brings: the
 * loader gathers the park ids of the whole request and reads `WHERE park_id = ANY(:ids)` once.
 */
function rowsByPark<E extends { parkId: string }>(entity: ObjectType<E>, order: ReadonlyArray<[keyof E & string, 'ASC' | 'DESC']>) {
  return perRequest((context: Context) =>
    loaderGroupedByKey(
      (ids: readonly string[]) => {
        const query = context.dataSource.getRepository(entity).createQueryBuilder('row').where('row.park_id = ANY(:ids)', { ids: ids.filter(isUuid) });
        for (const [property, direction] of order) query.addOrderBy(`row.${property}`, direction);
        return query.getMany();
      },
      (row) => row.parkId,
    ),
  );
}

/** The core site first, then sub-parks in the order they were recorded. */
export const sitesByPark = rowsByPark(ParkSiteEntity, [
  ['isCore', 'DESC'],
  ['createdAt', 'ASC'],
  ['name', 'ASC'],
]);

export const institutionsByPark = rowsByPark(ResidentInstitutionEntity, [
  ['name', 'ASC'],
  ['id', 'ASC'],
]);

export const publicServicesByPark = rowsByPark(ParkPublicServiceEntity, []);

export const statusHistoryByPark = rowsByPark(ParkStatusChangeEntity, [
  ['occurredAt', 'DESC'],
  ['id', 'DESC'],
]);
