import { authorize, can, type ListFilter, type Operation, scopeOf, type Target } from '@cz/auth';
import { NotFoundError } from '@cz/errors';
import { applyParkScope, type ParkRefEntity } from '@cz/park-refs';
import { isUuid, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Context } from '../context';
import type { AssessmentEntity } from '../entities/assessment.entity';
import { AssessmentReviewerEntity } from './entities/assessment-reviewer.entity';

/** Per request: each assessment's reviewers in order of assignment, one statement for the whole request. */
export const reviewersLoader = perRequest((context: Context) =>
  loaderGroupedByKey(
    (ids: readonly string[]) =>
      context.dataSource
        .getRepository(AssessmentReviewerEntity)
        .createQueryBuilder('reviewer')
        .where('reviewer.assessment_id = ANY(:ids)', { ids: ids.filter(isUuid) })
        .orderBy('reviewer.assigned_at', 'ASC')
        .addOrderBy('reviewer.subject', 'ASC')
        .getMany(),
    (reviewer) => reviewer.assessmentId,
  ),
);

/** What `operation` is aimed at: the park's county from park_ref, and for an ASSIGNED scope the reviewers. */
async function targetOf(context: Context, operation: Operation, assessment: AssessmentEntity): Promise<{ park: ParkRefEntity; target: Target }> {
  const park = await context.loaders.parkRefs.load(assessment.parkId);
  if (!park) throw new NotFoundError('园区不存在或尚未同步', { parkId: assessment.parkId });
  const target: Target = { parkId: park.parkId, countyCode: park.countyCode };
  if (scopeOf(context.identity.role, operation) === 'ASSIGNED') target.assignedSubjects = (await reviewersLoader(context).load(assessment.id)).map((reviewer) => reviewer.subject);
  return { park, target };
}

/** The one guard for an operation on an assessment: county for county and park roles, assignment for reviewers. */
export async function authorizeOnAssessment(context: Context, operation: Operation, assessment: AssessmentEntity): Promise<ParkRefEntity> {
  const { park, target } = await targetOf(context, operation, assessment);
  authorize(context.identity, operation, target);
  return park;
}

export async function mayOnAssessment(context: Context, operation: Operation, assessment: AssessmentEntity): Promise<boolean> {
  const { target } = await targetOf(context, operation, assessment);
  return can(context.identity, operation, target);
}

/** Query.assessment and the _entities path: null when it does not exist, FORBIDDEN outside the caller's reach. */
export async function loadReadableAssessment(context: Context, id: string): Promise<AssessmentEntity | null> {
  const assessment = isUuid(id) ? await context.loaders.assessmentById.load(id) : null;
  if (!assessment) return null;
  await authorizeOnAssessment(context, 'assessment.read', assessment);
  return assessment;
}

/** A change's guard: NOT_FOUND when the assessment does not exist, then the operation's scope. */
export async function requireAssessment(context: Context, operation: Operation, id: string): Promise<{ assessment: AssessmentEntity; park: ParkRefEntity }> {
  const assessment = isUuid(id) ? await context.loaders.assessmentById.load(id) : null;
  if (!assessment) throw new NotFoundError('考核评估不存在', { assessmentId: id });
  return { assessment, park: await authorizeOnAssessment(context, operation, assessment) };
}

/** Narrows a query over assessments to a list filter; a reviewer sees the assessments assigned to them. */
export function applyAssessmentScope<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: Exclude<ListFilter, { kind: 'none' }>, alias: string): SelectQueryBuilder<T> {
  if (scope.kind !== 'assigned') return applyParkScope(query, scope, `${alias}.park_id`);
  return query.andWhere(`${alias}.id IN (SELECT scope_reviewer.assessment_id FROM assessment_reviewer scope_reviewer WHERE scope_reviewer.subject = :scopeSubject)`, { scopeSubject: scope.subject });
}
