import { shanghaiDate } from '@cz/calendar';
import { guardedUpdate, recordAudit } from '@cz/db';
import { ConflictError } from '@cz/errors';
import { text } from '@cz/policy';
import { SCHEMA } from '../config';
import type { Context } from '../context';
import type { EmploymentDecision } from '../generated/graphql';
import { returnReason } from './employment-input.rules';
import { notifyAboutReport } from './employment-notifications';
import { createSubsidyWhenReady } from '../operating-subsidy/subsidy-creation';
import { authorizeOnReport, reloadReport, STATUS_NAMES } from './employment-reports';

function reasonOf(decision: EmploymentDecision, reason: string | null | undefined): string | null {
  if (decision === 'RETURN') return returnReason('reason', reason);
  // A remark on a verification is kept in the audit row only: return_reason belongs to RETURNED.
  return reason?.trim() ? text('reason', reason, '核实意见', { min: 1, max: 500, multiline: true }) : null;
}

/** 核实/退回: only a REPORTED report, by its park's county bureau; the park hears the outcome. */
export async function verifyEmploymentReport(context: Context, reportId: string, expectedVersion: number, decision: EmploymentDecision, reasonInput: string | null | undefined) {
  const { report, park } = await authorizeOnReport(context, 'funding.employment.verify', reportId);
  const reason = reasonOf(decision, reasonInput);
  if (report.status !== 'REPORTED') throw new ConflictError(`该报告${STATUS_NAMES[report.status]}，只有待核实的报告才能核实或退回`, { status: report.status });
  const status = decision === 'VERIFY' ? 'VERIFIED' : 'RETURNED';
  await context.dataSource.transaction(async (manager) => {
    const changed = await guardedUpdate(
      manager,
      decision === 'VERIFY'
        ? `UPDATE "${SCHEMA}"."employment_report" SET "status" = 'VERIFIED', "verified_by" = $3, "verified_at" = $4, "version" = "version" + 1 WHERE "id" = $1 AND "version" = $2 AND "status" = 'REPORTED'`
        : `UPDATE "${SCHEMA}"."employment_report" SET "status" = 'RETURNED', "return_reason" = $3, "version" = "version" + 1 WHERE "id" = $1 AND "version" = $2 AND "status" = 'REPORTED'`,
      decision === 'VERIFY' ? [report.id, expectedVersion, context.identity.subject, context.now()] : [report.id, expectedVersion, reason],
    );
    if (changed === 0) throw new ConflictError('该报告已被他人处理（版本已变化），请刷新后重试', { version: report.version });
    await recordAudit(manager, SCHEMA, context.identity, {
      operation: 'funding.employment.verify',
      targetType: 'EmploymentReport',
      targetId: report.id,
      changes: { status: ['REPORTED', status], reason, employmentPromoted: report.employmentPromoted, version: [expectedVersion, expectedVersion + 1] },
      requestId: context.requestId,
    });
    await notifyAboutReport(
      manager,
      report.id,
      expectedVersion + 1,
      decision === 'VERIFY' ? 'verified' : 'returned',
      { role: 'PARK_OPERATOR', parkId: park.parkId },
      decision === 'VERIFY' ? '促进就业情况已核实' : '促进就业情况报告被退回',
      decision === 'VERIFY'
        ? `${park.name} ${report.year} 年度促进就业人数 ${report.employmentPromoted} 人已经县区人社部门核实。`
        : `${park.name} ${report.year} 年度促进就业情况报告被退回，请更正后重新提交：${reason}`,
    );
    // Art 10: a verified count completes the year's subsidy when the city's targets are in.
    if (decision === 'VERIFY') await createSubsidyWhenReady(manager, report.parkId, report.year, { actor: context.identity, requestId: context.requestId, today: shanghaiDate(context.now()) });
  });
  return reloadReport(context, report.id);
}
