import { randomBytes } from 'node:crypto';
import { LOCAL_DEFAULTS } from '@cz/config';
import { dropDatabase, ensureDatabase } from '@cz/db';

export interface TestDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** A fresh, empty database on the real PostgreSQL server for one test file; drop it in afterAll. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? LOCAL_DEFAULTS.databaseUrl);
  base.pathname = `/czhr_test_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const url = base.toString();
  await ensureDatabase(url);
  return { url, drop: () => dropDatabase(url) };
}
