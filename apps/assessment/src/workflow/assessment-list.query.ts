import { type Identity, requireListFilter } from '@cz/auth';
import { filterByParkCounty } from '@cz/park-refs';
import { isUuid } from '@cz/subgraph-kit';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { AssessmentEntity } from '../entities/assessment.entity';
import type { AssessmentFilter } from '../generated/graphql';
import { applyAssessmentScope } from './assessment-access';

/**
 * The assessments a caller may list (alias `assessment`), narrowed by the list's filter: the one
 * query behind `Query.assessments` and the assessment list export, so both show the same rows.
 */
export function assessmentListQuery(dataSource: DataSource, identity: Identity, filter: AssessmentFilter | null | undefined): SelectQueryBuilder<AssessmentEntity> {
  const scope = requireListFilter(identity, 'assessment.read');
  const query = applyAssessmentScope(dataSource.getRepository(AssessmentEntity).createQueryBuilder('assessment'), scope, 'assessment');
  filterByParkCounty(query, filter?.countyCode, 'assessment.park_id');
  if (typeof filter?.year === 'number') query.andWhere('assessment.year = :year', { year: filter.year });
  if (filter?.grade) query.andWhere('assessment.grade = :grade', { grade: filter.grade });
  if (filter?.status) query.andWhere('assessment.status = :status', { status: filter.status });
  // An id that is not a uuid names no cycle.
  if (filter?.cycleId) query.andWhere(isUuid(filter.cycleId) ? 'assessment.cycle_id = :cycleId' : 'false', { cycleId: filter.cycleId });
  return query;
}
