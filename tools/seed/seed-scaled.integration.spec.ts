import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { LOCAL_DEFAULTS } from '@cz/config';
import { dropDatabase, ensureDatabase } from '@cz/db';
import { generateScaledCity } from '@cz/demo-data';
import { Client } from 'pg';

const ROOT = join(__dirname, '..', '..');
const OPTIONS = ['--scale', '0.05', '--seed', '11'];

/** `npm run seed` as a user runs it, against the given database. */
function runSeed(url: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-r', '@swc-node/register', 'tools/seed/seed.ts', ...OPTIONS], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, maxBuffer: 10_000_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('npm run seed -- --scale (a small city into a fresh database)', () => {
  const url = Object.assign(new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? LOCAL_DEFAULTS.databaseUrl), { pathname: `/czhr_test_scaled_seed_${randomBytes(4).toString('hex')}` }).toString();
  const city = generateScaledCity({ seed: 11, scale: 0.05 });
  let client: Client;
  let first: { code: number; output: string };
  const count = async (table: string) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  const parkIds = async (table: string) => (await client.query(`SELECT ${table.endsWith('.park') ? 'id' : 'park_id'} AS id FROM ${table} ORDER BY 1`)).rows.map((row) => row.id);

  beforeAll(async () => {
    await ensureDatabase(url);
    first = await runSeed(url);
    client = new Client({ connectionString: url });
    await client.connect();
  }, 300_000);

  afterAll(async () => {
    await client?.end();
    await dropDatabase(url);
  });

  it('loads every service part without a constraint or trigger refusing a row, and says what it wrote', () => {
    expect(first.output).not.toMatch(/failed|refused/);
    expect(first.code).toBe(0);
    for (const service of ['park-registry', 'applications', 'funding', 'assessment']) expect(first.output).toMatch(new RegExp(`${service}: loaded [\\d,]+ rows in [\\d.]+ s`));
    expect(first.output).toMatch(/notifications: nothing to scale/);
    expect(first.output).toMatch(/total: [\d,]+ rows in [\d.]+ s/);
  });

  it('writes exactly the generated rows, each service its own tables', async () => {
    const expected: Array<[string, number]> = [
      ['registry.park', city.registry.park.length],
      ['registry.resident_institution', city.registry.residentInstitution.length],
      ['registry.park_status_history', city.registry.parkStatusHistory.length],
      ['applications.application', city.applications.application.length],
      ['applications.application_transition', city.applications.applicationTransition.length],
      ['applications.publicity', city.applications.publicity.length],
      ['applications.policy_version', 2],
      ['funding.funding_award', city.funding.fundingAward.length],
      ['funding.ledger_entry', city.funding.ledgerEntry.length],
      ['funding.spending_review', city.funding.spendingReview.length],
      ['funding.yearly_target', city.funding.yearlyTarget.length],
      ['assessment.assessment', city.assessment.assessment.length],
      ['assessment.indicator_score', city.assessment.indicatorScore.length],
      ['assessment.assessment_cycle', city.assessment.assessmentCycle.length],
      // Nothing arrives by event: every copy is written as the events would have left it.
      ['registry.outbox_event', 0],
      ['notifications.notification', 0],
    ];
    const actual: Array<[string, number]> = [];
    for (const [table] of expected) actual.push([table, await count(table)]);
    expect(actual).toEqual(expected);
    expect(city.registry.park.length).toBeGreaterThanOrEqual(13);
  });

  it('gives every service the same parks, and money the ledger view can account for', async () => {
    const parks = await parkIds('registry.park');
    for (const copy of ['applications.park_ref', 'funding.park_ref', 'assessment.park_ref']) expect(await parkIds(copy)).toEqual(parks);
    const { rows } = await client.query(`SELECT count(*) FILTER (WHERE paid_fen > granted_fen) AS overpaid, count(*) FILTER (WHERE spent_fen > paid_fen) AS overspent, count(*) AS awards FROM funding.award_ledger_totals`);
    expect(rows[0]).toEqual({ overpaid: '0', overspent: '0', awards: expect.any(String) });
    // The ids came from the ledger's own sequence, so the next entry the service writes follows them.
    const sequence = await client.query(`SELECT last_value FROM funding.ledger_entry_id_seq`);
    expect(Number(sequence.rows[0].last_value)).toBe(city.funding.ledgerEntry.length + city.funding.spendingReview.length);
  });

  it('refuses to load into tables that already have rows, changing nothing', async () => {
    const before = await count('funding.ledger_entry');
    const again = await runSeed(url);
    expect(again.code).not.toBe(0);
    expect(again.output).toMatch(/refused: registry\.park already has rows/);
    expect(await count('funding.ledger_entry')).toBe(before);
    expect(await count('registry.park')).toBe(city.registry.park.length);
  }, 300_000);
});
