import { LOCAL_DEFAULTS } from '@cz/config';
import { createTestDatabase, deleteQueueKeys, freePort, RunningProcess, TEST_REDIS_URL, type TestDatabase, testQueuePrefix, waitFor } from '@cz/testing';

export interface RunningSystem {
  gatewayUrl: string;
  ports: Record<'gateway' | 'registry' | 'applications' | 'funding' | 'assessment' | 'notifications' | 'worker', number>;
  env: NodeJS.ProcessEnv;
  database: TestDatabase;
  queuePrefix: string;
  process: RunningProcess;
  /** Ctrl-C, as a user would; resolves to the exit code of `npm start`. */
  stop: () => Promise<number | null>;
  /** Every line the launcher and its processes (subgraphs, worker, gateway) wrote so far, also after stop. */
  logs: () => string[];
}

/**
 * Runs `npm start`'s launcher on a fresh database, its own queue prefix and free ports, and waits
 * until it reports the gateway ready.
 */
export interface SystemOptions {
  extraEnv?: NodeJS.ProcessEnv;
  /** Reuse a database (and keep it on stop): a second run of the system over the first one's data. */
  database?: TestDatabase;
  queuePrefix?: string;
  /** The instant the services' clock shows at start (CLOCK_OFFSET_MS, shared by every process). */
  clockAt?: string;
}

export async function startSystem(label: string, options: SystemOptions = {}): Promise<RunningSystem> {
  const database = options.database ?? (await createTestDatabase(label));
  const queuePrefix = options.queuePrefix ?? testQueuePrefix(label);
  const ports = { gateway: await freePort(), registry: await freePort(), applications: await freePort(), funding: await freePort(), assessment: await freePort(), notifications: await freePort(), worker: await freePort() };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    LOG_FORMAT: 'json',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    GATEWAY_PORT: String(ports.gateway),
    REGISTRY_PORT: String(ports.registry),
    APPLICATIONS_PORT: String(ports.applications),
    FUNDING_PORT: String(ports.funding),
    ASSESSMENT_PORT: String(ports.assessment),
    NOTIFICATIONS_PORT: String(ports.notifications),
    WORKER_PORT: String(ports.worker),
    JWT_SECRET: LOCAL_DEFAULTS.jwtSecret,
    CLOCK_OFFSET_MS: options.clockAt ? String(Date.parse(options.clockAt) - Date.now()) : '0',
    ...options.extraEnv,
  };
  const launcher = new RunningProcess('tools/start/start.ts', env);
  try {
    await waitFor(async () => (launcher.text.includes('the platform is up') ? true : launcher.output.some((line) => line.includes('npm start failed')) ? Promise.reject(new Error(launcher.text.slice(-3000))) : undefined), 'npm start to report the platform up', 90_000, 200);
  } catch (error) {
    await launcher.stop('SIGTERM');
    if (!options.database) await database.drop();
    throw error;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`,
    ports,
    env,
    database,
    queuePrefix,
    process: launcher,
    logs: () => [...launcher.output],
    stop: async () => {
      const code = await launcher.stop('SIGINT');
      if (!options.database) await database.drop();
      if (!options.queuePrefix) await deleteQueueKeys(queuePrefix);
      return code;
    },
  };
}

/** Reads a counter from a service's /metrics. */
export async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (!line) throw new Error(`metric ${name} not found on port ${port}`);
  return Number(line.split(' ')[1]);
}
