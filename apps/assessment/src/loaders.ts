import { createParkRefLoader } from '@cz/park-refs';
import { isUuid, loaderByKey, loaderGroupedByKey } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import { AssessmentCycleEntity } from './entities/assessment-cycle.entity';
import { AssessmentTemplateEntity } from './entities/assessment-template.entity';
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
    cycleById: loaderByKey(
      (ids: readonly string[]) => dataSource.getRepository(AssessmentCycleEntity).createQueryBuilder('cycle').where('cycle.id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(),
      (cycle) => cycle.id,
    ),
    templateById: loaderByKey(
      (ids: readonly string[]) => dataSource.getRepository(AssessmentTemplateEntity).createQueryBuilder('template').where('template.id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(),
      (template) => template.id,
    ),
  };
}
export type AssessmentLoaders = ReturnType<typeof createLoaders>;
