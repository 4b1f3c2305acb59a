import { authorize, type Identity, type ListFilter, type Operation, requireListFilter } from '@cz/auth';
import { NotFoundError } from '@cz/errors';
import { isUuid, loaderByKey } from '@cz/subgraph-kit';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ParkRefEntity } from './park-ref.entity';

/** Per-request loader of park facts by park id (one statement per batch). */
export function createParkRefLoader(dataSource: DataSource) {
  return loaderByKey(
    (ids: readonly string[]) => dataSource.getRepository(ParkRefEntity).createQueryBuilder('ref').where('ref.park_id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(),
    (ref) => ref.parkId,
  );
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
 * The one read guard for a single park-owned record, shared by a `Query.<record>(id)` field and
 * the `_entities` path (which bypasses Query): null when it does not exist, FORBIDDEN outside
 * the caller's jurisdiction.
 */
export async function loadReadableRecord<T extends { parkId: string }>(identity: Identity, operation: Operation, id: string, byId: { load: (id: string) => Promise<T | null> }, parkRefs: ParkRefLoader): Promise<T | null> {
  const record = isUuid(id) ? await byId.load(id) : null;
  if (!record) return null;
  await authorizeForPark(identity, operation, record.parkId, parkRefs);
  return record;
}

/**
 * A park's records for a `Park.<list>` field resolved for many parks at once (a parks list,
 * `_entities`): the loaders batch, so the whole request costs one statement for the park facts
 * and one for the records. A role with no access at all is refused rather than shown empty
 * lists; a park this service has not heard of has no records; a reviewer reaches records one by
 * one by assignment, never a whole park's.
 */
export async function readableParkRecords<T>(identity: Identity, operation: Operation, parkId: string, parkRefs: ParkRefLoader, records: (parkId: string) => Promise<T[]>): Promise<T[]> {
  const scope = requireListFilter(identity, operation);
  if (!isUuid(parkId) || scope.kind === 'assigned') return [];
  const [ref, rows] = await Promise.all([parkRefs.load(parkId), records(parkId)]);
  if (!ref) return [];
  authorize(identity, operation, { parkId: ref.parkId, countyCode: ref.countyCode });
  return rows;
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

/** A list's `countyCode` filter: the county is the park's, as this service's park_ref copy knows it. */
export function filterByParkCounty<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, countyCode: string | null | undefined, parkIdColumn: string): SelectQueryBuilder<T> {
  if (!countyCode) return query;
  return query.andWhere(`${parkIdColumn} IN (SELECT county_ref.park_id FROM park_ref county_ref WHERE county_ref.county_code = :filterCounty)`, { filterCounty: countyCode });
}
