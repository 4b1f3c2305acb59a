import type { EntityManager } from 'typeorm';

/**
 * Runs one guarded `UPDATE ... WHERE id = $1 AND <expected state>` and returns how many rows it
 * changed: 0 means the guard did not hold (a concurrent change won, or the row is gone).
 * TypeORM's `manager.query` returns `[rows, count]` for UPDATE, so the structured result is read.
 */
export async function guardedUpdate(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  if (!/^\s*UPDATE\b/i.test(sql)) throw new Error('guardedUpdate runs UPDATE statements only');
  const runner = manager.queryRunner;
  if (!runner) throw new Error('guardedUpdate needs a transaction manager');
  const result = await runner.query(sql, parameters, true);
  return result.affected ?? 0;
}
