import { isUuid, loaderByKey, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { Context } from '../context';
import { IndicatorScoreEntity } from './entities/indicator-score.entity';
import { RectificationEntity } from './entities/rectification.entity';
import { ScoreChangeEntity } from './entities/score-change.entity';
import { SelfAssessmentEntryEntity } from './entities/self-assessment-entry.entity';

/** A per-request loader of an assessment's rows of one table, in the given order, in one statement for the whole request. */
function assessmentRowsLoader<E extends ObjectLiteral & { assessmentId: string }>(entity: EntityTarget<E>, order: ReadonlyArray<readonly [string, 'ASC' | 'DESC']>) {
  return perRequest((context: Context) =>
    loaderGroupedByKey((ids: readonly string[]) => {
      const query = context.dataSource.getRepository(entity).createQueryBuilder('record').where('record.assessment_id = ANY(:ids)', { ids: ids.filter(isUuid) });
      for (const [column, direction] of order) query.addOrderBy(`record.${column}`, direction);
      return query.getMany();
    }, (row) => row.assessmentId),
  );
}

export const selfAssessmentLoader = assessmentRowsLoader(SelfAssessmentEntryEntity, [['indicator_code', 'ASC']]);
export const scoresLoader = assessmentRowsLoader(IndicatorScoreEntity, [['phase', 'ASC'], ['indicator_code', 'ASC']]);
export const scoreHistoryLoader = assessmentRowsLoader(ScoreChangeEntity, [['changed_at', 'ASC'], ['id', 'ASC']]);

export const rectificationLoader = perRequest((context: Context) =>
  loaderByKey(
    (ids: readonly string[]) => context.dataSource.getRepository(RectificationEntity).createQueryBuilder('rectification').where('rectification.assessment_id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(),
    (rectification) => rectification.assessmentId,
  ),
);
