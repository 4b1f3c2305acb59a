import { assertProductionSafe, clockOffsetMs, env, keyList, loadConfig, LOCAL_DEFAULTS, queuePrefix } from '@cz/config';

const commonShape = {
  NODE_ENV: env.nodeEnv(),
  LOG_LEVEL: env.logLevel(),
  DATABASE_URL: env.postgresUrl(LOCAL_DEFAULTS.databaseUrl),
  REDIS_URL: env.redisUrl(LOCAL_DEFAULTS.redisUrl),
  QUEUE_PREFIX: queuePrefix(),
  /** Keys whose gateway signatures are accepted; more than one only during a rotation. */
  INTERNAL_IDENTITY_KEYS: keyList(LOCAL_DEFAULTS.internalIdentityKey),
  /** Load the demo data set when the service's tables are empty (set by `npm start`). */
  SEED_DEMO_ON_EMPTY: env.flag(false),
  /** Shifts the service's clock (tests, demos); must be 0 in production. */
  CLOCK_OFFSET_MS: clockOffsetMs(),
};

/** The configuration every subgraph reads; only the name and default of the port differ. */
export function readSubgraphConfig(portVariable: string, defaultPort: number, source: NodeJS.ProcessEnv = process.env) {
  const { [portVariable]: port, ...common } = loadConfig({ ...commonShape, [portVariable]: env.port(defaultPort) }, source) as Record<string, unknown>;
  const config = { ...(common as ReturnType<typeof loadConfig<typeof commonShape>>), PORT: port as number };
  assertProductionSafe(config);
  return config;
}
export type SubgraphConfig = ReturnType<typeof readSubgraphConfig>;
