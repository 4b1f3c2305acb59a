import { env, keyList, loadConfig, LOCAL_DEFAULTS, queuePrefix } from '@cz/config';

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
};

/** The configuration every subgraph reads; only the name and default of the port differ. */
export function readSubgraphConfig(portVariable: string, defaultPort: number, source: NodeJS.ProcessEnv = process.env) {
  const { [portVariable]: port, ...common } = loadConfig({ ...commonShape, [portVariable]: env.port(defaultPort) }, source) as Record<string, unknown>;
  return { ...(common as ReturnType<typeof loadConfig<typeof commonShape>>), PORT: port as number };
}
export type SubgraphConfig = ReturnType<typeof readSubgraphConfig>;
