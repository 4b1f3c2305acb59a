import { notInFuture, requiredText } from '@cz/policy';
import { shanghaiDate } from '@cz/calendar';
import { ConflictError } from '@cz/errors';
import { recordEvent } from '@cz/events';
import type { DeclaredFacts, DeclaredSite } from '@cz/policy';
import { EVENT_TYPES } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { loadPolicyInForce } from '../policy-versions/policy-repository';
import type { Context } from '../context';
import type { ApplicationEntity } from '../entities/application.entity';
import { transitionStage } from '../transitions/transition-stage';
import { authorizeOnApplication } from './panel-access';

import { requestNotification } from './review-notifications';

/** The facts frozen at the latest submission: what was reviewed is what gets recognised. */
async function latestFacts(manager: EntityManager, applicationId: string): Promise<DeclaredFacts> {
  const rows: Array<{ facts: DeclaredFacts }> = await manager.query(`SELECT "facts" FROM "${SCHEMA}"."application_submission" WHERE "application_id" = $1 ORDER BY "round" DESC LIMIT 1`, [applicationId]);
  if (rows.length === 0) throw new ConflictError('申报没有已提交的申报事实，不能批复', { applicationId });
  return rows[0].facts;
}

/**
 * The site a SUB_PARK approval adds. Convention (documented in the SDL): the park declares its
 * existing sites first and the new sub-park last, so the new one is the last site, never the core.
 */
export function newSubParkSite(facts: DeclaredFacts): DeclaredSite {
  const site = facts.sites.at(-1);
  if (!site || site.isCore) throw new ConflictError('增设分园区申报的最后一个园区须为新增的分园区，无法确定新增分园区', { sites: facts.sites.length });
  return site;
}

/**
 * 批复: the stage change, the approval event the registry recognises the park from, and the
 * notice to the park, in one transaction; a second approval finds the stage changed (CONFLICT).
 */
export async function approveApplication(context: Context, applicationId: string, expectedVersion: number, documentNo: string, approvedOnInput: string): Promise<ApplicationEntity> {
  const approvalDocumentNo = requiredText('approvalDocumentNo', documentNo, '批复文号', 50);
  const approvedOn = notInFuture('approvedOn', approvedOnInput, shanghaiDate(context.now()), '批复日期');
  const { park } = await authorizeOnApplication(context, 'application.approve', applicationId);
  return context.dataSource.transaction(async (manager) => {
    const updated = await transitionStage(manager, {
      applicationId,
      action: 'approve',
      identity: context.identity,
      requestId: context.requestId,
      now: context.now(),
      expectedVersion,
      details: { approvalDocumentNo, approvedOn },
    });
    const facts = await latestFacts(manager, applicationId);
    // Art 9's amount is the one in force for the park's county on the approval day (Art 22).
    const policy = await loadPolicyInForce(manager, park.countyCode, approvedOn);
    await recordEvent(manager, SCHEMA, EVENT_TYPES.applicationApproved, applicationId, {
      applicationId,
      parkId: updated.parkId,
      kind: updated.kind,
      approvalDocumentNo,
      approvedOn,
      facts,
      subPark: updated.kind === 'SUB_PARK' ? newSubParkSite(facts) : null,
      recognitionAwardFen: updated.kind === 'RECOGNITION' ? policy.parameters.recognitionAwardFen : null,
      policyVersionCode: policy.code,
    });
    await requestNotification(manager, updated, {
      action: 'approve',
      audience: { role: 'PARK_OPERATOR', parkId: updated.parkId },
      title: updated.kind === 'SUB_PARK' ? '增设分园区申请已批复' : '市级人力资源服务产业园认定已批复',
      body: `${park.name}的申报已于 ${approvedOn} 批复（${approvalDocumentNo}）。`,
    });
    return updated;
  });
}
