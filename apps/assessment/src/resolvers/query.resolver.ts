import { authorize, requireListFilter } from '@cz/auth';
import { filterByParkCounty } from '@cz/park-refs';
import { isUuid, paginate } from '@cz/subgraph-kit';
import { AssessmentCycleEntity } from '../entities/assessment-cycle.entity';
import { AssessmentEntity } from '../entities/assessment.entity';
import type { QueryResolvers } from '../generated/graphql';
import { applyAssessmentScope, loadReadableAssessment } from '../workflow/assessment-access';
import { toCycle } from '../workflow/views';

export const Query: QueryResolvers = {
  assessment: (_parent, { id }, context) => loadReadableAssessment(context, id),

  assessments: async (_parent, { first, after, filter }, { identity, dataSource }) => {
    const scope = requireListFilter(identity, 'assessment.read');
    const query = applyAssessmentScope(dataSource.getRepository(AssessmentEntity).createQueryBuilder('assessment'), scope, 'assessment');
    filterByParkCounty(query, filter?.countyCode, 'assessment.park_id');
    if (typeof filter?.year === 'number') query.andWhere('assessment.year = :year', { year: filter.year });
    if (filter?.grade) query.andWhere('assessment.grade = :grade', { grade: filter.grade });
    if (filter?.status) query.andWhere('assessment.status = :status', { status: filter.status });
    // An id that is not a uuid names no cycle.
    if (filter?.cycleId) query.andWhere(isUuid(filter.cycleId) ? 'assessment.cycle_id = :cycleId' : 'false', { cycleId: filter.cycleId });
    // Newest assessed year first; the id breaks ties within a year.
    return paginate(query, { first, after }, { column: 'assessment.year', idColumn: 'assessment.id', direction: 'DESC', idOf: (assessment) => assessment.id });
  },

  assessmentCycle: async (_parent, { year }, context) => {
    authorize(context.identity, 'assessment.cycle.read');
    const cycle = await context.dataSource.getRepository(AssessmentCycleEntity).findOneBy({ year });
    return cycle ? toCycle(context, cycle) : null;
  },

  assessmentCycles: async (_parent, { first, after }, context) => {
    authorize(context.identity, 'assessment.cycle.read');
    const page = await paginate(context.dataSource.getRepository(AssessmentCycleEntity).createQueryBuilder('cycle'), { first, after }, { column: 'cycle.year', idColumn: 'cycle.id', direction: 'DESC', idOf: (cycle) => cycle.id });
    return { ...page, edges: await Promise.all(page.edges.map(async (edge) => ({ cursor: edge.cursor, node: await toCycle(context, edge.node) }))) };
  },
};
