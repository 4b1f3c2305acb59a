import { isUuid, loaderByKey, perRequest } from '@cz/subgraph-kit';
import { SCHEMA } from '../config';
import type { Context } from '../context';

interface AwardOrigin {
  id: string;
  source_application_id: string | null;
  policy_version_code: string | null;
}

/** Where each award of the request came from, in one statement (the columns this module added). */
export const awardOriginLoader = perRequest(({ dataSource }: Context) =>
  loaderByKey(
    (ids: readonly string[]): Promise<AwardOrigin[]> =>
      dataSource.query(`SELECT "id", "source_application_id", "policy_version_code" FROM "${SCHEMA}"."funding_award" WHERE "id" = ANY($1)`, [ids.filter(isUuid)]),
    (origin) => origin.id,
  ),
);
