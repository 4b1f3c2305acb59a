import { type Identity, requireListFilter } from '@cz/auth';
import { applyParkScope, filterByParkCounty } from '@cz/park-refs';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { FundingAwardEntity } from '../entities/funding-award.entity';
import type { FundingAwardFilter } from '../generated/graphql';

/**
 * The awards a caller may list (alias `award`), narrowed by the list's filter: the one query behind
 * `Query.fundingAwards` and the award list export, so both show the same awards.
 */
export function fundingAwardListQuery(dataSource: DataSource, identity: Identity, filter: FundingAwardFilter | null | undefined): SelectQueryBuilder<FundingAwardEntity> {
  const scope = requireListFilter(identity, 'funding.read');
  const query = applyParkScope(dataSource.getRepository(FundingAwardEntity).createQueryBuilder('award'), scope, 'award.park_id');
  filterByParkCounty(query, filter?.countyCode, 'award.park_id');
  if (filter?.year != null) query.andWhere('award.year = :year', { year: filter.year });
  if (filter?.kind) query.andWhere('award.kind = :kind', { kind: filter.kind });
  if (filter?.status) query.andWhere('award.status = :status', { status: filter.status });
  return query;
}
