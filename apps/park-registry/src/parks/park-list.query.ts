import { type Identity, requireListFilter } from '@cz/auth';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { ParkEntity } from '../entities/park.entity';
import type { ParkFilter } from '../generated/graphql';

/**
 * The parks a caller may list (alias `park`), narrowed by the list's filter: the one query behind
 * `Query.parks` and the park list export, so both always show the same parks.
 */
export function parkListQuery(dataSource: DataSource, identity: Identity, filter: ParkFilter | null | undefined): SelectQueryBuilder<ParkEntity> {
  const scope = requireListFilter(identity, 'park.read');
  const query = dataSource.getRepository(ParkEntity).createQueryBuilder('park');
  if (scope.kind === 'county') query.andWhere('park.county_code = :scopeCounty', { scopeCounty: scope.countyCode });
  if (scope.kind === 'park') query.andWhere('park.id = :scopePark', { scopePark: scope.parkId });
  if (scope.kind === 'assigned') query.andWhere('false');
  if (filter?.countyCode) query.andWhere('park.county_code = :county', { county: filter.countyCode });
  if (filter?.status) query.andWhere('park.status = :status', { status: filter.status });
  return query;
}
