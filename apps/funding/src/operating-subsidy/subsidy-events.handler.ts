import type { Identity } from '@cz/auth';
import { shanghaiDate } from '@cz/calendar';
import type { EventHandler } from '@cz/events';
import { parkProfileChangedHandler } from '@cz/park-refs';
import { operatingSubsidyStatus } from '@cz/policy';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import { keepIfLatest, latestResult } from './assessment-results';
import { assessmentReason, REVOCATION_REASON } from './subsidy-reasons';
import { moveSubsidy, type SubsidyRef } from './subsidy-transitions';

type SubsidyRow = { id: string; park_id: string; year: number; amount_fen: string };
const toRef = (row: SubsidyRow): SubsidyRef => ({ id: row.id, parkId: row.park_id, year: row.year, amountFen: BigInt(row.amount_fen) });

async function parkRevoked(manager: EntityManager, parkId: string): Promise<boolean> {
  const [ref]: Array<{ status: string }> = await manager.query(`SELECT "status" FROM "${SCHEMA}"."park_ref" WHERE "park_id" = $1`, [parkId]);
  return ref?.status === 'REVOKED';
}

/**
 * Art 20: keeps the park's latest grading for the year and moves that year's subsidy as it says.
 * A grading that is not newer than the one held changes nothing (replays, late older events); a
 * grading before the subsidy exists is kept and applied when the subsidy is created.
 */
export const assessmentGradedHandler: EventHandler<'assessment.assessment-graded'> = async (event, manager) => {
  const graded = event.payload;
  if (!(await keepIfLatest(manager, event))) return;
  const [row]: SubsidyRow[] = await manager.query(
    `SELECT "id", "park_id", "year", "amount_fen" FROM "${SCHEMA}"."funding_award" WHERE "park_id" = $1 AND "year" = $2 AND "kind" = 'OPERATING_SUBSIDY'`,
    [graded.parkId, graded.year],
  );
  if (!row) return;
  const result = await latestResult(manager, graded.parkId, graded.year);
  const actor: Identity = { subject: `system:${event.source}`, role: 'SYSTEM', name: '考核评估结果' };
  await moveSubsidy(manager, toRef(row), operatingSubsidyStatus(await parkRevoked(manager, graded.parkId), result), {
    actor,
    requestId: event.id,
    reason: assessmentReason(graded.year, result),
    key: `${graded.assessmentId}.${graded.phase}.${graded.outcome}`,
    occurredOn: graded.gradedOn,
    details: { assessmentId: graded.assessmentId, phase: graded.phase, grade: graded.grade, outcome: graded.outcome, totalScore: graded.totalScore },
  });
};

const keepParkRef = parkProfileChangedHandler(SCHEMA);

/**
 * The registry's park facts, kept as every service keeps them, plus Art 20(二) for the money: when
 * this service's copy turns REVOKED, every subsidy of the park not yet paid is cancelled (money
 * already paid is withheld and reported, see moveSubsidy). Only the turn acts, so a replay, or a
 * later profile change of the revoked park, changes nothing; no new subsidy is created for it.
 */
export const parkProfileChangedWithRevocation: EventHandler<'registry.park-profile-changed'> = async (event, manager) => {
  const parkId = event.payload.parkId;
  const wasRevoked = await parkRevoked(manager, parkId);
  await keepParkRef(event, manager);
  if (wasRevoked || !(await parkRevoked(manager, parkId))) return;
  const open: SubsidyRow[] = await manager.query(
    `SELECT "id", "park_id", "year", "amount_fen" FROM "${SCHEMA}"."funding_award"
      WHERE "park_id" = $1 AND "kind" = 'OPERATING_SUBSIDY' AND "status" IN ('PENDING', 'HELD', 'APPROVED') ORDER BY "year"`,
    [parkId],
  );
  const actor: Identity = { subject: `system:${event.source}`, role: 'SYSTEM', name: '园区资格取消' };
  for (const row of open) {
    await moveSubsidy(manager, toRef(row), 'CANCELLED', { actor, requestId: event.id, reason: REVOCATION_REASON, key: 'revoked', occurredOn: shanghaiDate(new Date()) });
  }
};
