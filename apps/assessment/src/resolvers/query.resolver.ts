import { authorize } from '@cz/auth';
import { paginate } from '@cz/subgraph-kit';
import { AssessmentCycleEntity } from '../entities/assessment-cycle.entity';
import type { QueryResolvers } from '../generated/graphql';
import { loadReadableAssessment } from '../workflow/assessment-access';
import { assessmentListQuery } from '../workflow/assessment-list.query';
import { toCycle } from '../workflow/views';

export const Query: QueryResolvers = {
  assessment: (_parent, { id }, context) => loadReadableAssessment(context, id),

  // Newest assessed year first; the id breaks ties within a year.
  assessments: async (_parent, { first, after, filter }, { identity, dataSource }) =>
    paginate(assessmentListQuery(dataSource, identity, filter), { first, after }, { column: 'assessment.year', idColumn: 'assessment.id', direction: 'DESC', idOf: (assessment) => assessment.id }),

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
