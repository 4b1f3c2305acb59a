import type { Identity } from '@cz/auth';
import { recordAudit } from '@cz/db';
import type { EventHandler } from '@cz/events';
import { createLogger } from '@cz/logging';
import { parseFen } from '@cz/policy';
import type { ApplicationApprovedPayload, EventEnvelope } from '@cz/queue-contracts';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { recordGrant } from '../ledger/ledger-writes';

type ApprovalEvent = EventEnvelope<'applications.application-approved'>;

// Event handlers get no logger from the consumer; this one reports only why nothing was created.
const logger = createLogger('funding');

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const systemActor = (event: ApprovalEvent): Identity => ({ subject: `system:${event.source}`, role: 'SYSTEM', name: '批复事件' });

/** The award's figures from the event; a malformed event fails the job loudly (and is retried) rather than be guessed at. */
function awardFigures(approval: ApplicationApprovedPayload): { amountFen: bigint; year: number } {
  if (!ISO_DAY.test(approval.approvedOn)) throw new Error(`approval ${approval.applicationId} has no valid approvedOn (${approval.approvedOn})`);
  if (!approval.recognitionAwardFen) throw new Error(`recognition approval ${approval.applicationId} carries no recognitionAwardFen`);
  const amountFen = parseFen('recognitionAwardFen', approval.recognitionAwardFen);
  if (amountFen <= 0n) throw new Error(`recognition approval ${approval.applicationId} carries a non-positive award`);
  return { amountFen, year: Number(approval.approvedOn.slice(0, 4)) };
}

async function explainNothingCreated(manager: EntityManager, approval: ApplicationApprovedPayload): Promise<void> {
  const [existing]: Array<{ id: string; source_application_id: string | null }> = await manager.query(
    `SELECT "id", "source_application_id" FROM "${SCHEMA}"."funding_award" WHERE "park_id" = $1 AND "kind" = 'RECOGNITION_AWARD'`,
    [approval.parkId],
  );
  const reason =
    existing?.source_application_id === approval.applicationId
      ? 'this approval already created the award (a second event for the same application)'
      : 'the park has had its recognition award already (Art 9: once per park, ever; e.g. re-recognised after revocation)';
  logger.info({ applicationId: approval.applicationId, parkId: approval.parkId, existingAwardId: existing?.id }, `no recognition award created: ${reason}`);
}

/**
 * Art 9: the approval of a RECOGNITION application creates the park's one-time award (APPROVED,
 * ready for finance) and its GRANT entry, in the event's transaction. The inbox applies an event
 * id once; the partial unique index on park_id makes every other event for the park a no-op.
 */
export const recognitionApprovedHandler: EventHandler<'applications.application-approved'> = async (event, manager) => {
  const approval = event.payload;
  // A sub-park (Art 8) brings no award.
  if (approval.kind !== 'RECOGNITION') return;
  const { amountFen, year } = awardFigures(approval);
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO "${SCHEMA}"."funding_award" ("park_id", "kind", "year", "amount_fen", "status", "source_application_id", "policy_version_code")
     VALUES ($1, 'RECOGNITION_AWARD', $2, $3, 'APPROVED', $4, $5)
     ON CONFLICT ("park_id") WHERE "kind" = 'RECOGNITION_AWARD' DO NOTHING RETURNING "id"`,
    [approval.parkId, year, amountFen.toString(), approval.applicationId, approval.policyVersionCode],
  );
  if (inserted.length === 0) return explainNothingCreated(manager, approval);
  const awardId = inserted[0].id;
  const entryId = await recordGrant(manager, {
    awardId,
    amountFen,
    occurredOn: approval.approvedOn,
    description: `市级人力资源服务产业园一次性认定奖励（第九条；批复文号 ${approval.approvalDocumentNo}，政策版本 ${approval.policyVersionCode}）`,
    actor: systemActor(event),
  });
  await recordAudit(manager, SCHEMA, systemActor(event), {
    operation: 'funding.recognition-award.create',
    targetType: 'FundingAward',
    targetId: awardId,
    changes: { status: [null, 'APPROVED'], amountFen: amountFen.toString(), year, applicationId: approval.applicationId, approvalDocumentNo: approval.approvalDocumentNo, policyVersionCode: approval.policyVersionCode, grantEntryId: entryId },
    requestId: event.id,
  });
};
