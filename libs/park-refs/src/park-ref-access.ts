import { authorize, type Identity, type ListFilter, type Operation } from '@cz/auth';
import { NotFoundError } from '@cz/errors';
import { loaderByKey } from '@cz/subgraph-kit';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ParkRefEntity } from './park-ref.entity';

/** Per-request loader of park facts by park id (one statement per batch). */
export function createParkRefLoader(dataSource: DataSource) {
  return loaderByKey((ids: readonly string[]) => dataSource.getRepository(ParkRefEntity).createQueryBuilder('ref').where('ref.park_id = ANY(:ids)', { ids }).getMany(), (ref) => ref.parkId);
}
export type ParkRefLoader = ReturnType<typeof createParkRefLoader>;

/**
 * Authorises an operation on a record that belongs to a park, using the park's county as this
 * service knows it. A park this service has not heard of yet cannot be authorised by county.
 */
export async function authorizeForPark(identity: Identity, operation: Operation, parkId: string, parkRefs: ParkRefLoader): Promise<ParkRefEntity> {
  const ref = await parkRefs.load(parkId);
  if (!ref) throw new NotFoundError('园区不存在或尚未同步', { parkId });
  authorize(identity, operation, { parkId: ref.parkId, countyCode: ref.countyCode });
  return ref;
}

/**
 * Narrows a query over park-owned rows to what a list filter allows. `parkIdColumn` is the SQL
 * expression of the row's park id; county scopes join through park_ref.
 */
export function applyParkScope<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: Exclude<ListFilter, { kind: 'none' }>, parkIdColumn: string): SelectQueryBuilder<T> {
  switch (scope.kind) {
    case 'all':
      return query;
    case 'park':
      return query.andWhere(`${parkIdColumn} = :scopeParkId`, { scopeParkId: scope.parkId });
    case 'county':
      return query.andWhere(`${parkIdColumn} IN (SELECT ref.park_id FROM park_ref ref WHERE ref.county_code = :scopeCounty)`, { scopeCounty: scope.countyCode });
    case 'assigned':
      // Assignment tables arrive with the review workflow; until then a reviewer is assigned nothing.
      return query.andWhere('false');
  }
}
