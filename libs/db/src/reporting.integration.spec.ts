import { randomBytes } from 'node:crypto';
import { LOCAL_DEFAULTS } from '@cz/config';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dropDatabase, ensureDatabase } from './database-admin';
import { createReportingViews, dropReportingViews } from './reporting';
import type { ReportingView } from './reporting-view';

/** A view over `svc.item`, as a service's migration would declare one. */
const itemView = (name: string, extraColumn = false): ReportingView => ({
  name,
  comment: '测试视图 — test view',
  columns: { item_id: '编号 — item id', status: '状态 — status' },
  select: `SELECT item."id", item."status"${extraColumn ? ', item."secret"' : ''} FROM "svc"."item" item`,
});

describe('reporting views and their role (real PostgreSQL)', () => {
  // A role of this run's own: the real one exists already, so only a fresh name shows the race.
  const role = `czhr_reporting_test_${randomBytes(4).toString('hex')}`;
  const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? LOCAL_DEFAULTS.databaseUrl);
  const urls = [0, 1, 2].map(() => {
    const url = new URL(base);
    url.pathname = `/czhr_test_reporting_${randomBytes(4).toString('hex')}`;
    return url.toString();
  });
  const dataSources: DataSource[] = [];
  const asRole = (url: string) => {
    const target = new URL(url);
    target.username = role;
    return new Client({ connectionString: target.toString() });
  };
  /** One migration transaction, as TypeORM runs it. */
  const inTransaction = async (dataSource: DataSource, work: (runner: ReturnType<DataSource['createQueryRunner']>) => Promise<void>) => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    try {
      await work(runner);
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  };

  beforeAll(async () => {
    for (const url of urls) {
      await ensureDatabase(url);
      const dataSource = new DataSource({ type: 'postgres', url, poolSize: 4 });
      await dataSource.initialize();
      await dataSource.query(`CREATE SCHEMA svc`);
      await dataSource.query(`CREATE TABLE svc.item (id int PRIMARY KEY, status text NOT NULL, secret text NOT NULL)`);
      await dataSource.query(`INSERT INTO svc.item VALUES (1, 'OPEN', '13800001111')`);
      dataSources.push(dataSource);
    }
    // Creating and dropping databases waits for checkpoints, slow on a busy machine.
  }, 60_000);

  afterAll(async () => {
    for (const dataSource of dataSources) await dataSource.destroy();
    for (const url of urls) await dropDatabase(url);
    const maintenance = new URL(base);
    maintenance.pathname = '/postgres';
    const admin = new Client({ connectionString: maintenance.toString() });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  }, 60_000);

  it('creates the role once however many migrations of however many databases race for it', async () => {
    // Three databases migrating at once (tests), two services per database at once (npm start).
    await Promise.all(dataSources.flatMap((dataSource) => ['svc_a', 'svc_b'].map((name) => inTransaction(dataSource, (runner) => createReportingViews(runner, [itemView(name)], role)))));

    for (const url of urls) {
      const client = asRole(url);
      await client.connect();
      try {
        expect((await client.query(`SHOW default_transaction_read_only`)).rows).toEqual([{ default_transaction_read_only: 'on' }]);
        for (const name of ['svc_a', 'svc_b']) {
          expect((await client.query(`SELECT * FROM reporting.${name}`)).rows).toEqual([{ item_id: 1, status: 'OPEN' }]);
        }
        await expect(client.query(`SELECT * FROM svc.item`)).rejects.toMatchObject({ code: '42501' });
      } finally {
        await client.end();
      }
    }
    const [{ comment }] = await dataSources[0].query(`SELECT col_description('reporting.svc_a'::regclass, 2) AS "comment"`);
    expect(comment).toBe('状态 — status');
  });

  it('refuses a view whose SELECT yields a column it does not document, and creates nothing', async () => {
    await expect(inTransaction(dataSources[0], (runner) => createReportingViews(runner, [itemView('svc_leaky', true)], role))).rejects.toThrow('reporting view svc_leaky yields 3 columns but documents 2');
    expect(await dataSources[0].query(`SELECT to_regclass('reporting.svc_leaky') AS "view"`)).toEqual([{ view: null }]);
  });

  it('drops the views on the way down and keeps the schema and the role for the others', async () => {
    await inTransaction(dataSources[1], (runner) => dropReportingViews(runner, [itemView('svc_a'), itemView('svc_b')]));
    const [state] = await dataSources[1].query(
      `SELECT to_regclass('reporting.svc_a') AS "a", to_regnamespace('reporting') IS NOT NULL AS "schema", EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS "role"`,
      [role],
    );
    expect(state).toEqual({ a: null, schema: true, role: true });
  });

  it('sets the password from REPORTING_DB_PASSWORD, and refuses a short one by name', async () => {
    const passwordOf = async () => (await dataSources[2].query(`SELECT rolpassword FROM pg_authid WHERE rolname = $1`, [role]))[0].rolpassword as string | null;
    expect(await passwordOf()).toBeNull();
    process.env.REPORTING_DB_PASSWORD = 'short';
    try {
      await expect(inTransaction(dataSources[2], (runner) => createReportingViews(runner, [itemView('svc_c')], role))).rejects.toThrow(/REPORTING_DB_PASSWORD: must be at least 16 characters/);
      process.env.REPORTING_DB_PASSWORD = 'a-long-enough-password-for-bi';
      await inTransaction(dataSources[2], (runner) => createReportingViews(runner, [itemView('svc_c')], role));
    } finally {
      delete process.env.REPORTING_DB_PASSWORD;
    }
    expect(await passwordOf()).toMatch(/^SCRAM-SHA-256\$/);
  });
});
