import { authorize } from '@cz/auth';
import { isUuid, paginate } from '@cz/subgraph-kit';
import { AssessmentTemplateEntity } from '../entities/assessment-template.entity';
import { AssessmentEntity } from '../entities/assessment.entity';
import type { QueryResolvers } from '../generated/graphql';
import { toTemplate } from './views';

export const Query: QueryResolvers = {
  assessmentTemplates: async (_parent, { first, after }, context) => {
    authorize(context.identity, 'assessment.cycle.read');
    const query = context.dataSource.getRepository(AssessmentTemplateEntity).createQueryBuilder('template');
    const page = await paginate(query, { first, after }, { column: 'template.created_at', idColumn: 'template.id', direction: 'DESC', idOf: (template) => template.id });
    return { ...page, edges: await Promise.all(page.edges.map(async (edge) => ({ cursor: edge.cursor, node: await toTemplate(context, edge.node) }))) };
  },

  assessmentTemplate: async (_parent, { id }, context) => {
    authorize(context.identity, 'assessment.cycle.read');
    const template = isUuid(id) ? await context.loaders.templateById.load(id) : null;
    return template ? toTemplate(context, template) : null;
  },

  // Art 20(一) is a public notice: park name, year and score, nothing of the assessment's working papers.
  commendedParks: async (_parent, { year, first, after }, context) => {
    authorize(context.identity, 'assessment.commendations.read');
    const query = context.dataSource
      .getRepository(AssessmentEntity)
      .createQueryBuilder('assessment')
      .where('assessment.year = :year AND assessment.status = :status AND assessment.commended', { year, status: 'FINAL' });
    const page = await paginate(query, { first, after }, { column: 'assessment.total_score', idColumn: 'assessment.id', direction: 'DESC', idOf: (assessment) => assessment.id });
    const edges = await Promise.all(
      page.edges.map(async ({ cursor, node }) => {
        const park = await context.loaders.parkRefs.load(node.parkId);
        return { cursor, node: { park: { id: node.parkId }, parkName: park?.officialName ?? park?.name ?? '', year: node.year, totalScore: node.totalScore ?? '' } };
      }),
    );
    return { ...page, edges };
  },
};
