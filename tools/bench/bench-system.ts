import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { LOCAL_DEFAULTS } from '@cz/config';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { APP_PROCESSES } from '../start/processes';

const ROOT = join(__dirname, '..', '..');

/** Ports the OS hands out, all held open at once so no two are the same, then released for the apps. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<Server>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Runs a TypeScript entry point as the npm scripts do; resolves with what it printed and its exit code. */
export function runScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Exact row counts of every table of the services' schemas, largest first. */
export async function rowCounts(url: string): Promise<Array<{ table: string; rows: number }>> {
  return withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS "name" FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema IN ('registry', 'applications', 'funding', 'assessment', 'notifications') ORDER BY 1`,
    );
    if (tables.length === 0) return [];
    const { rows } = await client.query<{ table: string; rows: string }>(tables.map(({ name }) => `SELECT '${name}' AS "table", count(*) AS "rows" FROM ${name}`).join(' UNION ALL '));
    return rows.map((row) => ({ table: row.table, rows: Number(row.rows) })).sort((a, b) => b.rows - a.rows || a.table.localeCompare(b.table));
  });
}

export interface BenchSystem {
  gatewayUrl: string;
  /** The subgraphs' ports, for their /metrics. */
  subgraphPorts: number[];
  startedInSeconds: number;
  stop: () => Promise<void>;
}

/**
 * `npm start --no-seed`'s launcher on the given database, free ports and a queue prefix of its
 * own, as the end-to-end tests start the system; resolves when it reports the platform up.
 */
export async function startSystem(databaseUrl: string): Promise<BenchSystem> {
  const ports = await freePorts(APP_PROCESSES.length);
  const queuePrefix = `bench-${randomBytes(4).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? LOCAL_DEFAULTS.redisUrl,
    QUEUE_PREFIX: queuePrefix,
    ...Object.fromEntries(APP_PROCESSES.map((app, index) => [app.portVariable, String(ports[index])])),
  };
  const started = performance.now();
  const launcher: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/start/start.ts', '--no-seed'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  for (const stream of [launcher.stdout, launcher.stderr]) stream?.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000)));
  const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (launcher.exitCode === null && launcher.signalCode === null) {
      launcher.kill('SIGINT');
      const timer = setTimeout(() => launcher.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    await deleteQueueKeys(env.REDIS_URL as string, queuePrefix);
  };
  const deadline = Date.now() + 240_000;
  while (!output.includes('the platform is up')) {
    if (launcher.exitCode !== null || output.includes('npm start failed') || Date.now() > deadline) {
      await stop();
      throw new Error(`the system did not start:\n${output.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const portOf = (name: string) => ports[APP_PROCESSES.findIndex((app) => app.name === name)];
  return {
    gatewayUrl: `http://127.0.0.1:${portOf('gateway')}/graphql`,
    subgraphPorts: ['park-registry', 'applications', 'funding', 'assessment', 'notifications'].map(portOf),
    startedInSeconds: (performance.now() - started) / 1000,
    stop,
  };
}

/** The run's queues leave nothing behind in Redis. */
async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: null });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 500 })) if ((keys as string[]).length > 0) await redis.del(...(keys as string[]));
  } finally {
    redis.disconnect();
  }
}

/** SQL statements the subgraphs issued while serving GraphQL so far (their /metrics counters, summed). */
export async function sqlStatements(ports: readonly number[]): Promise<number> {
  const counts = await Promise.all(
    ports.map(async (port) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return Number(/^graphql_sql_statements_total (\d+)/m.exec(text)?.[1] ?? 0);
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}
