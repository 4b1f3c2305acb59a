import type { Identity } from '@cz/auth';
import { guardedUpdate, recordAudit } from '@cz/db';
import { formatYuan, type OperatingSubsidyStatus } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { FundingStatus } from '../entities/funding-award.entity';
import { AWARD_STATUS_NAMES } from '../ledger/ledger-names';
import { lockAward } from '../ledger/ledger-totals';
import { insertEntry, recordGrant } from '../ledger/ledger-writes';
import { notifyAboutSubsidy } from './subsidy-notifications';

/** Why a subsidy moves: who or what moved it, and the words the park and the ledger get. */
export interface SubsidyCause {
  actor: Identity;
  /** The event id or the request id, for the audit row. */
  requestId: string;
  /** Chinese, for the park and for the reason of a reversing entry. */
  reason: string;
  /** Stable for one cause (e.g. the assessment id and phase), so a withheld change is reported once. */
  key: string;
  /** YYYY-MM-DD, Asia/Shanghai: the ledger date of a grant or reversal it causes. */
  occurredOn: string;
  /** Recorded in the audit row beside the status change. */
  details?: Record<string, unknown>;
}

/** A subsidy as its movers need it; amountFen 0 means below the threshold (never granted). */
export interface SubsidyRef {
  id: string;
  parkId: string;
  year: number;
  amountFen: bigint;
}

export const subsidyLabel = (parkName: string, year: number) => `${parkName} ${year} 年度基础运营经费补助`;

/** The GRANT that makes an approved subsidy payable, keyed by the award version it belongs to. */
export function grantSubsidy(manager: EntityManager, subsidy: SubsidyRef, version: number, cause: SubsidyCause): Promise<string> {
  return recordGrant(manager, {
    awardId: subsidy.id,
    amountFen: subsidy.amountFen,
    occurredOn: cause.occurredOn,
    description: `${subsidy.year} 年度基础运营经费补助核定（第十条、第二十条）：${cause.reason}`,
    actor: cause.actor,
    idempotencyKey: `grant.${subsidy.id}.v${version}`,
  });
}

/** Reverses every grant not reversed yet with a CORRECTION, so nothing stays payable. The caller holds the award lock. */
async function reverseGrants(manager: EntityManager, awardId: string, cause: SubsidyCause): Promise<string[]> {
  const grants: Array<{ id: string; amount_fen: string }> = await manager.query(
    `SELECT grant_entry."id", grant_entry."amount_fen" FROM "${SCHEMA}"."ledger_entry" grant_entry
      WHERE grant_entry."award_id" = $1 AND grant_entry."kind" = 'GRANT'
        AND NOT EXISTS (SELECT 1 FROM "${SCHEMA}"."ledger_entry" reversal WHERE reversal."reverses_entry_id" = grant_entry."id")
      ORDER BY grant_entry."id"`,
    [awardId],
  );
  const ids: string[] = [];
  for (const grant of grants) {
    const id = await insertEntry(manager, {
      awardId,
      kind: 'CORRECTION',
      amountFen: BigInt(grant.amount_fen),
      reversesEntryId: grant.id,
      reason: cause.reason,
      description: `冲销第 ${grant.id} 号核定分录（补助状态变更）`,
      occurredOn: cause.occurredOn,
      recordedBy: cause.actor,
    });
    if (!id) throw new Error('a correction has no idempotency key and cannot conflict');
    ids.push(id);
  }
  return ids;
}

async function parkNameOf(manager: EntityManager, parkId: string): Promise<string> {
  const [ref]: Array<{ name: string }> = await manager.query(`SELECT COALESCE("official_name", "name") AS "name" FROM "${SCHEMA}"."park_ref" WHERE "park_id" = $1`, [parkId]);
  return ref?.name ?? `园区 ${parkId}`;
}

const TITLES: Readonly<Record<OperatingSubsidyStatus, string>> = {
  PENDING: '年度运营补助待考核结果',
  APPROVED: '年度运营补助已核定',
  HELD: '年度运营补助暂缓拨付',
  CANCELLED: '年度运营补助已取消',
};

