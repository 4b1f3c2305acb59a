import { requireListFilter } from '@cz/auth';
import { applyParkScope, filterByParkCounty, loadReadableRecord } from '@cz/park-refs';
import { paginate } from '@cz/subgraph-kit';
import { AssessmentEntity } from '../entities/assessment.entity';
import type { QueryResolvers } from '../generated/graphql';

export const Query: QueryResolvers = {
  assessment: (_parent, { id }, { identity, loaders }) => loadReadableRecord(identity, 'assessment.read', id, loaders.assessmentById, loaders.parkRefs),

  assessments: async (_parent, { first, after, filter }, { identity, dataSource }) => {
    const scope = requireListFilter(identity, 'assessment.read');
    const query = applyParkScope(dataSource.getRepository(AssessmentEntity).createQueryBuilder('assessment'), scope, 'assessment.park_id');
    filterByParkCounty(query, filter?.countyCode, 'assessment.park_id');
    if (typeof filter?.year === 'number') query.andWhere('assessment.year = :year', { year: filter.year });
    if (filter?.grade) query.andWhere('assessment.grade = :grade', { grade: filter.grade });
    if (filter?.status) query.andWhere('assessment.status = :status', { status: filter.status });
    // Newest assessed year first; the id breaks ties within a year.
    return paginate(query, { first, after }, { column: 'assessment.year', idColumn: 'assessment.id', direction: 'DESC', idOf: (assessment) => assessment.id });
  },
};
