import { isUuid, loaderByKey, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { Context } from '../context';
import { ApplicationSubmissionEntity } from './application-submission.entity';
import { DraftFactsEntity } from './draft-facts.entity';
import { MaterialEntity } from './material.entity';

const uuids = (ids: readonly string[]) => ids.filter(isUuid);

/** Each application's declared (draft) facts, one statement per batch. */
export const draftFactsOf = perRequest(({ dataSource }: Context) =>
  loaderByKey(
    (ids: readonly string[]) => dataSource.getRepository(DraftFactsEntity).createQueryBuilder('draft').where('draft.application_id = ANY(:ids)', { ids: uuids(ids) }).getMany(),
    (draft) => draft.applicationId,
  ),
);

/** Every version of every material of each application (without the bytes), by item, newest version first. */
export const materialsOf = perRequest(({ dataSource }: Context) =>
  loaderGroupedByKey(
    (ids: readonly string[]) =>
      dataSource
        .getRepository(MaterialEntity)
        .createQueryBuilder('material')
        .where('material.application_id = ANY(:ids)', { ids: uuids(ids) })
        .orderBy('material.item', 'ASC')
        .addOrderBy('material.version', 'DESC')
        .getMany(),
    (material) => material.applicationId,
  ),
);

/** Each application's submissions, newest round first. */
export const submissionsOf = perRequest(({ dataSource }: Context) =>
  loaderGroupedByKey(
    (ids: readonly string[]) =>
      dataSource
        .getRepository(ApplicationSubmissionEntity)
        .createQueryBuilder('submission')
        .where('submission.application_id = ANY(:ids)', { ids: uuids(ids) })
        .orderBy('submission.round', 'DESC')
        .getMany(),
    (submission) => submission.applicationId,
  ),
);

