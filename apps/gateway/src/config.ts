import { assertProductionSafe, env, keyList, loadConfig, LOCAL_DEFAULTS, queuePrefix, subgraphUrl } from '@cz/config';
import { USER_TOKEN_AUDIENCE, USER_TOKEN_ISSUER } from '@cz/identity-tokens';
import { z } from 'zod';

/** A positive whole number: one of the query limits. */
const limit = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** `<count>/<seconds>`: at most that many mutations in each window of that many seconds. */
const rate = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => /^[1-9]\d*\/[1-9]\d*$/.test(value), 'must be <count>/<seconds>, e.g. 600/60')
    .transform((value) => {
      const [max, windowSeconds] = value.split('/').map(Number);
      return { max, windowSeconds };
    });

/** The gateway's configuration, read once at start; subgraph URLs default to the subgraphs' port variables. */
export function readConfig(source: NodeJS.ProcessEnv = process.env) {
  const { ports } = LOCAL_DEFAULTS;
  const config = loadConfig(
    {
      NODE_ENV: env.nodeEnv(),
      LOG_LEVEL: env.logLevel(),
      GATEWAY_PORT: env.port(ports.gateway),
      /** HS256 secret for user tokens (local use); ignored when JWKS_URL is set. */
      JWT_SECRET: env.secret(LOCAL_DEFAULTS.jwtSecret),
      /** The identity provider's key set, for real deployments. */
      JWKS_URL: z.url().optional(),
      JWT_ISSUER: z.string().default(USER_TOKEN_ISSUER),
      JWT_AUDIENCE: z.string().default(USER_TOKEN_AUDIENCE),
      /** Signs the identity forwarded to subgraphs; the first key of the list signs. */
      INTERNAL_IDENTITY_KEYS: keyList(LOCAL_DEFAULTS.internalIdentityKey),
      REGISTRY_URL: subgraphUrl(source, 'REGISTRY_PORT', ports.registry),
      APPLICATIONS_URL: subgraphUrl(source, 'APPLICATIONS_PORT', ports.applications),
      FUNDING_URL: subgraphUrl(source, 'FUNDING_PORT', ports.funding),
      ASSESSMENT_URL: subgraphUrl(source, 'ASSESSMENT_PORT', ports.assessment),
      NOTIFICATIONS_URL: subgraphUrl(source, 'NOTIFICATIONS_PORT', ports.notifications),
      BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('100kb'),
      /** Express `trust proxy`: set to the load balancer's hops or addresses so X-Forwarded-For is believed; never by default. */
      TRUST_PROXY: z.string().default('false'),
      /** Rate-limit counters live in Redis so that every gateway replica counts against the same budget. */
      REDIS_URL: env.redisUrl(LOCAL_DEFAULTS.redisUrl),
      /** The deployment's Redis namespace, shared with the queues; rate-limit keys are `<prefix>:rate:…`. */
      QUEUE_PREFIX: queuePrefix(),
      // Query limits (graphql-armor), checked before any subgraph is asked. The defaults pass every
      // operation the frontends send with room to spare (the largest, 100 parks with everything, is
      // depth 5 and costs about 12,700); apps/gateway/src/query-limits.spec.ts holds them to that.
      QUERY_MAX_DEPTH: limit(10),
      QUERY_MAX_ALIASES: limit(30),
      QUERY_MAX_DIRECTIVES: limit(20),
      QUERY_MAX_TOKENS: limit(2000),
      QUERY_MAX_COST: limit(50_000),
      /** Mutations per signed-in person (token subject) and window; a person clicks far slower, a script does not. */
      RATE_LIMIT_MUTATIONS: rate('600/60'),
      /** Mutations without a token (filing an objection) per client address and window. */
      RATE_LIMIT_PUBLIC: rate('30/3600'),
      /** `enforce`: execute only the operations of apps/gateway/persisted-operations.json. */
      OPERATION_ALLOWLIST: z.enum(['off', 'enforce']).default('off'),
    },
    source,
  );
  assertProductionSafe(config);
  return config;
}
export type GatewayConfig = ReturnType<typeof readConfig>;
export type RateLimit = GatewayConfig['RATE_LIMIT_MUTATIONS'];
