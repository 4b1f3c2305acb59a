import type { DataSource, EntityManager } from 'typeorm';
import { SCHEMA } from '../config';

/**
 * Whether the city bureau has concluded the current joint evaluation (联合评审) of an application.
 * Publicity may open only after it. A conclusion of an earlier round (before the application was
 * returned and resubmitted) does not count. Pass the caller's transaction manager so the check
 * sees that transaction's view.
 */
export async function isEvaluationConcluded(manager: EntityManager | DataSource, applicationId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM "${SCHEMA}"."evaluation_conclusion" WHERE "application_id" = $1 AND "superseded_at" IS NULL`, [applicationId]);
  return rows.length > 0;
}
