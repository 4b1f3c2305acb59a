import { isUuid, loaderByKey, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Context } from '../context';
import { ApplicationTransitionEntity } from '../transitions/application-transition.entity';
import { EvaluationConclusionEntity } from './entities/evaluation-conclusion.entity';
import { EvaluationScoreChangeEntity } from './entities/evaluation-score-change.entity';
import { PanelEvaluationEntity } from './entities/panel-evaluation.entity';
import { QualitativeFindingEntity } from './entities/qualitative-finding.entity';
import { ReviewDecisionEntity } from './entities/review-decision.entity';
import { SiteInspectionEntity } from './entities/site-inspection.entity';

/**
 * A per-request loader of an application's rows of one table, in the given order: one statement
 * (`application_id = ANY(...)`) for every application of the request.
 */
export function applicationRowsLoader<E extends ObjectLiteral & { applicationId: string }>(entity: EntityTarget<E>, order: ReadonlyArray<readonly [string, 'ASC' | 'DESC']>) {
  return perRequest((context: Context) =>
    loaderGroupedByKey((ids: readonly string[]) => {
      const query = context.dataSource.getRepository(entity).createQueryBuilder('record').where('record.application_id = ANY(:ids)', { ids: ids.filter(isUuid) });
      for (const [column, direction] of order) query.addOrderBy(`record.${column}`, direction);
      return query.getMany();
    }, (row) => row.applicationId),
  );
}

export const reviewDecisionsLoader = applicationRowsLoader(ReviewDecisionEntity, [['decided_at', 'DESC'], ['id', 'DESC']]);
export const evaluationsLoader = applicationRowsLoader(PanelEvaluationEntity, [['submitted_at', 'ASC'], ['subject', 'ASC']]);
export const scoreChangesLoader = applicationRowsLoader(EvaluationScoreChangeEntity, [['changed_at', 'ASC'], ['id', 'ASC']]);
export const siteInspectionsLoader = applicationRowsLoader(SiteInspectionEntity, [['recorded_at', 'DESC'], ['id', 'DESC']]);
export const qualitativeFindingsLoader = applicationRowsLoader(QualitativeFindingEntity, [['criterion', 'ASC']]);
export const historyLoader = applicationRowsLoader(ApplicationTransitionEntity, [['occurred_at', 'ASC'], ['id', 'ASC']]);

/** The current (not superseded) conclusion of each application. */
export const conclusionLoader = perRequest((context: Context) =>
  loaderByKey(
    (ids: readonly string[]) =>
      context.dataSource.getRepository(EvaluationConclusionEntity).createQueryBuilder('conclusion').where('conclusion.application_id = ANY(:ids) AND conclusion.superseded_at IS NULL', { ids: ids.filter(isUuid) }).getMany(),
    (conclusion) => conclusion.applicationId,
  ),
);
