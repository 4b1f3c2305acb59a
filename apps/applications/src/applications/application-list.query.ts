import { type Identity, requireListFilter } from '@cz/auth';
import { applyParkScope, filterByParkCounty } from '@cz/park-refs';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { SCHEMA } from '../config';
import { ApplicationEntity } from '../entities/application.entity';
import type { ApplicationFilter } from '../generated/graphql';

/**
 * The applications a caller may list (alias `application`), narrowed by the list's filter: the one
 * query behind `Query.applications` and the application list export, so both show the same rows.
 */
export function applicationListQuery(dataSource: DataSource, identity: Identity, filter: ApplicationFilter | null | undefined): SelectQueryBuilder<ApplicationEntity> {
  const scope = requireListFilter(identity, 'application.read');
  const base = dataSource.getRepository(ApplicationEntity).createQueryBuilder('application');
  // A reviewer's scope is its panel assignments, which only this service knows.
  const query =
    scope.kind === 'assigned'
      ? base.where(`application.id IN (SELECT member.application_id FROM "${SCHEMA}"."application_panel_member" member WHERE member.subject = :subject)`, { subject: scope.subject })
      : applyParkScope(base, scope, 'application.park_id');
  filterByParkCounty(query, filter?.countyCode, 'application.park_id');
  if (filter?.stage) query.andWhere('application.stage = :stage', { stage: filter.stage });
  if (filter?.year !== undefined && filter.year !== null) query.andWhere('application.year = :year', { year: filter.year });
  if (filter?.kind) query.andWhere('application.kind = :kind', { kind: filter.kind });
  return query;
}
