import { parseArgs } from 'node:util';
import type { Identity } from '@cz/auth';
import { LOCAL_DEFAULTS } from '@cz/config';
import { dropDatabase, ensureDatabase } from '@cz/db';
import { FIRST_YEAR, LAST_YEAR } from '@cz/demo-data';
import { mintUserToken } from '@cz/identity-tokens';
import { type BenchSystem, rowCounts, runScript, sqlStatements, startSystem, withClient } from './bench-system';
import { fullSelection, INTROSPECTION_QUERY, type IntrospectedType, queryFieldType } from './selection';
import { summarise, table, type Timings } from './timings';

const USAGE = `npm run bench:statistics [-- --scale 1] [--seed 1] [--runs 20] [--warmup 3] [--database czhr_bench] [--keep]
  Seeds the scaled city into a fresh database, starts the system on free ports, and times every
  statistics query through the gateway (median and p95 of --runs warm runs, and their ratio to the
  trivial { counties { code } } baseline in the same run). Exits 1 if a median reaches 1000 ms.
  --keep leaves the database in place and reuses it (with its data) next time.`;

/** A query the data team's dashboards send: every statistics query, unfiltered and filtered. */
interface Case {
  label: string;
  field: string;
  args: string;
}

const COUNTY = '140403';
const CASES: readonly Case[] = [
  { label: 'parkStatistics', field: 'parkStatistics', args: '' },
  { label: `parkStatistics(countyCode: ${COUNTY})`, field: 'parkStatistics', args: `(countyCode: "${COUNTY}")` },
  { label: 'applicationStatistics', field: 'applicationStatistics', args: '' },
  { label: `applicationStatistics(${FIRST_YEAR}–${LAST_YEAR})`, field: 'applicationStatistics', args: `(fromYear: ${FIRST_YEAR}, toYear: ${LAST_YEAR})` },
  { label: `applicationStatistics(${FIRST_YEAR}–${LAST_YEAR}, ${COUNTY})`, field: 'applicationStatistics', args: `(fromYear: ${FIRST_YEAR}, toYear: ${LAST_YEAR}, countyCode: "${COUNTY}")` },
  { label: 'fundingStatistics', field: 'fundingStatistics', args: '' },
  { label: `fundingStatistics(${FIRST_YEAR}–${LAST_YEAR})`, field: 'fundingStatistics', args: `(fromYear: ${FIRST_YEAR}, toYear: ${LAST_YEAR})` },
  { label: `fundingStatistics(${FIRST_YEAR}–${LAST_YEAR}, ${COUNTY})`, field: 'fundingStatistics', args: `(fromYear: ${FIRST_YEAR}, toYear: ${LAST_YEAR}, countyCode: "${COUNTY}")` },
  { label: 'assessmentStatistics', field: 'assessmentStatistics', args: '' },
  { label: `assessmentStatistics(${FIRST_YEAR}–${LAST_YEAR})`, field: 'assessmentStatistics', args: `(fromYear: ${FIRST_YEAR}, toYear: ${LAST_YEAR})` },
  { label: `assessmentStatistics(${FIRST_YEAR}–${LAST_YEAR}, ${COUNTY})`, field: 'assessmentStatistics', args: `(fromYear: ${FIRST_YEAR}, toYear: ${LAST_YEAR}, countyCode: "${COUNTY}")` },
  { label: 'fundingYear(2024)', field: 'fundingYear', args: '(year: 2024)' },
  { label: `fundingYear(2024, ${COUNTY})`, field: 'fundingYear', args: `(year: 2024, countyCode: "${COUNTY}")` },
];
const BASELINE = '{ counties { code } }';
const ROLES: ReadonlyArray<Identity> = [
  { subject: 'bench-data-team', role: 'DATA_TEAM' },
  { subject: 'bench-city-bureau', role: 'CITY_BUREAU' },
];
const LIMIT_MS = 1000;

const ms = (value: number) => value.toFixed(1);
/** Per request, over the timed runs; a fraction means something else (the worker's sweep) was served meanwhile. */
const statements = (perRequest: number) => (Number.isInteger(perRequest) ? String(perRequest) : perRequest.toFixed(1));
const count = (value: number) => value.toLocaleString('en-US');

async function post(url: string, token: string, query: string): Promise<{ data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return (await response.json()) as Awaited<ReturnType<typeof post>>;
}

/** Times a query `runs` times, one request after another; every answer must carry no error. */
async function time(system: BenchSystem, token: string, query: string, runs: number): Promise<{ timings: Timings; sqlPerRequest: number; bytes: number }> {
  const statementsBefore = await sqlStatements(system.subgraphPorts);
  const samples: number[] = [];
  let bytes = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const answer = await post(system.gatewayUrl, token, query);
    samples.push(performance.now() - started);
    if (answer.errors?.length) throw new Error(`${answer.errors[0].extensions?.code ?? 'ERROR'}: ${answer.errors[0].message}`);
    bytes = JSON.stringify(answer.data).length;
  }
  const statements = (await sqlStatements(system.subgraphPorts)) - statementsBefore;
  return { timings: summarise(samples), sqlPerRequest: statements / runs, bytes };
}

