import type { Operation } from '@cz/auth';
import { NotFoundError } from '@cz/errors';
import { authorizeForPark, type ParkRefEntity } from '@cz/park-refs';
import { isUuid, loaderByKey, loaderGroupedByKey, perRequest } from '@cz/subgraph-kit';
import type { DataSource } from 'typeorm';
import type { Context } from '../context';
import type { ResolversTypes } from '../generated/graphql';
import { EmploymentReportEntity, type EmploymentReportStatus } from './employment-report.entity';

export const STATUS_NAMES: Readonly<Record<EmploymentReportStatus, string>> = { REPORTED: '待核实', VERIFIED: '已核实', RETURNED: '已退回' };

export function reportsQuery(dataSource: DataSource) {
  return dataSource.getRepository(EmploymentReportEntity).createQueryBuilder('report');
}

/** Reports by id, one statement per request batch (mutations, _entities). */
export const reportById = perRequest(({ dataSource }: Context) =>
  loaderByKey((ids: readonly string[]) => reportsQuery(dataSource).where('report.id = ANY(:ids)', { ids: ids.filter(isUuid) }).getMany(), (report) => report.id),
);

/** Every report of each park of the request, latest year first, in one statement. */
export const reportsByPark = perRequest(({ dataSource }: Context) =>
  loaderGroupedByKey(
    (parkIds: readonly string[]) =>
      reportsQuery(dataSource)
        .where('report.park_id = ANY(:parkIds)', { parkIds: parkIds.filter(isUuid) })
        .orderBy('report.year', 'DESC')
        .getMany(),
    (report) => report.parkId,
  ),
);

/** The guard of a change to one report: the operation, in the jurisdiction of the report's park. */
export async function authorizeOnReport(context: Context, operation: Operation, reportId: string): Promise<{ report: EmploymentReportEntity; park: ParkRefEntity }> {
  const report = isUuid(reportId) ? await reportById(context).load(reportId) : null;
  if (!report) throw new NotFoundError('促进就业情况报告不存在', { reportId });
  return { report, park: await authorizeForPark(context.identity, operation, report.parkId, context.loaders.parkRefs) };
}

/** Read afresh after a change (not through the request's cached loader). */
export async function reloadReport(context: Context, id: string): Promise<ResolversTypes['EmploymentReport']> {
  const report = await reportsQuery(context.dataSource).where('report.id = :id', { id }).getOne();
  if (!report) throw new Error(`employment report ${id} vanished after being written`);
  return toEmploymentReport(report);
}

export function toEmploymentReport(report: EmploymentReportEntity): ResolversTypes['EmploymentReport'] {
  return {
    id: report.id,
    park: { id: report.parkId },
    year: report.year,
    employmentPromoted: report.employmentPromoted,
    evidence: report.evidence,
    // The EvidenceFile field resolver loads them per request, batched; the row does not carry them.
    evidenceFiles: [],
    status: report.status,
    returnReason: report.returnReason,
    version: report.version,
    reportedAt: report.reportedAt,
    verifiedAt: report.verifiedAt,
  };
}
