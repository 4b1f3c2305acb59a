import type { DataSource } from 'typeorm';
import { DEFAULT_TEMPLATE_ID } from '../migrations/1765000000000-assessment-cycles';

/**
 * A cycle as the cycles module opens it, written directly so the workflow is tested on its own:
 * opened on 5 January of the following year, with the given submission deadline.
 */
export async function insertCycle(dataSource: DataSource, year: number, submissionDeadline: string, templateId: string = DEFAULT_TEMPLATE_ID): Promise<string> {
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO "assessment"."assessment_cycle" ("year", "template_id", "opened_on", "submission_deadline", "review_deadline", "reminder_days", "opened_by")
     VALUES ($1, $2, $3, $4, $4::date + 30, '{}'::jsonb, 'test') RETURNING "id"`,
    [year, templateId, `${year + 1}-01-05`, submissionDeadline],
  );
  return row.id;
}

/** One OPEN assessment per park in the cycle; ids in the parks' order. */
export async function insertAssessments(dataSource: DataSource, cycleId: string, year: number, parkIds: readonly string[]): Promise<string[]> {
  const rows: Array<{ id: string; park_id: string }> = await dataSource.query(
    `INSERT INTO "assessment"."assessment" ("park_id", "year", "status", "cycle_id") SELECT park_id, $2, 'OPEN', $3 FROM unnest($1::uuid[]) AS park_id RETURNING "id", "park_id"`,
    [parkIds, year, cycleId],
  );
  const byPark = new Map(rows.map((row) => [row.park_id, row.id]));
  return parkIds.map((parkId) => byPark.get(parkId) as string);
}
