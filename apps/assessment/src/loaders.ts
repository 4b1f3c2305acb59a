import { createParkRefLoader } from '@cz/park-refs';
import { isUuid, loaderByKey, loaderGroupedByKey } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import { AssessmentEntity } from './entities/assessment.entity';

/** Built once per request, so batching and caching never cross users. */
export function createLoaders(dataSource: DataSource) {
  const assessments = () => dataSource.getRepository(AssessmentEntity).createQueryBuilder('assessment');
  return {
    parkRefs: createParkRefLoader(dataSource),
    assessmentById: loaderByKey((ids: readonly string[]) => assessments().where('assessment.id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(), (assessment) => assessment.id),
    /** Each park's assessments, newest year first; serves both Park.assessments and Park.latestGrade. */
    assessmentsByPark: loaderGroupedByKey(
      (parkIds: readonly string[]) => assessments().where('assessment.park_id = ANY(:parkIds)', { parkIds: parkIds.filter(isUuid) }).orderBy('assessment.year', 'DESC').getMany(),
      (assessment) => assessment.parkId,
    ),
  };
}
export type AssessmentLoaders = ReturnType<typeof createLoaders>;
