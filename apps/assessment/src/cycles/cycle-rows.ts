import { NotFoundError } from '@cz/errors';
import { isUuid } from '@cz/subgraph-kit';
import type { EntityManager } from 'typeorm';
import { SCHEMA } from '../config';
import type { CycleDates } from './cycle-deadlines';

export interface CycleRow extends CycleDates {
  year: number;
  status: 'OPEN' | 'CLOSED';
  openedOn: string;
  version: number;
  submissionWorkingDays: number | null;
  reviewWorkingDays: number | null;
}

const CYCLE_COLUMNS = `"id", "year", "status", "version", "opened_on"::text AS "openedOn", "submission_deadline"::text AS "submissionDeadline", "review_deadline"::text AS "reviewDeadline",
  "reminder_days" AS "reminderDays", "submission_working_days" AS "submissionWorkingDays", "review_working_days" AS "reviewWorkingDays"`;

/** Open cycles with their stored dates; `lock` holds them against a concurrent recomputation. */
export async function openCycles(manager: EntityManager, lock = false): Promise<CycleRow[]> {
  return manager.query(`SELECT ${CYCLE_COLUMNS} FROM "${SCHEMA}"."assessment_cycle" WHERE "status" = 'OPEN' ORDER BY "year"${lock ? ' FOR UPDATE' : ''}`);
}

/** One cycle, read under a share lock so its dates cannot move while a deadline of it runs. */
export async function lockCycle(manager: EntityManager, id: string): Promise<CycleRow> {
  const rows: CycleRow[] = isUuid(id) ? await manager.query(`SELECT ${CYCLE_COLUMNS} FROM "${SCHEMA}"."assessment_cycle" WHERE "id" = $1 FOR SHARE`, [id]) : [];
  if (rows.length === 0) throw new NotFoundError('考核周期不存在', { cycleId: id });
  return rows[0];
}

export interface CycleParkRow {
  assessmentId: string;
  parkId: string;
  parkName: string;
  countyCode: string;
  status: string;
}

/** The cycle's assessments in the given statuses (or not in them), with the park's name and county. */
export async function cycleParks(manager: EntityManager, cycleId: string, statuses: readonly string[], negate = false): Promise<CycleParkRow[]> {
  return manager.query(
    `SELECT a."id" AS "assessmentId", a."park_id" AS "parkId", p."name" AS "parkName", p."county_code" AS "countyCode", a."status"
     FROM "${SCHEMA}"."assessment" a JOIN "${SCHEMA}"."park_ref" p ON p."park_id" = a."park_id"
     WHERE a."cycle_id" = $1 AND ${negate ? 'NOT ' : ''}(a."status" = ANY($2::varchar[]))
     ORDER BY p."county_code", p."name", a."park_id"`,
    [cycleId, statuses],
  );
}
