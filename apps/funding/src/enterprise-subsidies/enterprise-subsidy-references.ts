import { loadReadableRecord } from '@cz/park-refs';
import { formatYuan } from '@cz/policy';
import { isUuid, loaderByKey, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { Context } from '../context';
import type { ResolversTypes } from '../generated/graphql';
import { EnterpriseSubsidyEntity } from './enterprise-subsidy.entity';

export const subsidiesQuery = (dataSource: DataSource) => dataSource.getRepository(EnterpriseSubsidyEntity).createQueryBuilder('subsidy');

export const subsidyByIdLoader = perRequest(({ dataSource }: Context) =>
  loaderByKey((ids: readonly string[]) => subsidiesQuery(dataSource).where('subsidy.id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(), (subsidy) => subsidy.id),
);

/** Park.enterpriseSubsidies: one statement for every park of the request, each park's newest first. */
export const subsidiesByParkLoader = perRequest(({ dataSource }: Context) =>
  loaderGroupedByKey(
    (parkIds: readonly string[]) =>
      subsidiesQuery(dataSource)
        .where('subsidy.park_id = ANY(:parkIds)', { parkIds: parkIds.filter(isUuid) })
        .orderBy('subsidy.recorded_at', 'DESC')
        .addOrderBy('subsidy.id', 'DESC')
        .getMany(),
    (subsidy) => subsidy.parkId,
  ),
);

/** The read guard for one reference, shared by the mutations' answers and the _entities path. */
export function loadReadableSubsidy(id: string, context: Context): Promise<EnterpriseSubsidyEntity | null> {
  return loadReadableRecord(context.identity, 'funding.read', id, subsidyByIdLoader(context), context.loaders.parkRefs);
}

/** The GraphQL shape of a reference (the type has no codegen mapper). */
export function toSubsidyReference(subsidy: EnterpriseSubsidyEntity): ResolversTypes['EnterpriseSubsidyReference'] {
  return {
    id: subsidy.id,
    park: { id: subsidy.parkId },
    enterpriseName: subsidy.enterpriseName,
    enterpriseCreditCode: subsidy.enterpriseCreditCode,
    policyName: subsidy.policyName,
    kind: subsidy.kind,
    amount: subsidy.amountFen,
    amountYuan: formatYuan(subsidy.amountFen),
    status: subsidy.status,
    appliedOn: subsidy.appliedOn,
    decidedOn: subsidy.decidedOn,
    note: subsidy.note,
    version: subsidy.version,
    recordedBy: subsidy.recordedBy,
    recordedAt: subsidy.recordedAt,
    updatedAt: subsidy.updatedAt,
  };
}
