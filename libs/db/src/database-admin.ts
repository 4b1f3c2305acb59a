import { Client } from 'pg';

/** Connects to the server's maintenance database, for creating and dropping databases. */
async function withMaintenanceClient<T>(url: string, fn: (client: Client, database: string) => Promise<T>): Promise<T> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unsupported database name "${database}"`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    return await fn(client, database);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` when it does not exist yet. Returns true if it created it. */
export async function ensureDatabase(url: string): Promise<boolean> {
  return withMaintenanceClient(url, async (client, database) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${database}" ENCODING 'UTF8' TEMPLATE template0`);
      return true;
    } catch (error) {
      // Several services start at once; the one that lost the race finds it created (42P04), or, when
      // both inserts reach the catalogue together, trips over its unique index (23505).
      const code = (error as { code?: string }).code;
      if (code === '42P04' || code === '23505') return false;
      throw error;
    }
  });
}

export async function dropDatabase(url: string): Promise<void> {
  await withMaintenanceClient(url, async (client, database) => {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });
}