/** Tells the park (and finance, when there is money to pay) that its subsidy now has `status`. */
export async function announceSubsidyStatus(manager: EntityManager, subsidy: SubsidyRef, version: number, status: OperatingSubsidyStatus, reason: string): Promise<void> {
  const label = subsidyLabel(await parkNameOf(manager, subsidy.parkId), subsidy.year);
  const amount = subsidy.amountFen > 0n ? `${formatYuan(subsidy.amountFen)} 元` : '0 元（未达到补助门槛，详见计算过程）';
  await notifyAboutSubsidy(manager, subsidy.id, `v${version}`, { role: 'PARK_OPERATOR', parkId: subsidy.parkId }, TITLES[status], `${label}：${amount}，状态“${AWARD_STATUS_NAMES[status]}”。${reason}`);
  if (status === 'APPROVED' && subsidy.amountFen > 0n) {
    await notifyAboutSubsidy(manager, subsidy.id, `v${version}`, { role: 'FINANCE' }, '年度运营补助待拨付', `${label} ${formatYuan(subsidy.amountFen)} 元已核定，请办理拨付。${reason}`);
  }
}

/**
 * Money already paid is never taken back by a status change: the subsidy keeps its status, and the
 * city bureau and finance are told to settle it by hand (a correction, a recovery), with an audit
 * row saying what was not done and why.
 */
async function withholdChange(manager: EntityManager, subsidy: SubsidyRef, from: FundingStatus, target: OperatingSubsidyStatus, paidFen: bigint, cause: SubsidyCause): Promise<void> {
  await recordAudit(manager, SCHEMA, cause.actor, {
    operation: 'funding.operating-subsidy.change-withheld',
    targetType: 'FundingAward',
    targetId: subsidy.id,
    changes: { status: [from, from], wouldBe: target, paidFen: paidFen.toString(), reason: cause.reason, ...cause.details },
    requestId: cause.requestId,
  });
  const label = subsidyLabel(await parkNameOf(manager, subsidy.parkId), subsidy.year);
  const body = `${label}已拨付 ${formatYuan(paidFen)} 元，现应变更为“${AWARD_STATUS_NAMES[target]}”（${cause.reason}）。系统未自动变更资金状态，请市人社局会同市级财政核处（如更正或追回）。`;
  for (const role of ['CITY_BUREAU', 'FINANCE'] as const) {
    await notifyAboutSubsidy(manager, subsidy.id, `withheld:${cause.key}`, { role }, '年度运营补助状态需人工核处', body);
  }
}

/**
 * Moves a subsidy to the status its assessment (or its park's revocation) calls for, under the
 * award's row lock, so it serialises with payments: PENDING/HELD → APPROVED adds the GRANT;
 * leaving APPROVED unpaid reverses it; CANCELLED is final; anything already paid is withheld
 * (see withholdChange). Status, ledger, audit row and notices commit together.
 */
export async function moveSubsidy(manager: EntityManager, subsidy: SubsidyRef, target: OperatingSubsidyStatus, cause: SubsidyCause): Promise<FundingStatus> {
  const locked = await lockAward(manager, subsidy.id);
  if (locked.status === target || locked.status === 'CANCELLED') return locked.status;
  if (locked.status === 'PAID' || locked.totals.paid > 0n) {
    if (target !== 'APPROVED') await withholdChange(manager, subsidy, locked.status, target, locked.totals.paid, cause);
    return locked.status;
  }
  const version = locked.version + 1;
  const reversals = locked.totals.granted > 0n ? await reverseGrants(manager, subsidy.id, cause) : [];
  const grantEntryId = target === 'APPROVED' && subsidy.amountFen > 0n ? await grantSubsidy(manager, subsidy, version, cause) : null;
  const changed = await guardedUpdate(
    manager,
    `UPDATE "${SCHEMA}"."funding_award" SET "status" = $3, "version" = $4, "updated_at" = now() WHERE "id" = $1 AND "status" = $2 AND "version" = $5`,
    [subsidy.id, locked.status, target, version, locked.version],
  );
  // The row is locked: only a bug gets here.
  if (changed === 0) throw new Error(`subsidy ${subsidy.id} changed under its own lock`);
  await recordAudit(manager, SCHEMA, cause.actor, {
    operation: 'funding.operating-subsidy.status',
    targetType: 'FundingAward',
    targetId: subsidy.id,
    changes: { status: [locked.status, target], version: [locked.version, version], grantEntryId, reversalEntryIds: reversals, reason: cause.reason, ...cause.details },
    requestId: cause.requestId,
  });
  await announceSubsidyStatus(manager, subsidy, version, target, cause.reason);
  return target;
}
