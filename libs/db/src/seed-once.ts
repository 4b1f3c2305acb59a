import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `seed` in one transaction only when `table` is empty, under a lock that makes concurrent
 * seeders (`npm start` and `npm run seed` at once) wait and then find the table filled.
 * Returns the number of rows `seed` reports, 0 when the table already had data.
 */
export async function seedWhenEmpty(dataSource: DataSource, schema: string, table: string, seed: (manager: EntityManager) => Promise<number>): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`LOCK TABLE "${schema}"."${table}" IN SHARE ROW EXCLUSIVE MODE`);
    const [{ filled }] = await manager.query(`SELECT EXISTS (SELECT 1 FROM "${schema}"."${table}") AS filled`);
    return filled ? 0 : seed(manager);
  });
}
