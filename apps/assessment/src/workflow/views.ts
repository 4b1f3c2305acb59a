import { listFilter } from '@cz/auth';
import { isUuid, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { Context } from '../context';
import type { AssessmentTemplateEntity } from '../entities/assessment-template.entity';
import { AssessmentEntity, type AssessmentStatus } from '../entities/assessment.entity';
import { AssessmentCycleEntity } from '../entities/assessment-cycle.entity';
import type { ResolversTypes } from '../generated/graphql';
import { applyAssessmentScope } from './assessment-access';

const STATUS_ORDER: readonly AssessmentStatus[] = ['OPEN', 'SELF_ASSESSED', 'CHECKED', 'SCORED', 'RECTIFYING', 'REASSESSING', 'FINAL'];

/** Per request: the years of the cycles using each template, one statement. */
const cycleYearsByTemplate = perRequest((context: Context) =>
  loaderGroupedByKey(
    (ids: readonly string[]) =>
      context.dataSource.getRepository(AssessmentCycleEntity).createQueryBuilder('cycle').where('cycle.template_id = ANY(:ids)', { ids: ids.filter(isUuid) }).orderBy('cycle.year', 'ASC').getMany(),
    (cycle) => cycle.templateId,
  ),
);

/**
 * Per request: each cycle's assessments the caller may read (a reviewer: those assigned), in one
 * statement whatever the number of cycles. An identity without any read access sees none.
 */
const visibleAssessmentsByCycle = perRequest((context: Context) =>
  loaderGroupedByKey(async (ids: readonly string[]) => {
    const scope = listFilter(context.identity, 'assessment.read');
    if (scope.kind === 'none') return [];
    const query = context.dataSource.getRepository(AssessmentEntity).createQueryBuilder('assessment').where('assessment.cycle_id = ANY(:ids)', { ids: ids.filter(isUuid) });
    return applyAssessmentScope(query, scope, 'assessment').orderBy('assessment.park_id', 'ASC').getMany();
  }, (assessment) => assessment.cycleId ?? ''),
);

export async function toTemplate(context: Context, template: AssessmentTemplateEntity): Promise<ResolversTypes['AssessmentTemplate']> {
  const cycles = await cycleYearsByTemplate(context).load(template.id);
  return {
    id: template.id,
    code: template.code,
    title: template.title,
    indicators: template.content.indicators.map((indicator) => ({ ...indicator })),
    cutoffs: { ...template.content.cutoffs },
    usedByCycleYears: cycles.map((cycle) => cycle.year),
    version: template.version,
    createdBy: template.createdBy,
    createdAt: template.createdAt,
  };
}

/** A cycle as the schema shows it; its template and the caller's assessments come through per-request loaders. */
export async function toCycle(context: Context, cycle: AssessmentCycleEntity): Promise<ResolversTypes['AssessmentCycle']> {
  const [template, assessments] = await Promise.all([context.loaders.templateById.load(cycle.templateId), visibleAssessmentsByCycle(context).load(cycle.id)]);
  if (!template) throw new Error(`template ${cycle.templateId} of cycle ${cycle.year} is missing`);
  const counts = new Map<AssessmentStatus, number>();
  for (const assessment of assessments) counts.set(assessment.status, (counts.get(assessment.status) ?? 0) + 1);
  return {
    id: cycle.id,
    year: cycle.year,
    template: await toTemplate(context, template),
    openedOn: cycle.openedOn,
    submissionDeadline: cycle.submissionDeadline,
    reviewDeadline: cycle.reviewDeadline,
    status: cycle.status,
    statusCounts: STATUS_ORDER.filter((status) => counts.has(status)).map((status) => ({ status, count: counts.get(status) ?? 0 })),
    assessments,
  };
}