const hasParks = (url: string) => withClient(url, async (client) => (await client.query(`SELECT to_regclass('registry.park') IS NOT NULL AND EXISTS (SELECT 1 FROM registry.park) AS "seeded"`)).rows[0].seeded as boolean);

/** Seeds the scaled city into a fresh database (or reuses a kept one that has it); reports what it did. */
async function prepareDatabase(url: string, options: { scale: string; seed: string; keep: boolean }): Promise<string> {
  if (options.keep && !(await ensureDatabase(url)) && (await hasParks(url))) return 'reused the kept database (seeded by an earlier run; its seeding is not timed again)';
  if (!options.keep) {
    await dropDatabase(url);
    await ensureDatabase(url);
  }
  const started = performance.now();
  const seeded = await runScript('tools/seed/seed.ts', ['--scale', options.scale, '--seed', options.seed], { ...process.env, DATABASE_URL: url });
  if (seeded.code !== 0) throw new Error(`the scaled seed failed:\n${seeded.output}`);
  return `${seeded.output.trim()}\nseed wall time ${((performance.now() - started) / 1000).toFixed(1)} s`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '1' }, runs: { type: 'string', default: '20' }, warmup: { type: 'string', default: '3' }, database: { type: 'string', default: 'czhr_bench' }, keep: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = Number(values.runs);
  const warmup = Number(values.warmup);
  if (!(Number.isInteger(runs) && runs >= 5) || !(Number.isInteger(warmup) && warmup >= 0)) throw new Error('--runs must be an integer of at least 5, --warmup a non-negative integer');
  if (!/^czhr_bench[a-z0-9_]*$/.test(values.database)) throw new Error('--database must start with czhr_bench: the benchmark drops it');
  const url = Object.assign(new URL(process.env.DATABASE_URL ?? LOCAL_DEFAULTS.databaseUrl), { pathname: `/${values.database}` }).toString();

  console.log(`Scaled city (scale ${values.scale}, seed ${values.seed}) into ${values.database}…`);
  console.log(await prepareDatabase(url, { scale: values.scale, seed: values.seed, keep: values.keep }));
  const counts = await rowCounts(url);
  console.log(`\nRows in the database: ${count(counts.reduce((sum, row) => sum + row.rows, 0))} in ${counts.length} tables; largest: ${counts.slice(0, 8).map((row) => `${row.table} ${count(row.rows)}`).join(', ')}`);

  const system = await startSystem(url);
  let slow = 0;
  let failed = 0;
  try {
    console.log(`System up in ${system.startedInSeconds.toFixed(1)} s (gateway ${system.gatewayUrl}); per role ${warmup} untimed runs of every query, then ${runs} timed runs each, one request at a time.\n`);
    const rows: string[][] = [];
    for (const identity of ROLES) {
      // The system runs with the local defaults (its environment is the benchmark's own), so tokens are signed with them.
      const token = await mintUserToken(identity, { secret: LOCAL_DEFAULTS.jwtSecret, expiresIn: '2h' });
      const schema = await post(system.gatewayUrl, token, INTROSPECTION_QUERY);
      const types = (schema.data?.__schema as { types: IntrospectedType[] } | undefined)?.types ?? [];
      const queries = CASES.map((testCase) => {
        const type = queryFieldType(testCase.field, types);
        return { ...testCase, query: type ? `{ ${testCase.field}${testCase.args} ${fullSelection(type, types)} }` : null };
      });
      // One untimed pass over everything first, so no timed query pays for the gateway's and the
      // subgraphs' first plans and compilations; then the baseline, then each query in turn.
      for (const query of [BASELINE, ...queries.map((entry) => entry.query)]) if (query) for (let run = 0; run < warmup; run += 1) await post(system.gatewayUrl, token, query);
      const baseline = await time(system, token, BASELINE, runs);
      rows.push([`${BASELINE} (baseline)`, identity.role, ms(baseline.timings.median), ms(baseline.timings.p95), '1.0', statements(baseline.sqlPerRequest), count(baseline.bytes)]);
      for (const entry of queries) {
        if (!entry.query) {
          rows.push([entry.label, identity.role, 'skipped: not in the supergraph yet', '', '', '', '']);
          continue;
        }
        try {
          const result = await time(system, token, entry.query, runs);
          slow += result.timings.median >= LIMIT_MS ? 1 : 0;
          rows.push([entry.label, identity.role, ms(result.timings.median), ms(result.timings.p95), (result.timings.median / baseline.timings.median).toFixed(1), statements(result.sqlPerRequest), count(result.bytes)]);
        } catch (error) {
          failed += 1;
          rows.push([entry.label, identity.role, `error: ${(error as Error).message}`, '', '', '', '']);
        }
      }
    }
    console.log(table(['query', 'role', 'median ms', 'p95 ms', '× baseline', 'SQL/request', 'answer bytes'], rows));
  } finally {
    await system.stop();
    if (!values.keep) await dropDatabase(url);
  }
  console.log(`\n${slow === 0 && failed === 0 ? 'PASS' : 'FAIL'}: ${slow} quer${slow === 1 ? 'y' : 'ies'} with a median of ${LIMIT_MS} ms or more, ${failed} with errors.`);
  return slow === 0 && failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench:statistics failed: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(1);
  },
);
