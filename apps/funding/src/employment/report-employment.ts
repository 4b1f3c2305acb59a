import { shanghaiDate } from '@cz/calendar';
import { guardedUpdate, recordAudit } from '@cz/db';
import { ConflictError } from '@cz/errors';
import { authorizeForPark, type ParkRefEntity } from '@cz/park-refs';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import { citedEvidence, citeEvidence, evidenceDescription, REPORT_EVIDENCE, replaceReportEvidence } from '../evidence/evidence-files';
import { headcount, year as validYear } from './employment-input.rules';
import { notifyAboutReport } from './employment-notifications';
import { authorizeOnReport, reloadReport, STATUS_NAMES } from './employment-reports';

export interface ReportInput {
  parkId: string;
  year: number;
  employmentPromoted: number;
  /** Files the park uploaded as evidence, cited in this order. */
  evidenceFileIds: readonly string[];
  /** A description of the evidence; the files' names when left out. */
  evidence?: string | null;
}

function askCounty(manager: EntityManager, park: ParkRefEntity, reportId: string, version: number, year: number, promoted: number, corrected: boolean) {
  return notifyAboutReport(
    manager,
    reportId,
    version,
    'reported',
    { role: 'COUNTY_BUREAU', countyCode: park.countyCode },
    corrected ? '促进就业情况报告已更正，待核实' : '促进就业情况报告待核实',
    `${park.name}${corrected ? '更正了' : '上报了'} ${year} 年度促进就业人数 ${promoted} 人，请核实。`,
  );
}

/** 上报促进就业人数: a recognised park, a year already begun (Beijing time), once per park and year. */
export async function reportEmployment(context: Context, input: ReportInput) {
  const park = await authorizeForPark(context.identity, 'funding.employment.report', input.parkId, context.loaders.parkRefs);
  if (park.status !== 'RECOGNISED') throw new ConflictError(`${park.name}尚未被认定（或已被撤销认定），不能上报促进就业情况`, { parkStatus: park.status });
  const now = context.now();
  const year = validYear('year', input.year, Number(shanghaiDate(now).slice(0, 4)));
  const promoted = headcount('employmentPromoted', input.employmentPromoted, '促进就业人数');
  const files = await citedEvidence(context.dataSource, 'evidenceFileIds', input.evidenceFileIds, park.parkId);
  const evidence = evidenceDescription('evidence', input.evidence, files);
  const evidenceFileIds = files.map((file) => file.id);
  const id = await context.dataSource.transaction(async (manager) => {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO "${SCHEMA}"."employment_report" ("park_id", "year", "employment_promoted", "evidence", "status", "reported_by", "reported_at")
       VALUES ($1, $2, $3, $4, 'REPORTED', $5, $6) ON CONFLICT ("park_id", "year") DO NOTHING RETURNING "id"`,
      [park.parkId, year, promoted, evidence, context.identity.subject, now],
    );
    if (inserted.length === 0) throw new ConflictError(`${park.name} ${year} 年度的促进就业情况已上报；被退回时请更正原报告`, { year });
    const reportId = inserted[0].id;
    await citeEvidence(manager, REPORT_EVIDENCE, reportId, evidenceFileIds);
    await recordAudit(manager, SCHEMA, context.identity, {
      operation: 'funding.employment.report',
      targetType: 'EmploymentReport',
      targetId: reportId,
      changes: { parkId: park.parkId, year, employmentPromoted: [null, promoted], evidence: [null, evidence], evidenceFileIds: [null, evidenceFileIds], status: [null, 'REPORTED'] },
      requestId: context.requestId,
    });
    await askCounty(manager, park, reportId, 1, year, promoted, false);
    return reportId;
  });
  return reloadReport(context, id);
}

/** 更正被退回的报告: in place, back to REPORTED; the figures replaced stay in the audit row. */
export async function correctEmploymentReport(context: Context, reportId: string, expectedVersion: number, input: Pick<ReportInput, 'employmentPromoted' | 'evidenceFileIds' | 'evidence'>) {
  const { report, park } = await authorizeOnReport(context, 'funding.employment.report', reportId);
  const promoted = headcount('employmentPromoted', input.employmentPromoted, '促进就业人数');
  const files = await citedEvidence(context.dataSource, 'evidenceFileIds', input.evidenceFileIds, park.parkId);
  const evidence = evidenceDescription('evidence', input.evidence, files);
  const evidenceFileIds = files.map((file) => file.id);
  if (report.status !== 'RETURNED') throw new ConflictError(`该报告${STATUS_NAMES[report.status]}，只有被退回的报告才能更正`, { status: report.status });
  await context.dataSource.transaction(async (manager) => {
    const changed = await guardedUpdate(
      manager,
      `UPDATE "${SCHEMA}"."employment_report" SET "employment_promoted" = $3, "evidence" = $4, "status" = 'REPORTED', "return_reason" = NULL,
         "version" = "version" + 1, "reported_by" = $5, "reported_at" = $6
       WHERE "id" = $1 AND "version" = $2 AND "status" = 'RETURNED'`,
      [report.id, expectedVersion, promoted, evidence, context.identity.subject, context.now()],
    );
    if (changed === 0) throw new ConflictError('该报告已被他人处理（版本已变化），请刷新后重试', { version: report.version });
    const citedBefore = await replaceReportEvidence(manager, report.id, evidenceFileIds);
    await recordAudit(manager, SCHEMA, context.identity, {
      operation: 'funding.employment.report',
      targetType: 'EmploymentReport',
      targetId: report.id,
      changes: {
        employmentPromoted: [report.employmentPromoted, promoted],
        evidence: [report.evidence, evidence],
        evidenceFileIds: [citedBefore, evidenceFileIds],
        status: ['RETURNED', 'REPORTED'],
        correction: true,
        returnReason: [report.returnReason, null],
        version: [expectedVersion, expectedVersion + 1],
      },
      requestId: context.requestId,
    });
    await askCounty(manager, park, report.id, expectedVersion + 1, report.year, promoted, true);
  });
  return reloadReport(context, report.id);
}
